import { metricOf } from '../task/learning';
import { RUN_KINDS, type KindResult } from '../kinds/registry';
import type { DataShape, EpochMetrics, JobEvent, JobPlan, JobState, RunKindDef } from '../kinds/types';
import { baseOf, type ExperimentSpec } from '../spec/schema';

export interface Progress {
  /** Work done and planned: epochs plus points, a finished job counting in full. */
  done: number;
  total: number;
  fraction: number;
  elapsedMs: number;
  /** Linear estimate from the work done so far; null before any work. */
  etaMs: number | null;
  jobsDone: number;
  jobsTotal: number;
}

type AnyKind = RunKindDef<string, { kind: string }, unknown, unknown, KindResult>;

/**
 * The state of one run, fed job by job: what each job streamed, its output once done, its
 * training curve, and the progress. `result()` reduces it with the kind's reducer at any moment,
 * so the app's live view, the CLI, a cancelled run and a shard all summarise the same way.
 */
export class RunTracker {
  readonly jobs: (JobState<unknown, unknown> & { points: unknown[] })[];
  readonly plan: JobPlan[];
  /** Per job: the epochs that carry metrics (training and fine-tuning), in order. */
  readonly curves: EpochMetrics[][];
  private readonly done: number[];
  /** Sums kept as events arrive: progress is asked for after every event (thousands in a sweep). */
  private doneSum = 0;
  private jobsDone = 0;
  private totalCache: number | null = null;
  private readonly kind: AnyKind;
  /**
   * Bumped when what result() reduces changes (a point, an output, a resolved job) and when a
   * curve gains an epoch: a live view redraws only what changed (a sweep's fine-tuning epochs move
   * the progress alone).
   */
  resultVersion = 0;
  curvesVersion = 0;
  private readonly startedAt: number;

  constructor(
    readonly spec: ExperimentSpec,
    plan: readonly JobPlan[],
    readonly data: DataShape,
    private readonly now: () => number = Date.now,
  ) {
    this.plan = [...plan];
    this.kind = RUN_KINDS[spec.task.kind] as unknown as AnyKind;
    this.jobs = plan.map((p) => ({ plan: p, points: [] }));
    this.curves = plan.map(() => []);
    this.done = plan.map(() => 0);
    this.startedAt = now();
  }

  /** A later-stage job, filled in from what the earlier stages found (its epochs may change). */
  resolve(job: number): JobPlan {
    const p = this.plan[job];
    if (!p) throw new Error(`Job ${job} is not in the plan.`);
    const resolved = this.kind.resolve ? this.kind.resolve(baseOf(this.spec), this.spec.task, p, this.jobs, this.data) : p;
    this.plan[job] = resolved;
    this.totalCache = null;
    const state = this.jobs[job];
    if (state) state.plan = resolved;
    this.resultVersion++;
    return resolved;
  }

  /** Takes a job as another tracker resolved it (the app's mirror of a run). */
  adopt(job: JobPlan): void {
    this.plan[job.index] = job;
    this.totalCache = null;
    const state = this.jobs[job.index];
    if (state) state.plan = job;
    this.resultVersion++;
  }

  private planned = (j: number): number => (this.plan[j]?.epochs ?? 0) + (this.plan[j]?.points ?? 0);

  event(job: number, e: JobEvent): void {
    const state = this.jobs[job];
    if (!state) throw new Error(`An event arrived for job ${job}, which the plan does not have.`);
    if (state.output !== undefined || e.type === 'snapshot' || e.type === 'gate') return; // a finished job's returned output already replaced what streamed; snapshots are not results
    if (e.type === 'point') {
      state.points.push(e.point);
      this.resultVersion++;
    } else if (e.metrics) {
      this.curves[job]?.push(e.metrics);
      this.curvesVersion++;
    }
    this.setDone(job, Math.min(this.planned(job), (this.done[job] ?? 0) + 1));
  }

  /** Forgets what a job streamed: it runs again from its start (its host crashed). */
  restart(job: number): void {
    const state = this.jobs[job];
    if (!state || state.output !== undefined) return;
    state.points.length = 0;
    this.curves[job] = [];
    this.setDone(job, 0);
    this.resultVersion++;
    this.curvesVersion++;
  }

  jobDone(job: number, output: unknown): void {
    const state = this.jobs[job];
    if (!state) throw new Error(`Job ${job} finished, but the plan does not have it.`);
    if (state.output === undefined) this.jobsDone++;
    state.output = output;
    this.resultVersion++;
    this.curvesVersion++;
    // Events travel on their own channel and can trail the result: the job's own curve is the complete one.
    const history = (output as { history?: unknown } | null)?.history;
    if (Array.isArray(history)) this.curves[job] = history as EpochMetrics[];
    // Early stopping can end a job before its epoch budget: a finished job counts in full.
    this.setDone(job, this.planned(job));
  }

  private setDone(job: number, steps: number): void {
    this.doneSum += steps - (this.done[job] ?? 0);
    this.done[job] = steps;
  }

  progress(): Progress {
    const total = (this.totalCache ??= this.plan.reduce((s, _, j) => s + this.planned(j), 0));
    const done = this.doneSum;
    const elapsedMs = this.now() - this.startedAt;
    return {
      done,
      total,
      fraction: total ? done / total : 1,
      elapsedMs,
      etaMs: done > 0 ? (elapsedMs / done) * (total - done) : null,
      jobsDone: this.jobsDone,
      jobsTotal: this.jobs.length,
    };
  }

  /** The kind's result, named by the task's metric. */
  result(): KindResult {
    return { ...this.kind.reduce(baseOf(this.spec), this.spec.task, this.jobs, this.data), metric: metricOf(this.spec).id };
  }

  outputs(): unknown[] {
    return this.jobs.map((j) => j.output);
  }
}
