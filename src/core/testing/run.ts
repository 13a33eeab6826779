import type { Dataset } from '../data/dataset';
import type { OutputOf, RunKindId } from '../kinds/registry';
import type { JobEvent } from '../kinds/types';
import { createJobHost } from '../engine/host';
import { inThreadExecutor } from '../engine/inThread';
import { planExperiment, runExperiment, type RunOptions } from '../run/runExperiment';
import type { SpecOf, ExperimentSpec } from '../spec/schema';
import { selectNodeBackend } from '../../cli/backend';
import { makeSplits } from '../cv/plan';
import type { JobContext } from '../engine/runners/context';

/** Runs a whole experiment in this thread (on the backend already selected). */
export function runInThread(spec: ExperimentSpec, ds: Dataset, opts: Omit<RunOptions, 'executor'> = {}) {
  return runExperiment(spec, ds, { executor: inThreadExecutor(), ...opts });
}

/**
 * Runs one planned job of the spec (job index = fold for per-fold kinds) in this thread, through
 * the same host the workers use; returns its output and every event it emitted.
 */
export async function runJob<K extends RunKindId>(
  spec: SpecOf<K>,
  ds: Dataset,
  jobIndex: number,
  opts: { isCancelled?: () => boolean; onEvent?: (e: JobEvent) => void } = {},
): Promise<{ output: OutputOf<K>; events: JobEvent[] }> {
  const { plan } = planExperiment(spec, ds);
  const job = plan[jobIndex];
  if (!job) throw new Error(`The plan has ${plan.length} jobs; no job ${jobIndex}.`);
  const host = createJobHost(selectNodeBackend);
  await host.setData('test', ds);
  const events: JobEvent[] = [];
  const output = await host.runJobWith(
    { spec, dataKey: 'test', job },
    (e) => {
      events.push(e);
      opts.onEvent?.(e);
    },
    opts.isCancelled ?? (() => false),
  );
  return { output: output as OutputOf<K>, events };
}

/** The context a runner gets for job `jobIndex` of the spec, for calling a runner directly (e.g. with its own options). */
export function jobContext<K extends RunKindId>(spec: SpecOf<K>, ds: Dataset, jobIndex: number, emit: (e: JobEvent) => void = () => undefined, isCancelled: () => boolean = () => false): JobContext<SpecOf<K>['task']> {
  const { plan } = planExperiment(spec, ds);
  const job = plan[jobIndex];
  if (!job) throw new Error(`The plan has ${plan.length} jobs; no job ${jobIndex}.`);
  return { spec, task: spec.task, data: ds, splits: makeSplits(spec, ds), job, emit, isCancelled };
}
