import { additionalToPrune, countZeros, pruneLowest } from '../select';
import type { PruneMethod } from '../types';

/** Random unstructured pruning, exact-k per layer, drawn from the spec's seed (torch random_unstructured): the baseline. */
export const randomUnstructured: PruneMethod = {
  id: 'random',
  label: 'Random (baseline)',
  description: 'Removes weights uniformly at random, the same fraction in every layer — the baseline any method must beat (torch random_unstructured).',
  targetsSparsity: true,
  prune: (tensors, masks, ctx) =>
    tensors.map((t, i) => {
      const mask = masks[i] ?? new Uint8Array(t.values.length).fill(1);
      const k = additionalToPrune(mask.length, countZeros(mask), ctx.amount, ctx.semantics);
      const scores = Float64Array.from({ length: t.values.length }, () => ctx.rng.next());
      return pruneLowest(scores, mask, k, 'exact-k');
    }),
};
