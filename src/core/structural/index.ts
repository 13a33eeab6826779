// Structural (neuron- and layer-level) pruning of MLPs: score, select, shrink, measure, run.
export { CRITERIA, activationStatistics, needsRows, scoreUnits, taylorScores, weightNorms, type Criterion, type ScoreOptions, type UnitScores } from './criteria';
export { accountStructure, flopsSpeedup, latencyBatch, measureLatency, type LatencyOptions, type LatencyStats, type StructureAccount } from './latency';
export { SELECT_MODES, keptAfterStep, normaliseScores, selectGlobal, selectLayerwise, selectUnits, type GlobalNormalisation, type SelectMode, type SelectOptions } from './select';
export { maskUnits, removeLayer, shrinkMlp } from './shrink';
export { runStructuralFold, type StructuralHooks, type StructuralOptions, type StructuralResult, type StructuralSnapshot, type StructuralStep } from './structural';
