import type { Split } from '../cv/splits';
import type { Dataset } from '../data/dataset';
import { prepareFold } from '../experiment';
import type { Mlp } from '../model/mlp';
import type { ExperimentSpec } from '../spec/schema';
import { evaluate, train, type EpochMetrics } from '../train/loop';
import { latencyBatch, measureLatency } from './latency';
import type { StructuralHooks, StructuralOptions, StructuralSnapshot } from './structural';

/**
 * What every structural runner needs for one fold: the fold's rows, `fit` (train with the spec's
 * optimizer, reporting epochs and honouring cancellation) and `measure` (held-out accuracy and
 * median latency on one fixed batch, beside the structure's own parameter and FLOP counts).
 */
export function structuralFold(spec: ExperimentSpec, ds: Dataset, split: Split, fold: number, opts: StructuralOptions, hooks: StructuralHooks) {
  const { trainRows, testRows } = prepareFold(spec, ds, split);
  const lat = opts.latency ?? {};
  const batch = latencyBatch(testRows.x, ds.nFeatures, lat.batch ?? 256);
  const latencyOpts = { ...(lat.repeats !== undefined ? { repeats: lat.repeats } : {}), ...(lat.warmup !== undefined ? { warmup: lat.warmup } : {}), ...(lat.now ? { now: lat.now } : {}) };
  const fit = (net: Mlp, epochs: number, seed: number) =>
    train(net, trainRows, {
      training: { ...spec.training, epochs },
      l1: spec.model.l1,
      l2: spec.model.l2,
      seed,
      ...(hooks.onEpoch ? { val: testRows, onEpoch: (m: EpochMetrics) => hooks.onEpoch?.(fold, m) } : {}),
      ...(hooks.isCancelled ? { isCancelled: hooks.isCancelled } : {}),
    });
  const measure = async (net: Mlp, structure: { params: number; flops: number; hiddenUnits: number[] }): Promise<StructuralSnapshot> => {
    const e = await evaluate(net, testRows);
    const latency = await measureLatency(net, batch, latencyOpts);
    return { ...structure, accuracy: e.accuracy, testLoss: e.loss, latency };
  };
  return { trainRows, testRows, fit, measure };
}
