import type { KindResult } from '../kinds/registry';
import type { DataShape, EpochMetrics, JobPlan } from '../kinds/types';
import { canonicalJson } from '../spec/compare';
import { parseSpec } from '../spec/parse';
import { SPEC_VERSION, type ExperimentSpec } from '../spec/schema';
import type { BackendInfo } from './protocol';
import { RunTracker } from './tracker';
import { kindPlan, type ExperimentOutcome } from './runExperiment';

/**
 * The results file: what the CLI writes and the browser exports, one format.
 * { format, specVersion, spec, environment, data, result: { kind, summary: { metric, mean, std, … }, complete, folds… } }
 * A shard's partial file also carries `shard` and the raw `jobs` outputs it ran, which
 * `mergeResults` combines into exactly the result of the unsharded run.
 */
export const RESULTS_FORMAT = 'prunelab-results';

export interface Environment {
  app: 'PruneLab';
  version: string;
  /** "Node 20.20.2 (linux x64)" or the browser's user agent. */
  runtime: string;
  executor: string;
  backend: BackendInfo | null;
  startedAt: string;
  wallMs: number;
}

export interface ShardInfo {
  /** 1-based, as on the command line (--shard 2/3). */
  index: number;
  count: number;
  /** Plan indexes of the jobs this shard ran. */
  jobs: number[];
}

export interface ResultsFile {
  format: typeof RESULTS_FORMAT;
  specVersion: number;
  spec: ExperimentSpec;
  environment: Environment;
  data: DataShape & { name: string };
  /** The planned jobs (labels, folds, epochs) and each job's training curve. */
  plan: JobPlan[];
  curves: EpochMetrics[][];
  result: KindResult;
  shard?: ShardInfo;
  /** Shards only: the outputs of the jobs this shard ran. */
  jobs?: { index: number; label: string; output: unknown }[];
}

/**
 * Fields whose values are measured times (they differ from run to run, and between shards and
 * an unsharded run); everything else in a result is a deterministic function of spec and data.
 */
export const TIMING_KEYS: readonly string[] = ['ms', 'latency', 'latency1', 'measuredSpeedup', 'measuredSpeedup1', 'wallMs', 'startedAt'];

export function resultsFile(outcome: ExperimentOutcome, env: Pick<Environment, 'version' | 'runtime'>, dataName: string, shard?: Omit<ShardInfo, 'jobs'>): ResultsFile {
  const file: ResultsFile = {
    format: RESULTS_FORMAT,
    specVersion: SPEC_VERSION,
    spec: outcome.spec,
    environment: { app: 'PruneLab', ...env, executor: outcome.executor, backend: outcome.backend, startedAt: outcome.startedAt, wallMs: outcome.wallMs },
    data: { name: dataName, ...outcome.data },
    plan: outcome.plan,
    curves: outcome.curves,
    result: outcome.result,
  };
  if (shard) {
    file.shard = { ...shard, jobs: outcome.ran };
    file.jobs = outcome.ran.map((i) => ({ index: i, label: outcome.plan[i]?.label ?? '', output: outcome.outputs[i] }));
  }
  return file;
}

/**
 * Slice i (1-based) of n of a job list: contiguous, sizes differing by at most one. Only the first
 * stage shards; later stages depend on all of it, so a plan with a later stage that the result
 * needs cannot be sharded (optional later jobs, such as a refit, are left out of shards).
 */
export function shardJobs(plan: readonly JobPlan[], index: number, count: number): number[] {
  if (!Number.isInteger(count) || count < 1) throw new Error(`The shard count must be a whole number ≥ 1, got ${count}.`);
  if (!Number.isInteger(index) || index < 1 || index > count) throw new Error(`The shard index must be from 1 to ${count}, got ${index}.`);
  const needed = plan.find((j) => (j.stage ?? 1) > 1 && !j.optional);
  if (needed) throw new Error(`This run cannot be sharded: its jobs run in stages, each chosen from the last (${needed.label} needs the earlier results). Run it whole, with --jobs for all cores.`);
  const first = plan.filter((j) => (j.stage ?? 1) === 1);
  const from = Math.floor(((index - 1) * first.length) / count);
  const to = Math.floor((index * first.length) / count);
  return first.slice(from, to).map((j) => j.index);
}

/** Parses "i/n" (e.g. "2/3"). */
export function parseShard(text: string): { index: number; count: number } {
  const m = /^(\d+)\/(\d+)$/.exec(text.trim());
  if (!m) throw new Error(`--shard expects i/n, e.g. 2/3; got "${text}".`);
  const index = Number(m[1]);
  const count = Number(m[2]);
  if (count < 1 || index < 1 || index > count) throw new Error(`--shard ${text}: i must be from 1 to n.`);
  return { index, count };
}

const sameJson = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

export class MergeError extends Error {
  override name = 'MergeError';
}

/**
 * Combines shard files into the results of the whole run: the same spec and data in every part,
 * every shard 1…n present once, every planned job's output present; the kind's reducer then
 * runs on all outputs, exactly as the unsharded run reduces them.
 */
export function mergeResults(parts: readonly ResultsFile[]): ResultsFile {
  const first = parts[0];
  if (!first) throw new MergeError('Nothing to merge: give the shard files (prunelab merge part-*.json).');
  parts.forEach((p, i) => {
    if (p.format !== RESULTS_FORMAT) throw new MergeError(`Part ${i + 1} is not a PruneLab results file.`);
    if (!p.shard || !p.jobs) throw new MergeError(`Part ${i + 1} is a complete run, not a shard (no "shard" section).`);
  });
  const checked = parseSpec(first.spec);
  if (!checked.ok) throw new MergeError(`The shards' spec is invalid: ${checked.error}`);
  const spec = checked.spec;
  const count = first.shard?.count ?? 0;
  const seen = new Map<number, number>();
  parts.forEach((p, i) => {
    if (!sameJson(p.spec, first.spec)) throw new MergeError(`Part ${i + 1} was run from a different spec than part 1; only shards of one run merge.`);
    if (!sameJson(p.data, first.data)) throw new MergeError(`Part ${i + 1} ran on different data than part 1.`);
    const s = p.shard as ShardInfo;
    if (s.count !== count) throw new MergeError(`Part ${i + 1} is shard ${s.index}/${s.count}, part 1 is of ${count}.`);
    if (seen.has(s.index)) throw new MergeError(`Shard ${s.index}/${count} appears twice (parts ${(seen.get(s.index) ?? 0) + 1} and ${i + 1}).`);
    seen.set(s.index, i);
  });
  const missing = Array.from({ length: count }, (_, i) => i + 1).filter((i) => !seen.has(i));
  if (missing.length) throw new MergeError(`Missing shard${missing.length > 1 ? 's' : ''} ${missing.map((i) => `${i}/${count}`).join(', ')}.`);
  const plan = kindPlan(spec, first.data);
  const tracker = new RunTracker(spec, plan, first.data);
  for (const p of parts) for (const j of p.jobs ?? []) tracker.jobDone(j.index, j.output);
  const absent = tracker.jobs.filter((j) => j.output === undefined && !j.plan.optional).map((j) => j.plan.label);
  if (absent.length) throw new MergeError(`The shards do not cover every job: ${absent.join(', ')} missing.`);
  const wallMs = parts.reduce((s, p) => s + p.environment.wallMs, 0);
  const startedAt = parts.map((p) => p.environment.startedAt).sort()[0] ?? first.environment.startedAt;
  const { shard: _s, jobs: _j, ...rest } = first;
  // A shard's curves hold only its own jobs: each job's curve comes from the shard that ran it.
  const curves = plan.map((j) => parts.find((p) => p.shard?.jobs.includes(j.index))?.curves[j.index] ?? []);
  return { ...rest, environment: { ...first.environment, executor: `${count} shards (${first.environment.executor} each)`, startedAt, wallMs }, plan, curves, result: tracker.result() };
}
