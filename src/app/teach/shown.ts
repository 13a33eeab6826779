import { countText } from '../../core/format';
import { kernelSparsity, momentLabel, snapshotParams, type NetSnapshot } from '../../core/teach/snapshot';
import type { TeachState } from '../store/types';

export interface Shown {
  snapshot: NetSnapshot;
  /** In words: "Dense, epoch 40", "Magnitude (global) at 90 %", "Fine-tuning, epoch 12 (54.0 % pruned)". */
  label: string;
}

export const pct1 = (x: number): string => `${(100 * x).toFixed(1)} %`;

/** The dense model to show: live while it trains, then as trained. */
export function shownDense(t: TeachState): Shown | null {
  const s = t.dense;
  if (!s) return null;
  return { snapshot: s, label: s.stage === 'training' ? `Dense, training: epoch ${s.epoch ?? 0}` : 'Dense (trained)' };
}

/** The pruned model to show: the picked moment, else a newer one being fine-tuned, else the newest moment. */
export function shownPruned(t: TeachState): Shown | null {
  const picked = t.picked !== null ? t.moments[t.picked] : undefined;
  if (picked) return { snapshot: picked, label: momentLabel(picked.tag) };
  if (t.live) return { snapshot: t.live, label: `Fine-tuning the pruned model: epoch ${t.live.epoch ?? 0} (${howPruned(t.live, t.dense)})` };
  const last = t.moments.at(-1);
  return last ? { snapshot: last, label: momentLabel(last.tag) } : null;
}

/** How much of the network is gone: masked weights (parameter pruning) or, when units were removed, the weights left. */
function howPruned(s: NetSnapshot, dense: NetSnapshot | null): string {
  const sparsity = kernelSparsity(s);
  if (sparsity > 0) return `${pct1(sparsity)} of weights pruned`;
  const [left, all] = [snapshotParams(s), dense ? snapshotParams(dense) : 0];
  return left < all ? `${countText(left)} of ${countText(all)} parameters left` : 'nothing pruned yet';
}
