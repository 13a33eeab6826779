import type { PruneMethod } from '../types';

/**
 * N:M semi-structured sparsity (NVIDIA Ampere's 2:4): in every group of M consecutive weights
 * along the input dimension of a kernel [in, out] (a conv kernel [k, k, in, out] counts k·k·in inputs), the N largest |w| stay and M − N go; a
 * trailing partial group keeps at most N. Entries already pruned stay pruned and count first. Sparsity is fixed at 1 − N/M whatever the target.
 */
export const nmSparsity: PruneMethod = {
  id: 'nm',
  label: 'N:M semi-structured',
  description: 'Keeps the N largest of every M consecutive input weights of each unit (default 2:4, as sparse tensor cores need); sparsity is 1 − N/M.',
  targetsSparsity: false,
  fixedLevel: ({ nm }) => 1 - nm.n / nm.m,
  prune: (tensors, masks, ctx) => {
    const { n, m } = ctx.nm;
    if (!(Number.isInteger(n) && Number.isInteger(m) && n >= 1 && n < m)) throw new Error(`N:M needs whole numbers with 1 ≤ N < M, got ${n}:${m}.`);
    return tensors.map((t, ti) => {
      // The last axis is the output (units, filters); everything before it is the input dimension.
      const cols = t.shape.length >= 2 ? (t.shape[t.shape.length - 1] ?? 1) : 1;
      const rows = t.values.length / cols;
      const out = Uint8Array.from(masks[ti] ?? new Uint8Array(t.values.length).fill(1));
      for (let c = 0; c < cols; c++) {
        for (let r0 = 0; r0 < rows; r0 += m) {
          const group = Array.from({ length: Math.min(m, rows - r0) }, (_, j) => (r0 + j) * cols + c);
          // Already-pruned entries rank last; among equal |w| the lower index goes first, as in the magnitude methods.
          const score = (i: number) => (out[i] ? Math.abs(t.values[i] ?? 0) : -1);
          group.sort((a, b) => score(b) - score(a) || b - a);
          group.slice(n).forEach((i) => (out[i] = 0));
        }
      }
      return out;
    });
  },
};
