import { hasPath, setPath } from '../spec/paths';
import { numberBounds, type NumberBounds } from '../spec/bounds';
import type { ExperimentSpec } from '../spec/schema';
import { denseLayerSchema, earlyStoppingSchema, mlpSpecSchema, specBaseSchema, trainingSpecSchema } from '../spec/sections';

/** A value a searched field can take. */
export type ParamValue = number | string | boolean;
/** One candidate: a value for each searched path. */
export type Candidate = Record<string, ParamValue>;

/**
 * Paths that are not spec fields but change the network's shape, as GridSearchCV searches
 * MLPClassifier's hidden_layer_sizes: the number of hidden layers (copies of the first) and the
 * units of every hidden layer.
 */
export const VIRTUAL_PATHS = { 'model.depth': 'hidden layers', 'model.width': 'units per hidden layer' } as const;

/** Suggestions for the UI: the fields the seed names (structure, parameters, training strategy), with their labels. */
export const SEARCHABLE: { path: string; label: string }[] = [
  { path: 'training.learningRate', label: 'Learning rate' },
  { path: 'training.optimizer', label: 'Optimizer' },
  { path: 'training.momentum', label: 'Momentum' },
  { path: 'training.nesterov', label: 'Nesterov momentum' },
  { path: 'training.beta1', label: 'Adam β1' },
  { path: 'training.beta2', label: 'Adam β2' },
  { path: 'training.batchSize', label: 'Batch size' },
  { path: 'training.epochs', label: 'Epochs' },
  { path: 'training.schedule.kind', label: 'Learning-rate schedule' },
  { path: 'model.l1', label: 'L1' },
  { path: 'model.l2', label: 'L2' },
  { path: 'model.hidden.0.dropout', label: 'Dropout (layer 1)' },
  { path: 'model.hidden.0.activation', label: 'Activation (layer 1)' },
  { path: 'model.hidden.0.units', label: 'Units (layer 1)' },
  { path: 'model.width', label: 'Units of every hidden layer' },
  { path: 'model.depth', label: 'Number of hidden layers' },
];

/** What a search may not change: every candidate is scored on the same data and folds, from the same seed. */
const FIXED = ['task', 'seed', 'cv', 'dataset', 'backend', 'preprocessing', 'version'];

export class SearchError extends Error {
  override name = 'SearchError';
}

/** Checks that a path can be searched on this spec. */
export function checkSearchPath(spec: ExperimentSpec, path: string): void {
  const top = path.split('.')[0] ?? '';
  if (FIXED.includes(top)) throw new SearchError(`"${path}" cannot be searched: every candidate is scored on the same data and folds, from the same seed.`);
  if (path in VIRTUAL_PATHS) return;
  const parent = path.split('.').slice(0, -1).join('.');
  // A field a candidate may add (Adam's betas, Nesterov) counts when its parent exists; a schedule is created with its defaults.
  if (!hasPath(spec, path) && !(parent && hasPath(spec, parent)) && !path.startsWith('training.schedule.')) {
    throw new SearchError(`"${path}" is not a field of this experiment (e.g. training.learningRate, model.hidden.0.units, model.depth).`);
  }
}

/** The spec with a candidate's values set (virtual paths expanded); validated by the caller. */
export function applyCandidate(spec: ExperimentSpec, candidate: Candidate): ExperimentSpec {
  let out = structuredClone(spec);
  for (const [path, value] of Object.entries(candidate)) {
    if ((path === 'model.depth' || path === 'model.width') && out.model.kind === 'imported') throw new SearchError(`${path} reshapes the built-in model; an imported model's layers are its own.`);
    if (out.model.kind === 'imported') {
      out = setPath(out, path, value);
    } else if (path === 'model.depth') {
      const first = out.model.hidden[0] ?? { units: 32, activation: 'relu' as const, dropout: 0 };
      out.model.hidden = Array.from({ length: Number(value) }, () => ({ ...first }));
    } else if (path === 'model.width') {
      out.model.hidden = out.model.hidden.map((h) => ({ ...h, units: Number(value) }));
    } else if (path.startsWith('training.schedule.') && !out.training.schedule) {
      out.training.schedule = { kind: 'constant', warmupEpochs: 0, stepEpochs: 30, gamma: 0.5, minLearningRate: 0 };
      out = setPath(out, path, value);
    } else out = setPath(out, path, value);
  }
  return out;
}

/** A candidate as text: "training.learningRate = 0.01, model.depth = 2". */
export const candidateText = (c: Candidate): string =>
  Object.entries(c)
    .map(([k, v]) => `${k} = ${typeof v === 'string' ? v : String(v)}`)
    .join(', ');

/** Bounds of a numeric searched field (for ranges: integer fields round), when it has them. */
export function fieldBounds(path: string): NumberBounds | null {
  const tail = path.split('.');
  try {
    if (path === 'model.depth') return { min: 0, max: 16, integer: true, exclusiveMin: false, exclusiveMax: false };
    if (path === 'model.width') return numberBounds(denseLayerSchema, 'units');
    if (tail[0] === 'training' && tail[1] === 'earlyStopping') return numberBounds(earlyStoppingSchema, tail.slice(2).join('.'));
    if (tail[0] === 'training') return numberBounds(trainingSpecSchema, tail.slice(1).join('.'));
    if (tail[0] === 'model' && tail[1] === 'hidden') return numberBounds(denseLayerSchema, tail.slice(3).join('.'));
    if (tail[0] === 'model') return numberBounds(mlpSpecSchema, tail.slice(1).join('.'));
  } catch {
    return null;
  }
  return null;
}

/** Parses "0.001, 0.01, 0.1" or "adam, sgd" or "true, false" into values (numbers and booleans as such). */
export function parseValues(text: string): ParamValue[] {
  const parts = text.split(',').map((p) => p.trim()).filter((p) => p !== '');
  if (parts.length === 0) throw new SearchError('Give at least one value, separated by commas.');
  return parts.map((p) => (p === 'true' ? true : p === 'false' ? false : p !== '' && Number.isFinite(Number(p)) ? Number(p) : p));
}

/** Parses "LO:HI" or "LO:HI:log" (a range to draw from). */
export function parseRange(text: string): { low: number; high: number; log: boolean } {
  const [lo, hi, scale, ...rest] = text.split(':').map((s) => s.trim());
  const low = Number(lo);
  const high = Number(hi);
  if (rest.length || lo === undefined || hi === undefined || lo === '' || hi === '' || !Number.isFinite(low) || !Number.isFinite(high) || (scale !== undefined && scale !== 'log' && scale !== 'linear')) {
    throw new SearchError(`"${text}" is not a range: write LOW:HIGH or LOW:HIGH:log, e.g. 1e-4:1e-1:log.`);
  }
  if (!(low < high)) throw new SearchError(`The range ${text} must go from a lower to a higher value.`);
  if (scale === 'log' && low <= 0) throw new SearchError(`A log range needs positive bounds (${text}).`);
  return { low, high, log: scale === 'log' };
}

/** Validates every candidate's spec; the first invalid one is named with the schema's message. */
export function checkCandidates(spec: ExperimentSpec, candidates: readonly Candidate[]): ExperimentSpec[] {
  return candidates.map((c, i) => {
    const s = applyCandidate(spec, c);
    // A candidate changes the data-independent sections only (model, training): those are checked.
    const { version: _v, task: _t, ...base } = s;
    const r = specBaseSchema.safeParse(base);
    if (!r.success) {
      const issue = r.error.issues[0];
      throw new SearchError(`Candidate ${i + 1} (${candidateText(c)}) is not a valid experiment: ${issue ? `${issue.path.map(String).join('.')}: ${issue.message}` : 'invalid'}.`);
    }
    return s;
  });
}
