import { additionalToPrune, countZeros, magnitudes, pruneLowest } from '../select';
import type { PruneMethod } from '../types';

/** One magnitude threshold across all prunable tensors (torch global_unstructured with L1Unstructured). */
export const magnitudeGlobal: PruneMethod = {
  id: 'magnitude-global',
  label: 'Magnitude (global)',
  description: 'Ranks |w| across all layers together and removes the smallest; layers end up with different sparsities (torch global_unstructured).',
  targetsSparsity: true,
  prune: (tensors, masks, ctx) => {
    const sizes = tensors.map((t) => t.values.length);
    const total = sizes.reduce((a, b) => a + b, 0);
    const scores = new Float32Array(total);
    const alive = new Uint8Array(total);
    let off = 0;
    tensors.forEach((t, i) => {
      scores.set(magnitudes(t.values), off);
      alive.set(masks[i] ?? new Uint8Array(t.values.length).fill(1), off);
      off += t.values.length;
    });
    const k = additionalToPrune(total, countZeros(alive), ctx.amount, ctx.semantics);
    const pooled = pruneLowest(scores, alive, k, ctx.semantics.ties);
    off = 0;
    return sizes.map((n) => pooled.slice(off, (off += n)));
  },
};
