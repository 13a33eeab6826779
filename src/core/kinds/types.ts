import type { NetSnapshot } from '../teach/snapshot';
import type { z } from 'zod';
import type { SpecBase } from '../spec/sections';
import type { MetricId } from '../task/learning';

/**
 * A run kind (cv, sweep, sensitivity, structural, features…) is one module: its task schema and
 * defaults, its plan (the jobs it splits into, each with the epochs and points it will report)
 * and its reducer (job outputs → the kind's result). All of it is tensor-free, so the main
 * thread can plan, show progress and summarise. The per-job runner lives in the TF.js engine
 * layer (engine/runners), registered by the same id; the compiler refuses a kind without one.
 */

/** What planning needs to know of the data (no rows). */
export interface DataShape {
  nRows: number;
  nFeatures: number;
  nClasses: number;
  featureNames: readonly string[];
  imageShape?: readonly [number, number, number] | undefined;
  /** The target is numeric (regression can use it). */
  continuous?: boolean;
  targetName?: string | undefined;
}

/** One unit of work an executor runs: on a worker, in this thread, or in another process. */
export interface JobPlan {
  /** Position in the experiment's job list; the job's id in events, shards and results. */
  index: number;
  /** Human-readable, e.g. "fold 3" or "all rows". */
  label: string;
  /** The CV split this job trains and scores on (0-based), or null for a job over all rows. */
  fold: number | null;
  /** Training epochs the job reports (dense training plus every fine-tuning epoch). */
  epochs: number;
  /** Of those, the epochs evaluated on the held-out rows that continue the job's training curve (a sweep's re-training is not). */
  curveEpochs: number;
  /** Points the job reports: sweep points, sensitivity measurements, pruning steps, RFE fits. */
  points: number;
  /**
   * Jobs run stage by stage (1 when absent): a later stage's jobs depend on earlier results (the
   * next round of successive halving, a refit of the best candidate) and are resolved just before
   * they run (RunKindDef.resolve). Only stage-1 jobs can be split across shards.
   */
  stage?: number;
  /** What the kind's runner needs beyond the fold: a search's candidate, round, resource… */
  payload?: unknown;
  /** A job whose result the kind can do without (a refit): a sharded run skips it. */
  optional?: boolean;
}

/** One epoch of training, as the curves show it. */
export interface EpochMetrics {
  /** 1-based and continuing across phases (a structural run's fine-tuning follows its training). */
  epoch: number;
  /** Mean training loss over the epoch's mini-batches (cross-entropy + penalties). */
  loss: number;
  /** Loss and metric on the held-out rows at the end of the epoch. */
  valLoss: number | null;
  valAccuracy: number | null;
}

export type Phase = 'train' | 'finetune' | 'retrain';

/** What a job reports while it runs. */
export type JobEvent<Point = unknown> =
  /** One epoch done. 'retrain' epochs (a sweep's many fine-tunings) count for progress but carry no curve point. */
  | { type: 'epoch'; phase: Phase; metrics: EpochMetrics | null }
  | { type: 'point'; point: Point }
  /** The network's weights at a moment of the run (teaching views; only when asked, first fold job only). Not part of results. */
  | { type: 'snapshot'; snapshot: NetSnapshot }
  /** Before each epoch of a stepped run (presentation mode): the job waits until the reply says go. */
  | { type: 'gate' };

/** The metric a result's score fields hold. */
export const metricIdOf = (r: { metric?: MetricId | undefined }): MetricId => r.metric ?? 'accuracy';

/** The headline numbers of a result: a metric's mean ± std (population std, ddof 0) over n folds. */
export interface Summary {
  /** The learning task's metric (accuracy, r2, mse). */
  metric: MetricId;
  mean: number;
  std: number;
  n: number;
  /** What the numbers are of, e.g. "the dense model" or "the pruned model". */
  of: string;
}

/** What a reducer sees of each job: its plan, its output once finished, and what it streamed so far. */
export interface JobState<Output, Point> {
  plan: JobPlan;
  output?: Output | undefined;
  points: readonly Point[];
}

/** Every kind's result carries these. */
export interface ResultBase<K extends string> {
  kind: K;
  /** The learning task's metric that the results' "accuracy" fields hold (absent: accuracy, results saved before tasks). */
  metric?: MetricId;
  summary: Summary | null;
  /** False while jobs are missing (a run in progress, cancelled, or one shard of several). */
  complete: boolean;
}

/** A plain table of the result: for the CLI's stdout (human columns) or a CSV export (machine columns). */
export interface ResultTable {
  title: string;
  /** File-name stem for a CSV export, e.g. "sweep" → prunelab-sweep.csv. */
  name?: string;
  columns: string[];
  rows: (string | number | boolean)[][];
}

/** A model the run can export, replayed on fold 1 (deterministic: the same weights the run had). */
export interface ModelChoice {
  /** What the runner offers it as, e.g. "dense", "point:magnitude-global@0.9", "shrunk". */
  tag: string;
  label: string;
  /** The job to replay (its plan index); absent: the job of fold 1. */
  job?: number;
}

export interface RunKindDef<K extends string, T extends { kind: K }, Point, Output, Result extends ResultBase<K>> {
  id: K;
  /** The UI's name for the choice. */
  label: string;
  /** One sentence: what it does and whose semantics it follows. */
  description: string;
  schema: z.ZodType<T>;
  defaults(): T;
  plan(base: SpecBase, task: T, data: DataShape): JobPlan[];
  /** Fills in a later-stage job from what earlier stages found (see JobPlan.stage). */
  resolve?(base: SpecBase, task: T, job: JobPlan, jobs: readonly JobState<Output, Point>[], data: DataShape): JobPlan;
  /** Job states → result; jobs may be unfinished (partial results while running or after a cancel). */
  reduce(base: SpecBase, task: T, jobs: readonly JobState<Output, Point>[], data: DataShape): Result;
  table(result: Result): ResultTable;
  /** Every table of the result with machine-readable columns, for CSV. */
  exports(result: Result): ResultTable[];
  /** The models a run of this kind can export. */
  models(result: Result): ModelChoice[];
}
