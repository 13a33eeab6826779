import type { Split } from '../cv/splits';
import { seeds } from '../cv/plan';
import type { Dataset } from '../data/dataset';
import { createMlp, disposeMlp, type Mlp } from '../model/mlp';
import { deriveSeed } from '../rng';
import type { ExperimentSpec } from '../spec/schema';
import { accountStructure } from './latency';
import { structuralFold } from './foldKit';
import { removeLayer } from './shrink';
import type { StructuralHooks, StructuralOptions, StructuralResult, StructuralSnapshot } from './structural';

/**
 * Structure optimisation's coarse step, one fold: train the MLP, drop hidden layer `layer`
 * (0-based; a freshly initialised bridge joins its neighbours), retrain for `finetuneEpochs`,
 * and measure both networks the same way as neuron pruning does.
 */
export async function runLayerRemovalFold(spec: ExperimentSpec, ds: Dataset, split: Split, fold: number, layer: number, opts: StructuralOptions, hooks: StructuralHooks = {}): Promise<StructuralResult> {
  const started = Date.now();
  const { fit, measure } = structuralFold(spec, ds, split, fold, opts, hooks);
  const snapshot = (net: Mlp): Promise<StructuralSnapshot> => {
    const a = accountStructure(net);
    return measure(net, { params: a.params, flops: a.flops, hiddenUnits: a.hiddenUnits });
  };
  let net = createMlp(spec.model, ds.nFeatures, ds.classNames.length, seeds.init(spec.seed, fold), ds.imageShape);
  try {
    await fit(net, spec.training.epochs, seeds.shuffle(spec.seed, fold));
    const before = await snapshot(net);
    const smaller = removeLayer(net, layer, deriveSeed(spec.seed, 8, fold));
    disposeMlp(net);
    net = smaller;
    await fit(net, opts.finetuneEpochs, deriveSeed(seeds.shuffle(spec.seed, fold), 8));
    const after = await snapshot(net);
    const step = { step: 1, hiddenUnits: after.hiddenUnits, accuracy: after.accuracy };
    hooks.onStep?.(fold, step);
    return {
      fold,
      criterion: opts.criterion,
      mode: opts.mode,
      ratio: 0,
      before,
      after,
      theoreticalSpeedup: before.flops / Math.max(1, after.flops),
      measuredSpeedup: before.latency.medianMs / after.latency.medianMs,
      steps: [step],
      keptOriginal: [],
      ms: Date.now() - started,
    };
  } finally {
    disposeMlp(net);
  }
}
