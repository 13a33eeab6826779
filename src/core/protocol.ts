import type { Split } from './cv/splits';
import type { Dataset } from './data/dataset';
import type { FoldResult } from './cv/plan';
import type { BackendChoice, BackendName, ExperimentSpec } from './spec/schema';
import type { EpochMetrics } from './train/loop';
import type { SweepDetail, SweepPoint } from './prune/sweep';
import type { SensitivityPoint } from './sensitivity/analysis';
import type { FeatureSelectionResult } from './features/run';
import type { StructuralResult, StructuralStep } from './structural/structural';

/**
 * The engine worker's API. The worker exposes an object that `satisfies EngineApi`; the app
 * wraps workers as `Remote<EngineApi>`. Only plain data and typed arrays cross; never tensors.
 */
export interface BackendInfo {
  name: BackendName;
  requested: BackendChoice;
  /** Why this backend: the user's choice, or what Auto saw (adapter, renderer, model size). */
  reason: string;
}

export interface BackendHint {
  /** Multiply-adds in one training step (batch × Σ fan_in·fan_out); Auto uses it to pick a backend. */
  macsPerStep: number;
}

export interface FoldJob {
  spec: ExperimentSpec;
  dataset: Dataset;
  fold: number;
  split: Split;
}

export type EpochListener = (fold: number, m: EpochMetrics) => void;

export interface StructuralListeners {
  onEpoch: EpochListener;
  onStep: (fold: number, step: StructuralStep) => void;
}

export interface SensitivityListeners {
  onEpoch: EpochListener;
  onPoint: (p: SensitivityPoint) => void;
}

export interface SweepListeners {
  onEpoch: EpochListener;
  onRetrainEpoch: (fold: number) => void;
  onPoint: (p: SweepPoint) => void;
  onDetail: (d: SweepDetail) => void;
}

export interface EngineApi {
  /** Selects and initialises a backend; resolves with the one in use and why. */
  init(choice: BackendChoice, hint: BackendHint): Promise<BackendInfo>;
  runFold(job: FoldJob, onEpoch: EpochListener): Promise<FoldResult>;
  /** One fold of a pruning sweep (spec.pruning): dense training, then every method × sparsity. */
  runSweepFold(job: FoldJob, listeners: SweepListeners): Promise<SweepPoint[]>;
  /** One fold of a sensitivity analysis (spec.sensitivity): each tensor pruned alone over the grid. */
  runSensitivityFold(job: FoldJob, listeners: SensitivityListeners): Promise<SensitivityPoint[]>;
  /** RFECV over the spec's folds (spec.featureSelection); plain JS, no tensors. */
  runFeatureSelection(job: FoldJob): Promise<FeatureSelectionResult>;
  /** One fold of structural pruning (spec.structural): dense training, unit ranking, shrink, fine-tune, latency. */
  runStructuralFold(job: FoldJob, listeners: StructuralListeners): Promise<StructuralResult>;
  /** Live tensors in this worker (0 between runs when nothing leaks). */
  tensorCount(): number;
}

/** Multiply-adds of one training step of an MLP with these layer sizes. */
export function macsPerStep(spec: ExperimentSpec, nFeatures: number, nClasses: number): number {
  const sizes = [nFeatures, ...spec.model.hidden.map((h) => h.units), nClasses];
  let macs = 0;
  for (let i = 0; i + 1 < sizes.length; i++) macs += (sizes[i] ?? 0) * (sizes[i + 1] ?? 0);
  return macs * spec.training.batchSize;
}
