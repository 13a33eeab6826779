import { roundHalfEven } from '../prune/select';

/**
 * Choosing which hidden units to remove, given importance scores (higher = more important).
 *
 * - 'layer': the same ratio in every hidden layer: round(ratio · n) units go from a layer of n
 *   (Python rounding, half to even, as torch.nn.utils.prune counts), lowest scores first, ties
 *   broken by index (the lower index goes first), and at least one unit always stays.
 * - 'global': scores are first normalised per layer so layers of different scale compete fairly,
 *   then one ranking across all hidden layers removes round(ratio · total) units, lowest first;
 *   ties → lower layer, then lower index; a unit is skipped when it is the last one left in its
 *   layer. Normalisation 'max' (default) divides a layer's scores by its largest |score|; 'l2'
 *   divides by the layer's L2 norm (Molchanov et al.'s layer-wise ℓ2 rescaling); 'none' ranks raw
 *   scores. A layer whose scores are all zero keeps them at zero.
 *
 * Results are the KEPT unit indices per hidden layer, ascending.
 */
export const SELECT_MODES = ['layer', 'global'] as const;
export type SelectMode = (typeof SELECT_MODES)[number];
export type GlobalNormalisation = 'max' | 'l2' | 'none';

export interface SelectOptions {
  mode: SelectMode;
  /** Fraction of hidden units to remove, in [0, 1). */
  ratio: number;
  /** 'global' mode only (default 'max'). */
  normalisation?: GlobalNormalisation;
}

type Scores = ArrayLike<number>;

export function selectUnits(scores: readonly Scores[], opts: SelectOptions): number[][] {
  checkRatio(opts.ratio);
  if (opts.mode === 'layer') return selectLayerwise(scores, scores.map((s) => roundHalfEven(opts.ratio * s.length)));
  const total = scores.reduce((n, s) => n + s.length, 0);
  return selectGlobal(scores, roundHalfEven(opts.ratio * total), opts.normalisation ?? 'max');
}

function checkRatio(ratio: number): void {
  if (!(ratio >= 0 && ratio < 1)) throw new Error(`The fraction of units to remove must be in [0, 1), got ${ratio}.`);
}

const ascending = (s: Scores) => (a: number, b: number) => (s[a] ?? 0) - (s[b] ?? 0) || a - b;

/** Removes `remove[i]` lowest-scoring units of layer i (capped so one stays); returns kept indices. */
export function selectLayerwise(scores: readonly Scores[], remove: readonly number[]): number[][] {
  return scores.map((s, i) => {
    const n = s.length;
    const k = Math.max(0, Math.min(n - 1, remove[i] ?? 0));
    const order = Array.from({ length: n }, (_, j) => j).sort(ascending(s));
    const gone = new Set(order.slice(0, k));
    return Array.from({ length: n }, (_, j) => j).filter((j) => !gone.has(j));
  });
}

/** Each layer's scores divided by its max |score| ('max') or L2 norm ('l2'); 'none' copies. */
export function normaliseScores(scores: readonly Scores[], how: GlobalNormalisation): Float64Array[] {
  return scores.map((s) => {
    const a = Float64Array.from(s);
    if (how === 'none') return a;
    const scale = how === 'max' ? a.reduce((m, v) => Math.max(m, Math.abs(v)), 0) : Math.sqrt(a.reduce((m, v) => m + v * v, 0));
    return scale > 0 ? a.map((v) => v / scale) : a;
  });
}

/** Removes `remove` units across layers from one ranking of normalised scores; ≥ 1 unit per layer stays. */
export function selectGlobal(scores: readonly Scores[], remove: number, how: GlobalNormalisation = 'max'): number[][] {
  const norm = normaliseScores(scores, how);
  const pool: { layer: number; unit: number; score: number }[] = [];
  norm.forEach((s, layer) => s.forEach((score, unit) => pool.push({ layer, unit, score })));
  pool.sort((a, b) => a.score - b.score || a.layer - b.layer || a.unit - b.unit);
  const alive = scores.map((s) => s.length);
  const gone = scores.map(() => new Set<number>());
  let removed = 0;
  for (const p of pool) {
    if (removed >= remove) break;
    if ((alive[p.layer] ?? 0) <= 1) continue;
    gone[p.layer]?.add(p.unit);
    alive[p.layer] = (alive[p.layer] ?? 0) - 1;
    removed++;
  }
  return scores.map((s, i) => Array.from({ length: s.length }, (_, j) => j).filter((j) => !gone[i]?.has(j)));
}

/**
 * Iterative schedules: after step `step` of `steps`, the kept fraction is (1 − ratio)^(step/steps),
 * so every step keeps the same fraction (1 − ratio)^(1/steps) of what is left and the last step
 * lands exactly on the one-shot count. Returns how many units of each layer (layer mode) or in
 * total (global mode) should remain after that step.
 */
export function keptAfterStep(originalCount: number, ratio: number, step: number, steps: number): number {
  checkRatio(ratio);
  const removedFraction = 1 - (1 - ratio) ** (step / steps);
  const remove = step >= steps ? roundHalfEven(ratio * originalCount) : roundHalfEven(removedFraction * originalCount);
  return Math.max(1, originalCount - remove);
}
