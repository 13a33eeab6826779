import type { JobEvent } from '../kinds/types';
import type { JobHostApi, JobRequest } from './protocol';

/**
 * Job events across a worker boundary in batches. A sweep emits ~5,000 epoch events; sent one by
 * one, each was a Comlink call the page answered (a message in, a reply out): ~240 ms of the main
 * thread's time in a 2-s sweep (measured with Chromium's profiler), while two workers held both
 * cores. Batched, the page handles a few dozen messages a job instead.
 */

/** How often a job's events are sent at most (a gate goes at once; the rest when the job ends). */
export const EVENT_BATCH_MS = 50;

/** A job host as it is exposed from a worker: `runJob`'s callback takes events in batches. */
export interface BatchedJobHost extends Omit<JobHostApi, 'runJob'> {
  runJob(req: JobRequest, emitMany: (events: JobEvent[]) => unknown): Promise<unknown>;
}

/**
 * Worker side: `host` with its job events gathered and sent at most every `everyMs`, in order. A
 * 'gate' event (presentation mode waits for its reply) goes at once with what is pending, and its
 * reply is awaited; whatever is left goes before the job's result or error.
 */
export function batchEvents(host: JobHostApi, everyMs = EVENT_BATCH_MS, now: () => number = Date.now): BatchedJobHost {
  const { runJob, ...rest } = host;
  return {
    ...rest,
    async runJob(req, emitMany) {
      let pending: JobEvent[] = [];
      let last = now();
      const send = (): Promise<unknown> => {
        const out = pending;
        pending = [];
        last = now();
        return out.length ? Promise.resolve(emitMany(out)) : Promise.resolve();
      };
      const emit = (e: JobEvent): void | Promise<void> => {
        pending.push(e);
        if (e.type === 'gate') return send().then(() => undefined);
        // A failed send means the page is gone or the worker is being stopped: the pool handles that, not the job.
        if (now() - last >= everyMs) send().catch(() => undefined);
      };
      try {
        return await runJob.call(host, req, emit);
      } finally {
        await send().catch(() => undefined);
      }
    },
  };
}

/** Page side: the callback a batched host is given, handing each event to `emit` in order (a gate's reply awaited). */
export function unbatch(emit: (e: JobEvent) => void | Promise<void>): (events: JobEvent[]) => Promise<void> {
  return async (events) => {
    for (const e of events) {
      const reply = emit(e);
      if (reply) await reply;
    }
  };
}
