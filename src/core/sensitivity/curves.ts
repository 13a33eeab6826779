import { mean } from '../metrics';

/** One measurement of Distiller's sensitivity analysis: one tensor pruned alone, no fine-tuning. */
export interface SensitivityPoint {
  fold: number;
  /** Prunable tensor name, e.g. "dense_1/kernel". */
  slot: string;
  sparsity: number;
  accuracy: number;
}

/** Distiller's default grid: 0 … 95 % in steps of 5 %. */
export const DEFAULT_SENSITIVITY_SPARSITIES = Array.from({ length: 20 }, (_, i) => i / 20);

/** The sparsities measured per tensor: the spec's grid with 0 % always in (the unpruned reference), ascending. */
export const sensitivityGrid = (sparsities: readonly number[]): number[] => [...new Set([0, ...sparsities])].sort((a, b) => a - b);

export interface SensitivityCurve {
  slot: string;
  points: { sparsity: number; accuracy: number }[];
}

/** Mean accuracy over folds per tensor and sparsity, tensors in first-seen order. */
export function sensitivityCurves(points: readonly SensitivityPoint[]): SensitivityCurve[] {
  const bySlot = new Map<string, Map<number, number[]>>();
  for (const p of points) {
    const m = bySlot.get(p.slot) ?? new Map<number, number[]>();
    m.set(p.sparsity, [...(m.get(p.sparsity) ?? []), p.accuracy]);
    bySlot.set(p.slot, m);
  }
  return [...bySlot.entries()].map(([slot, m]) => ({
    slot,
    points: [...m.entries()].sort((a, b) => a[0] - b[0]).map(([sparsity, accs]) => ({ sparsity, accuracy: mean(accs) })),
  }));
}

/**
 * Per-tensor targets: the largest sparsity whose mean accuracy stays within `tolerance` of the
 * unpruned accuracy (the curve's 0 % point) at that sparsity and every smaller one. For a metric
 * where lower is better (reconstruction MSE), within `tolerance` above it.
 */
export function pickLayerTargets(curves: readonly SensitivityCurve[], tolerance: number, higherIsBetter = true): Record<string, number> {
  const targets: Record<string, number> = {};
  for (const c of curves) {
    const base = c.points.find((p) => p.sparsity === 0)?.accuracy;
    if (base === undefined) throw new Error(`The sensitivity curve of ${c.slot} has no unpruned (0 %) point to compare against.`);
    let best = 0;
    for (const p of c.points) {
      // Within tolerance of the unpruned score, in the metric's direction (an error may rise by at most the tolerance).
      if (higherIsBetter ? p.accuracy < base - tolerance - 1e-12 : p.accuracy > base + tolerance + 1e-12) break;
      best = p.sparsity;
    }
    targets[c.slot] = best;
  }
  return targets;
}
