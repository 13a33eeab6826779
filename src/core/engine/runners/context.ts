import type { Split } from '../../cv/splits';
import type { Dataset } from '../../data/dataset';
import type { JobEvent, JobPlan } from '../../kinds/types';
import type { ExperimentSpec } from '../../spec/schema';
import { ioOf, prepareFold } from '../fold';
import { createNetwork } from '../model/registry';
import type { Network } from '../model/network';
import { seeds, streamSeed } from '../../seeds';
import { holdout } from '../../cv/splits';
import { evaluate, train, type EpochMetrics, type Rows, type TrainResult } from '../train/loop';
import type { Phase } from '../../kinds/types';
import type { Teacher } from '../teach';
import type { ImportedTemplate } from '../imported/net';
import { learningTaskFor } from '../task';
import type { HeldMasks } from '../train/fusedMath';

/** What a runner gets for one job: the spec and its task, the data and splits, the planned job, and where to report. */
export interface JobContext<T> {
  spec: ExperimentSpec;
  task: T;
  data: Dataset;
  splits: readonly Split[];
  job: JobPlan;
  emit(e: JobEvent): void;
  /** A stepped run: resolves when the next epoch may start. */
  gate?: () => Promise<void>;
  /**
   * Awaited between epochs where the host shares its thread with other work (the CLI's main
   * thread also hosts jobs): lets that work's messages through. A job otherwise never yields.
   */
  breathe?: () => Promise<void>;
  isCancelled(): boolean;
  /**
   * Set when the job is replayed to export a model: runners offer their networks at the moments
   * the kind's `models()` names (tags such as "dense", "point:random@0.9", "shrunk").
   */
  capture?: (tag: string, net: Network) => Promise<void>;
  /** Set when the app asked this job for snapshots of its network (teaching views). */
  teach?: Teacher;
  /** The imported model's weights and topology, when the spec's model is one. */
  imported?: ImportedTemplate;
}

/** Offers the network at a named moment: to a model export (capture) and to the teaching views. */
export async function offer(ctx: JobContext<unknown>, tag: string, net: Network): Promise<void> {
  await ctx.capture?.(tag, net);
  await ctx.teach?.moment(tag, net);
}

export interface FitHooks {
  /** After each epoch; call `weightsReady()` before reading the network (see TrainOptions.onEpoch). */
  afterEpoch?: (m: EpochMetrics, weightsReady: () => void) => void | Promise<void>;
  beforeStep?: (step: number) => void | Promise<void>;
  beforeStepWhen?: (step: number) => boolean;
  holdMasks?: HeldMasks;
  afterStep?: () => void;
}

/**
 * The common start of a fold job: the fold's rows (standardised on its training rows), a fresh
 * network from the fold's init stream, and `fit`, which trains with the spec's settings,
 * reports each epoch under a phase and keeps one continuing curve across phases.
 */
export function foldJob(ctx: JobContext<unknown>, over: { spec?: ExperimentSpec; split?: Split; fold?: number } = {}) {
  const fold = over.fold ?? ctx.job.fold;
  if (fold === null) throw new Error(`Job "${ctx.job.label}" has no fold.`);
  const split = over.split ?? ctx.splits[fold];
  if (!split) throw new Error(`The spec makes ${ctx.splits.length} split(s); there is no fold ${fold + 1}.`);
  if (over.spec) ctx = { ...ctx, spec: over.spec };
  const { trainRows, testRows, scaler } = prepareFold(ctx.spec, ctx.data, split);
  if (ctx.teach) ctx.teach.scaler = scaler;
  const history: EpochMetrics[] = [];
  const learning = learningTaskFor(ctx.spec);
  const createNet = (seed = seeds.init(ctx.spec.seed, fold)): Network => createNetwork(ctx.spec.model, ioOf(ctx.data, learning.id), seed, ctx.imported);
  /** The task's loss and metric of `net` on the fold's held-out rows. */
  const score = (net: Network) => evaluate(net, testRows, learning);
  /** Trains `net` for `epochs`; 'train' and 'finetune' epochs are evaluated on the held-out rows and continue the curve. */
  const validating = ctx.spec.training.earlyStopping.enabled && ctx.spec.training.earlyStopping.monitor === 'validation';
  // Early stopping on validation accuracy holds a stratified split out of the training rows (sklearn's validation_fraction).
  const held = validating ? holdOut(trainRows, ctx.spec.training.earlyStopping.validationFraction ?? 0.1, streamSeed(ctx.spec.seed, 'validation', fold)) : null;
  const fit = async (net: Network, epochs: number, seed: number, phase: Phase, hooks: FitHooks = {}): Promise<TrainResult> => {
    const curve = phase !== 'retrain';
    const monitored = phase === 'train' ? held : null;
    let done = 0;
    await ctx.gate?.();
    return train(net, monitored ? monitored.fit : trainRows, {
      ...(monitored ? { monitor: monitored.validation } : {}),
      training: { ...ctx.spec.training, epochs, ...(phase === 'train' ? {} : { earlyStopping: { ...ctx.spec.training.earlyStopping, enabled: false } }) },
      task: learning,
      l1: ctx.spec.model.l1,
      l2: ctx.spec.model.l2,
      seed,
      isCancelled: ctx.isCancelled,
      ...(curve ? { val: testRows, epochOffset: history.length } : {}),
      onEpoch: async (m, weightsReady) => {
        if (curve) history.push(m);
        ctx.emit({ type: 'epoch', phase, metrics: curve ? m : null });
        await hooks.afterEpoch?.(m, weightsReady);
        done++;
        await ctx.teach?.epoch(net, phase, curve ? m.epoch : done, done >= epochs, weightsReady);
        if (done < epochs) await ctx.gate?.();
        await ctx.breathe?.();
      },
      ...(hooks.beforeStep ? { beforeStep: hooks.beforeStep } : {}),
      ...(hooks.beforeStepWhen ? { beforeStepWhen: hooks.beforeStepWhen } : {}),
      ...(hooks.holdMasks ? { holdMasks: hooks.holdMasks } : {}),
      ...(hooks.afterStep ? { afterStep: hooks.afterStep } : {}),
    });
  };
  return { fold, split, trainRows, testRows, history, createNet, fit, score, learning };
}

export type FoldJob = ReturnType<typeof foldJob>;

/** A stratified split of rows into rows to fit on and rows to watch (same seed → same split). */
export function holdOut(rows: Rows, fraction: number, seed: number): { fit: Rows; validation: Rows } {
  const split = holdout(rows.y, fraction, seed);
  const take = (idx: Int32Array): Rows => {
    const nF = rows.x.length / rows.n;
    const x = new Float32Array(idx.length * nF);
    idx.forEach((r, i) => x.set(rows.x.subarray(r * nF, (r + 1) * nF), i * nF));
    const out: Rows = { x, y: Int32Array.from(idx, (r) => rows.y[r] as number), n: idx.length };
    const t = rows.t;
    if (t) out.t = Float32Array.from(idx, (r) => t[r] as number);
    if (rows.tScale) out.tScale = rows.tScale;
    return out;
  };
  return { fit: take(split.train), validation: take(split.test) };
}
export type { Rows };
