import * as tf from '@tensorflow/tfjs-core';
import { slotOf } from '../../imported/modelJson';
import { IMPORTED_METHODS, type ImportedPruneReport, type ImportedPruneRequest, type PrunedSlot } from '../../imported/report';
import { PRUNE_METHODS } from '../../prune/registry';
import { pruneLowest, roundHalfEven } from '../../prune/select';
import type { Mask, PrunableTensor, PruneSemantics } from '../../prune/types';
import { createRng } from '../../rng';
import { streamSeed } from '../../seeds';
import { allWeightValues, gzipSize, prunableWeights, type OpenedModel } from './model';

/**
 * One-shot, data-free pruning of an imported model: the amount is a fraction of all prunable
 * weights (tfmot's reading), exactly k of them go with ties broken by position (torch's), and
 * weights that are already zero count as pruned, so pruning to 50 % twice stays at 50 %.
 */
const SEMANTICS: PruneSemantics = { ties: 'exact-k', amountOf: 'total' };

/** Output channels of a kernel: its last axis, or for a depthwise kernel [kh, kw, cin, mult] its last two. */
function channelsOf(t: PrunableTensor): number {
  const last = t.shape.at(-1) ?? 1;
  return slotOf(t.name) === 'depthwise_kernel' ? last * (t.shape.at(-2) ?? 1) : last;
}

/** torch ln_structured(n=1) over output channels, per kernel: the round(s · C) channels of smallest L1 norm are zeroed whole. */
function pruneChannels(tensors: readonly PrunableTensor[], masks: readonly Mask[], sparsity: number): { masks: Mask[]; channels: { zeroed: number; total: number }[] } {
  const channels: { zeroed: number; total: number }[] = [];
  const out = tensors.map((t, ti) => {
    const c = channelsOf(t);
    const norms = new Float64Array(c);
    t.values.forEach((v, i) => (norms[i % c] = (norms[i % c] ?? 0) + Math.abs(v)));
    const chosen = pruneLowest(norms, new Uint8Array(c).fill(1), roundHalfEven(sparsity * c), 'exact-k');
    const mask = Uint8Array.from(masks[ti] ?? []);
    for (let i = 0; i < mask.length; i++) if (!chosen[i % c]) mask[i] = 0;
    channels.push({ zeroed: chosen.reduce((n, k) => n + (k ? 0 : 1), 0), total: c });
    return mask;
  });
  return { masks: out, channels };
}

/** Prunes the opened model in place and reports what each kernel lost. */
export async function pruneImported(opened: OpenedModel, req: ImportedPruneRequest): Promise<ImportedPruneReport> {
  if (!(req.method in IMPORTED_METHODS)) throw new Error(`Unknown pruning method "${req.method}"; choose one of ${Object.keys(IMPORTED_METHODS).join(', ')}.`);
  if (!(req.sparsity >= 0 && req.sparsity <= 1)) throw new Error(`Sparsity must be between 0 and 1, got ${req.sparsity}.`);
  const { model } = opened;
  const before = gzipSize(await allWeightValues(model));
  const vars = model.layers.flatMap((layer) => prunableWeights(layer).map((w) => ({ layer, w })));
  if (vars.length === 0) throw new Error('This model has no layer PruneLab can prune (Dense, convolutions, depthwise/separable convolutions, SimpleRNN/LSTM/GRU).');
  const tensors: PrunableTensor[] = await Promise.all(vars.map(async ({ w }) => ({ name: w.originalName, shape: w.shape as number[], values: (await w.read().data()) as Float32Array })));
  const start: Mask[] = tensors.map((t) => Uint8Array.from(t.values, (v) => (v === 0 ? 0 : 1)));
  const nm = req.nm ?? { n: 2, m: 4 };
  let masks: Mask[];
  let channels: { zeroed: number; total: number }[] | null = null;
  if (req.method === 'filters-l1') ({ masks, channels } = pruneChannels(tensors, start, req.sparsity));
  else {
    const rng = createRng(streamSeed(req.seed ?? 42, 'pruneSelect', 0));
    masks = PRUNE_METHODS[req.method].prune(tensors, start, { amount: req.sparsity, semantics: SEMANTICS, rng, nm });
  }
  const slots: PrunedSlot[] = [];
  vars.forEach(({ layer, w }, i) => {
    const t = tensors[i] as PrunableTensor;
    const mask = masks[i] as Mask;
    const values = t.values.map((v, j) => (mask[j] ? v : 0));
    const next = tf.tensor(values, t.shape as number[], 'float32');
    w.write(next);
    next.dispose();
    const zeros = values.reduce((n, v) => n + (v === 0 ? 1 : 0), 0);
    slots.push({ layer: layer.name, slot: slotOf(w.originalName), shape: [...t.shape], zeros, total: values.length, ...(channels?.[i] ? { channels: channels[i] } : {}) });
  });
  const after = await allWeightValues(model);
  const zeros = slots.reduce((n, s) => n + s.zeros, 0);
  const total = slots.reduce((n, s) => n + s.total, 0);
  return {
    method: req.method,
    sparsity: req.sparsity,
    slots,
    achieved: total ? zeros / total : 0,
    nonzeroParams: after.reduce((n, v) => n + (v === 0 ? 0 : 1), 0),
    totalParams: after.length,
    gzipBefore: before,
    gzipAfter: gzipSize(after),
    notPruned: opened.summary.notPruned,
  };
}
