import { additionalToPrune, countZeros, magnitudes, pruneLowest } from '../select';
import type { PruneMethod } from '../types';

/**
 * Magnitude pruning with one target per tensor (ctx.layerTargets, e.g. from a sensitivity
 * analysis); tensors without a target are left alone.
 */
export const layerTargets: PruneMethod = {
  id: 'layer-targets',
  label: 'Magnitude (per-layer targets)',
  description: 'Prunes each layer by |w| to its own sparsity, as chosen from a sensitivity analysis (Distiller).',
  targetsSparsity: false,
  /** Labelled by the unweighted mean of the layer targets (the achieved sparsity is reported separately). */
  fixedLevel: ({ layerTargets }) => {
    const v = Object.values(layerTargets ?? {});
    return v.length ? Math.round((1000 * v.reduce((a, b) => a + b, 0)) / v.length) / 1000 : 0;
  },
  prune: (tensors, masks, ctx) =>
    tensors.map((t, i) => {
      const mask = masks[i] ?? new Uint8Array(t.values.length).fill(1);
      const target = ctx.layerTargets?.[t.name] ?? 0;
      const k = additionalToPrune(mask.length, countZeros(mask), target, { ...ctx.semantics, amountOf: 'total' });
      return pruneLowest(magnitudes(t.values), mask, k, ctx.semantics.ties);
    }),
};
