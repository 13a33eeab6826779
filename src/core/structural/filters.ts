import * as tf from '@tensorflow/tfjs';
import type { Split } from '../cv/splits';
import { seeds } from '../cv/plan';
import type { Dataset } from '../data/dataset';
import { createMlp, disposeMlp, type ConvParams, type Mlp } from '../model/mlp';
import { accountModel } from '../prune/accounting';
import { readWeights } from '../prune/masks';
import { roundHalfEven } from '../prune/select';
import type { ExperimentSpec } from '../spec/schema';
import { structuralFold } from './foldKit';
import { selectLayerwise } from './select';
import type { StructuralHooks, StructuralOptions, StructuralResult, StructuralSnapshot } from './structural';

/** L1 or L2 norm of each filter (kernel[:, :, :, f]) of every conv layer: Li et al. 2017's filter ranking. */
export async function filterNorms(net: Mlp, norm: 'l1' | 'l2'): Promise<Float64Array[]> {
  return Promise.all(
    (net.convs ?? []).map(async (c) => {
      const values = (await c.kernel.data()) as Float32Array;
      const filters = c.kernel.shape[3] ?? 1;
      const out = new Float64Array(filters);
      values.forEach((v, i) => (out[i % filters] = (out[i % filters] ?? 0) + (norm === 'l1' ? Math.abs(v) : v * v)));
      return norm === 'l2' ? out.map(Math.sqrt) : out;
    }),
  );
}

const gather = (v: tf.Variable, idx: readonly number[], axis: number): tf.Variable => tf.tidy(() => tf.variable(tf.gather(v, tf.tensor1d(Array.from(idx), 'int32'), axis), true));

/** Output height × width of a conv block (after its pooling). */
const outHW = (c: ConvParams): [number, number] => (c.pool === 'none' ? [c.inHW[0], c.inHW[1]] : [Math.floor(c.inHW[0] / 2), Math.floor(c.inHW[1] / 2)]);

/**
 * A genuinely smaller CNN: each conv layer keeps only the listed filters (kernel and bias), the next
 * conv layer keeps the matching input channels, and after the last conv the first dense layer keeps
 * the flattened rows (h, w, c) of the kept channels. New variables; the caller disposes both nets.
 */
export function shrinkFilters(net: Mlp, kept: readonly (readonly number[])[]): Mlp {
  const convs = net.convs ?? [];
  const newConvs: ConvParams[] = convs.map((c, i) => {
    const keep = kept[i] ?? [];
    const prevKeep = i > 0 ? kept[i - 1] : undefined;
    const inSliced = prevKeep ? tf.tidy(() => tf.gather(c.kernel, tf.tensor1d(Array.from(prevKeep), 'int32'), 2)) : c.kernel;
    const kernel = tf.tidy(() => tf.variable(tf.gather(inSliced, tf.tensor1d(Array.from(keep), 'int32'), 3), true));
    if (inSliced !== c.kernel) inSliced.dispose();
    return { ...c, kernel, bias: gather(c.bias, keep, 0) };
  });
  const last = convs[convs.length - 1];
  const lastKeep = kept[convs.length - 1] ?? [];
  const [h, w] = last ? outHW(last) : [0, 0];
  const channels = last?.kernel.shape[3] ?? 1;
  const rows: number[] = [];
  for (let p = 0; p < h * w; p++) for (const c of lastKeep) rows.push(p * channels + c);
  const layers = net.layers.map((l, i) =>
    i === 0
      ? { ...l, kernel: gather(l.kernel, rows, 0), bias: tf.tidy(() => tf.variable(l.bias.clone(), true)) }
      : { ...l, kernel: tf.tidy(() => tf.variable(l.kernel.clone(), true)), bias: tf.tidy(() => tf.variable(l.bias.clone(), true)) },
  );
  const out: Mlp = { layers, nInputs: net.nInputs, nClasses: net.nClasses, convs: newConvs };
  if (net.imageShape) out.imageShape = net.imageShape;
  return out;
}

const filterCounts = (net: Mlp): number[] => (net.convs ?? []).map((c) => c.kernel.shape[3] ?? 0);

/**
 * Filter pruning for a CNN, one fold: train, rank each conv layer's filters by L1/L2 norm, remove
 * the same fraction per layer (rounded as torch counts, at least one filter kept), rebuild the
 * smaller network, fine-tune, and measure. `hiddenUnits` in the snapshots are filters per conv layer.
 */
export async function runFilterPruningFold(spec: ExperimentSpec, ds: Dataset, split: Split, fold: number, opts: StructuralOptions, hooks: StructuralHooks = {}): Promise<StructuralResult> {
  const started = Date.now();
  if (opts.criterion !== 'l1' && opts.criterion !== 'l2') throw new Error('Filter pruning ranks filters by their L1 or L2 norm: choose one of those criteria.');
  const norm = opts.criterion;
  const { fit, measure } = structuralFold(spec, ds, split, fold, opts, hooks);
  const snapshot = async (net: Mlp): Promise<StructuralSnapshot> => {
    const account = accountModel(await readWeights(net));
    return measure(net, { params: account.totalParams, flops: account.denseFlops, hiddenUnits: filterCounts(net) });
  };
  let net = createMlp(spec.model, ds.nFeatures, ds.classNames.length, seeds.init(spec.seed, fold), ds.imageShape);
  try {
    if (!net.convs?.length) throw new Error('Filter pruning needs a CNN.');
    await fit(net, spec.training.epochs, seeds.shuffle(spec.seed, fold));
    const before = await snapshot(net);
    const remove = filterCounts(net).map((n) => roundHalfEven(opts.ratio * n));
    const kept = selectLayerwise(await filterNorms(net, norm), remove);
    const smaller = shrinkFilters(net, kept);
    disposeMlp(net);
    net = smaller;
    if (opts.finetuneEpochs > 0) await fit(net, opts.finetuneEpochs, seeds.shuffle(spec.seed, fold) + 1);
    const after = await snapshot(net);
    const step = { step: 1, hiddenUnits: after.hiddenUnits, accuracy: after.accuracy };
    hooks.onStep?.(fold, step);
    return {
      fold,
      criterion: opts.criterion,
      mode: 'layer',
      ratio: opts.ratio,
      before,
      after,
      theoreticalSpeedup: before.flops / Math.max(1, after.flops),
      measuredSpeedup: before.latency.medianMs / after.latency.medianMs,
      steps: [step],
      keptOriginal: kept,
      ms: Date.now() - started,
    };
  } finally {
    disposeMlp(net);
  }
}
