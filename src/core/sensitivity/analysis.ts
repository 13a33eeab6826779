import type { Split } from '../cv/splits';
import { seeds } from '../cv/plan';
import type { Dataset } from '../data/dataset';
import { prepareFold, type FoldHooks } from '../experiment';
import { mean } from '../metrics';
import { createMlp, disposeMlp } from '../model/mlp';
import { loadWeights, MaskSet, prunableSlots, readSlots, readWeights } from '../prune/masks';
import { magnitudeLayer } from '../prune/methods/magnitudeLayer';
import type { Mask } from '../prune/types';
import { createRng } from '../rng';
import type { ExperimentSpec } from '../spec/schema';
import { evaluate, train } from '../train/loop';

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

/**
 * Sensitivity analysis (Distiller, `perform_sensitivity_analysis`): train the dense model, then
 * for each prunable tensor and each sparsity, prune that tensor alone by L1 magnitude (exact-k)
 * and score the held-out rows without fine-tuning. One curve per tensor.
 */
export async function sensitivityFold(spec: ExperimentSpec, ds: Dataset, split: Split, fold: number, hooks: FoldHooks & { onPoint?: (p: SensitivityPoint) => void } = {}): Promise<SensitivityPoint[]> {
  const sens = spec.sensitivity;
  if (!sens) throw new Error('This spec has no sensitivity section.');
  const scope = spec.pruning?.scope ?? { biases: false, outputLayer: true };
  const { trainRows, testRows } = prepareFold(spec, ds, split);
  const mlp = createMlp(spec.model, ds.nFeatures, ds.classNames.length, seeds.init(spec.seed, fold), ds.imageShape);
  const slots = prunableSlots(mlp, scope);
  const maskSet = new MaskSet(slots);
  const out: SensitivityPoint[] = [];
  try {
    await train(mlp, trainRows, {
      training: spec.training,
      l1: spec.model.l1,
      l2: spec.model.l2,
      seed: seeds.shuffle(spec.seed, fold),
      val: testRows,
      ...(hooks.onEpoch ? { onEpoch: (m) => hooks.onEpoch?.(fold, m) } : {}),
      ...(hooks.isCancelled ? { isCancelled: hooks.isCancelled } : {}),
    });
    const trained = await readWeights(mlp);
    const dense = await readSlots(slots);
    for (const [si, slot] of slots.entries()) {
      // 0 % is always measured: it is the unpruned reference every curve and target is read against.
      for (const sparsity of [...new Set([0, ...sens.sparsities])].sort((a, b) => a - b)) {
        if (hooks.isCancelled?.()) break;
        loadWeights(mlp, trained);
        const masks: Mask[] = dense.map((t) => new Uint8Array(t.values.length).fill(1));
        const tensor = dense[si];
        if (tensor) {
          const [pruned] = magnitudeLayer.prune([tensor], [masks[si] ?? new Uint8Array()], {
            amount: sparsity,
            rng: createRng(0),
            nm: { n: 2, m: 4 },
            semantics: { ties: 'exact-k', amountOf: 'total' },
          });
          if (pruned) masks[si] = pruned;
        }
        maskSet.set(masks);
        const { accuracy } = await evaluate(mlp, testRows);
        const p: SensitivityPoint = { fold, slot: slot.name, sparsity, accuracy };
        out.push(p);
        hooks.onPoint?.(p);
      }
    }
    return out;
  } finally {
    maskSet.dispose();
    disposeMlp(mlp);
  }
}

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
 * unpruned accuracy (the curve's 0 % point) at that sparsity and every smaller one.
 */
export function pickLayerTargets(curves: readonly SensitivityCurve[], tolerance: number): Record<string, number> {
  const targets: Record<string, number> = {};
  for (const c of curves) {
    const base = c.points.find((p) => p.sparsity === 0)?.accuracy ?? Math.max(...c.points.map((p) => p.accuracy));
    let best = 0;
    for (const p of c.points) {
      if (p.accuracy < base - tolerance - 1e-12) break;
      best = p.sparsity;
    }
    targets[c.slot] = best;
  }
  return targets;
}
