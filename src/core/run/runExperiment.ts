import { checkMemory } from '../model/memory';
import { checkModelTask, checkTaskData, outputsOf } from '../task/learning';
import { learningTaskOf } from '../spec/sections';
import { makeSplits } from '../cv/plan';
import { summarize, type Dataset } from '../data/dataset';
import { RUN_KINDS, type KindResult } from '../kinds/registry';
import type { DataShape, EpochMetrics, JobEvent, JobPlan, RunKindDef } from '../kinds/types';
import { describeModel, macsPerSample } from '../model/describe';
import { parseSpec } from '../spec/parse';
import { baseOf, type ExperimentSpec } from '../spec/schema';
import type { BackendHint, BackendInfo, Executor, ModelInput } from './protocol';
import { RunTracker, type Progress } from './tracker';

export type RunEvent =
  | { type: 'plan'; spec: ExperimentSpec; plan: JobPlan[]; data: DataShape; executor: string; jobs: number[] }
  | { type: 'backend'; info: BackendInfo }
  | { type: 'job'; job: number; event: JobEvent }
  | { type: 'job-done'; job: number; output: unknown }
  /** Later-stage jobs, as resolved just before they run. */
  | { type: 'resolved'; jobs: JobPlan[] }
  /** A job starts again from scratch on a fresh host (the one running it crashed); same seed, same numbers. */
  | { type: 'job-restart'; job: number; reason: string }
  | { type: 'progress'; progress: Progress };

export interface RunOptions {
  executor: Executor;
  onEvent?: (e: RunEvent) => void;
  signal?: AbortSignal;
  /** Ask the first fold job for snapshots of its network (the app's teaching views). */
  teach?: boolean;
  /** A stepped run: every job awaits this before each epoch (presentation mode's play / pause / step). */
  gate?: () => Promise<void>;
  /** Run only these jobs of the plan (a shard); the result is then partial. */
  only?: readonly number[];
  /** The imported model's files, when the spec's model is one (checked against the SHA-256 it names). */
  model?: ModelInput;
  now?: () => number;
}

export interface ExperimentOutcome {
  spec: ExperimentSpec;
  plan: JobPlan[];
  data: DataShape;
  /** Indexes of the jobs that ran. */
  ran: number[];
  /** Each planned job's output (undefined for jobs that did not run). */
  outputs: unknown[];
  result: KindResult;
  /** Per job: the epochs that carry metrics (the training curves). */
  curves: EpochMetrics[][];
  backend: BackendInfo | null;
  executor: string;
  startedAt: string;
  wallMs: number;
}

export class SpecError extends Error {
  override name = 'SpecError';
}

/** What planning and reducing know of a dataset. */
export function dataShape(ds: Dataset): DataShape {
  return {
    nRows: ds.nRows,
    nFeatures: ds.nFeatures,
    nClasses: ds.classNames.length,
    featureNames: ds.featureNames,
    ...(ds.imageShape ? { imageShape: ds.imageShape } : {}),
    continuous: ds.values !== undefined,
    ...(ds.targetName ? { targetName: ds.targetName } : {}),
  };
}

/** The plan of a spec on a dataset: its kind's jobs. Throws, with what to change, when the spec cannot run on this data. */
export function planExperiment(spec: ExperimentSpec, ds: Dataset): { plan: JobPlan[]; data: DataShape; hint: BackendHint } {
  const data = dataShape(ds);
  checkTaskData(spec, data);
  checkModelTask(spec);
  const layers = describeModel(spec.model, { nInputs: data.nFeatures, nOutputs: outputsOf(learningTaskOf(spec), data), imageShape: data.imageShape });
  // A run that cannot fit in a worker is refused now, with the limit, not when the tab runs out.
  checkMemory(layers, spec.training.batchSize, data);
  // The splits are made again by each host from the seed; making them here first reports a fold
  // that cannot be built (a class smaller than the fold count) before any worker starts.
  makeSplits(spec, ds);
  return { plan: kindPlan(spec, data), data, hint: { macsPerStep: macsPerSample(layers) * spec.training.batchSize } };
}

/** The kind's plan for this spec on data of this shape. */
export function kindPlan(spec: ExperimentSpec, data: DataShape): JobPlan[] {
  const kind = RUN_KINDS[spec.task.kind] as unknown as RunKindDef<string, ExperimentSpec['task'], unknown, unknown, KindResult>;
  const plan = kind.plan(baseOf(spec), spec.task, data);
  plan.forEach((j, i) => {
    if (j.index !== i) throw new Error(`The ${spec.task.kind} plan numbers job ${i} as ${j.index}.`);
  });
  return plan;
}

/**
 * Runs any kind of experiment: plan → jobs → executor → reduce. The executor decides where jobs
 * run (this thread, browser workers, Node worker threads); the result is the same wherever they
 * run, because every job draws its randomness from the spec's seed and its own place in the plan.
 */
export async function runExperiment(input: ExperimentSpec, ds: Dataset, opts: RunOptions): Promise<ExperimentOutcome> {
  const checked = parseSpec(input);
  if (!checked.ok) throw new SpecError(checked.error);
  const spec = checked.spec;
  const now = opts.now ?? Date.now;
  const startedAt = new Date(now()).toISOString();
  const t0 = now();
  const { plan, data, hint } = planExperiment(spec, ds);
  if (spec.model.kind === 'imported') {
    if (!opts.model) throw new SpecError(`This experiment uses the model "${spec.model.name}"; open its files (model.json and its weights) to run it.`);
    if (opts.model.sha256 !== spec.model.sha256) throw new SpecError(`The model files given are not "${spec.model.name}": their SHA-256 (${opts.model.sha256.slice(0, 12)}…) differs from the one the spec names (${spec.model.sha256.slice(0, 12)}…).`);
  }
  const ran = opts.only ? [...new Set(opts.only)].sort((a, b) => a - b) : plan.map((j) => j.index);
  for (const j of ran) if (!plan[j]) throw new Error(`Job ${j} is not in the plan (it has ${plan.length} jobs).`);
  const tracker = new RunTracker(spec, plan, data, now);
  const emit = (e: RunEvent) => opts.onEvent?.(e);
  emit({ type: 'plan', spec, plan, data, executor: opts.executor.name, jobs: ran });
  let backend: BackendInfo | null = null;
  // Stage by stage: a later stage's jobs are resolved from what the earlier ones found.
  const stages = [...new Set(ran.map((j) => plan[j]?.stage ?? 1))].sort((a, b) => a - b);
  const teach = opts.teach ? ran.find((j) => plan[j]?.fold === 0 && (plan[j]?.stage ?? 1) === stages[0]) : undefined;
  for (const stage of stages) {
    const jobs = ran.filter((j) => (plan[j]?.stage ?? 1) === stage).map((j) => (stage > 1 ? tracker.resolve(j) : (plan[j] as JobPlan)));
    if (stage > 1) emit({ type: 'resolved', jobs });
    await opts.executor.run({
      spec,
      data: ds,
      model: opts.model,
      jobs,
      hint,
      signal: opts.signal,
      teach,
      gate: opts.gate !== undefined,
      onBackend: (info) => {
        if (backend) return;
        backend = info;
        emit({ type: 'backend', info });
      },
      onJobEvent: (job, event) => {
        if (event.type === 'gate') return opts.gate?.();
        if (event.type === 'snapshot') return void emit({ type: 'job', job, event });
        tracker.event(job, event);
        emit({ type: 'job', job, event });
        emit({ type: 'progress', progress: tracker.progress() });
        return undefined;
      },
      onJobRestart: (job, reason) => {
        tracker.restart(job);
        emit({ type: 'job-restart', job, reason });
        emit({ type: 'progress', progress: tracker.progress() });
      },
      onJobDone: (job, output) => {
        tracker.jobDone(job, output);
        emit({ type: 'job-done', job, output });
        emit({ type: 'progress', progress: tracker.progress() });
      },
    });
  }
  return { ...outcomeOf(tracker, ran), backend, executor: opts.executor.name, startedAt, wallMs: now() - t0 };
}

/** A summary of the dataset for records: name, rows, features, classes. */
export const datasetRecord = (ds: Dataset) => {
  const s = summarize(ds);
  return { name: s.name, rows: s.rows, features: s.features, classes: s.classes };
};

/** What a tracker holds, as an outcome (also for a run that was cancelled part-way). */
export function outcomeOf(tracker: RunTracker, ran: number[] = tracker.plan.map((j) => j.index)): Pick<ExperimentOutcome, 'spec' | 'plan' | 'data' | 'ran' | 'outputs' | 'result' | 'curves'> {
  return { spec: tracker.spec, plan: [...tracker.plan], data: tracker.data, ran, outputs: tracker.outputs(), result: tracker.result(), curves: tracker.curves.map((c) => c.slice()) };
}
