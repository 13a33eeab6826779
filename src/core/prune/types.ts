import type { Rng } from '../rng';

/**
 * How much to prune and how to break ties — the points where the reference libraries disagree.
 * - ties 'exact-k' (torch.nn.utils.prune): exactly k entries go; equal magnitudes are broken by
 *   position (lower flat index pruned first), so the result is deterministic.
 * - ties 'keep-ties' (tfmot): a threshold is set at the k-th magnitude and every entry equal to
 *   it survives, so the achieved sparsity can fall short of the target, never exceed it.
 * - amountOf 'remaining' (torch, iterative calls): an amount is a fraction of the weights still
 *   unpruned: 0.2 then 0.2 → 36 %. 'total' (tfmot): a fraction of all weights: 0.2 then 0.2 → 20 %.
 */
export interface PruneSemantics {
  ties: 'exact-k' | 'keep-ties';
  amountOf: 'remaining' | 'total';
}

export const TORCH_SEMANTICS: PruneSemantics = { ties: 'exact-k', amountOf: 'remaining' };

/** One prunable weight tensor, read back as plain numbers (row-major). */
export interface PrunableTensor {
  name: string;
  shape: readonly number[];
  values: Float32Array;
}

/** 1 keeps a weight, 0 prunes it; one per prunable tensor, same length as its values. */
export type Mask = Uint8Array;

export interface PruneContext {
  /** Fraction to prune, read according to semantics.amountOf. */
  amount: number;
  semantics: PruneSemantics;
  rng: Rng;
  /** N:M pattern: keep N of every M consecutive weights along the input dimension. */
  nm: { n: number; m: number };
  /** Per-tensor target sparsities by tensor name, for methods that take them. */
  layerTargets?: Readonly<Record<string, number>>;
}

export interface PruneMethod {
  id: string;
  label: string;
  /** One sentence for the UI: what it does and whose semantics it follows. */
  description: string;
  /** False when the method fixes its own sparsity (N:M, per-layer targets) rather than reaching a target. */
  targetsSparsity: boolean;
  /** For methods that fix their own sparsity: the nominal level their one point is labelled with. */
  fixedLevel?: (p: { nm: { n: number; m: number }; layerTargets?: Readonly<Record<string, number>> | undefined }) => number;
  /** New masks; entries already pruned in `masks` stay pruned. */
  prune(tensors: readonly PrunableTensor[], masks: readonly Mask[], ctx: PruneContext): Mask[];
}
