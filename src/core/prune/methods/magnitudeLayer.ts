import { additionalToPrune, countZeros, magnitudes, pruneLowest } from '../select';
import type { PruneMethod } from '../types';

/** L1 unstructured magnitude pruning, each tensor on its own (torch.nn.utils.prune.l1_unstructured). */
export const magnitudeLayer: PruneMethod = {
  id: 'magnitude-layer',
  label: 'Magnitude (layer-wise)',
  description: 'Removes the smallest |w| in each layer separately, so every layer reaches the same sparsity (torch l1_unstructured).',
  targetsSparsity: true,
  prune: (tensors, masks, ctx) =>
    tensors.map((t, i) => {
      const mask = masks[i] ?? new Uint8Array(t.values.length).fill(1);
      const k = additionalToPrune(mask.length, countZeros(mask), ctx.amount, ctx.semantics);
      return pruneLowest(magnitudes(t.values), mask, k, ctx.semantics.ties);
    }),
};
