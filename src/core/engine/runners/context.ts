import type { Split } from '../../cv/splits';
import type { Dataset } from '../../data/dataset';
import type { JobEvent, JobPlan } from '../../kinds/types';
import type { ExperimentSpec } from '../../spec/schema';
import { ioOf, prepareFold } from '../fold';
import { createNetwork } from '../model/registry';
import type { Network } from '../model/network';
import { seeds } from '../../seeds';
import { train, type EpochMetrics, type Rows, type TrainResult } from '../train/loop';
import type { Phase } from '../../kinds/types';

/** What a runner gets for one job: the spec and its task, the data and splits, the planned job, and where to report. */
export interface JobContext<T> {
  spec: ExperimentSpec;
  task: T;
  data: Dataset;
  splits: readonly Split[];
  job: JobPlan;
  emit(e: JobEvent): void;
  isCancelled(): boolean;
  /**
   * Set when the job is replayed to export a model: runners offer their networks at the moments
   * the kind's `models()` names (tags such as "dense", "point:random@0.9", "shrunk").
   */
  capture?: (tag: string, net: Network) => Promise<void>;
}

export interface FitHooks {
  afterEpoch?: (m: EpochMetrics) => void | Promise<void>;
  beforeStep?: (step: number) => void | Promise<void>;
  afterStep?: () => void;
}

/**
 * The common start of a fold job: the fold's rows (standardised on its training rows), a fresh
 * network from the fold's init stream, and `fit`, which trains with the spec's settings,
 * reports each epoch under a phase and keeps one continuing curve across phases.
 */
export function foldJob(ctx: JobContext<unknown>) {
  const fold = ctx.job.fold;
  if (fold === null) throw new Error(`Job "${ctx.job.label}" has no fold.`);
  const split = ctx.splits[fold];
  if (!split) throw new Error(`The spec makes ${ctx.splits.length} split(s); there is no fold ${fold + 1}.`);
  const { trainRows, testRows } = prepareFold(ctx.spec, ctx.data, split);
  const history: EpochMetrics[] = [];
  const createNet = (seed = seeds.init(ctx.spec.seed, fold)): Network => createNetwork(ctx.spec.model, ioOf(ctx.data), seed);
  /** Trains `net` for `epochs`; 'train' and 'finetune' epochs are evaluated on the held-out rows and continue the curve. */
  const fit = (net: Network, epochs: number, seed: number, phase: Phase, hooks: FitHooks = {}): Promise<TrainResult> => {
    const curve = phase !== 'retrain';
    return train(net, trainRows, {
      training: { ...ctx.spec.training, epochs, ...(phase === 'train' ? {} : { earlyStopping: { ...ctx.spec.training.earlyStopping, enabled: false } }) },
      l1: ctx.spec.model.l1,
      l2: ctx.spec.model.l2,
      seed,
      isCancelled: ctx.isCancelled,
      ...(curve ? { val: testRows, epochOffset: history.length } : {}),
      onEpoch: async (m) => {
        if (curve) history.push(m);
        ctx.emit({ type: 'epoch', phase, metrics: curve ? m : null });
        await hooks.afterEpoch?.(m);
      },
      ...(hooks.beforeStep ? { beforeStep: hooks.beforeStep } : {}),
      ...(hooks.afterStep ? { afterStep: hooks.afterStep } : {}),
    });
  };
  return { fold, split, trainRows, testRows, history, createNet, fit };
}

export type FoldJob = ReturnType<typeof foldJob>;
export type { Rows };
