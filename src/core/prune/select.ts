import type { Mask, PruneSemantics } from './types';

export function countZeros(mask: Mask): number {
  let z = 0;
  for (const v of mask) if (v === 0) z++;
  return z;
}

/** Python's round(): halves go to the even neighbour, as torch.nn.utils.prune counts (round(0.5 · 5) = 2). */
export function roundHalfEven(x: number): number {
  const r = Math.round(x);
  return Math.abs(x % 1) === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

/** How many more entries to prune in a pool of `n` entries, `pruned` of them already gone. */
export function additionalToPrune(n: number, pruned: number, amount: number, semantics: PruneSemantics): number {
  if (!(amount >= 0 && amount <= 1)) throw new Error(`Pruning amount must be in [0, 1], got ${amount}.`);
  const alive = n - pruned;
  const k = semantics.amountOf === 'remaining' ? roundHalfEven(amount * alive) : Math.max(0, roundHalfEven(amount * n) - pruned);
  return Math.min(alive, k);
}

/**
 * Prunes `count` more of the alive entries with the lowest scores. `exact-k` removes exactly
 * `count`, ties broken by position; `keep-ties` removes only entries strictly below the score of
 * the first survivor, so ties at the threshold all stay.
 */
export function pruneLowest(scores: Float32Array | Float64Array, alive: Mask, count: number, ties: PruneSemantics['ties']): Mask {
  const out = Uint8Array.from(alive);
  if (count <= 0) return out;
  const idx: number[] = [];
  alive.forEach((a, i) => {
    if (a) idx.push(i);
  });
  idx.sort((a, b) => (scores[a] ?? 0) - (scores[b] ?? 0) || a - b);
  if (ties === 'exact-k' || count >= idx.length) {
    for (let j = 0; j < Math.min(count, idx.length); j++) out[idx[j] ?? 0] = 0;
    return out;
  }
  const threshold = scores[idx[count] ?? 0] ?? 0;
  for (const i of idx) {
    if ((scores[i] ?? 0) >= threshold) break;
    out[i] = 0;
  }
  return out;
}

export const magnitudes = (values: Float32Array): Float32Array => values.map(Math.abs);
