import * as tf from '@tensorflow/tfjs-core';
import { CancelledError } from '../errors';
import type { BackendInfo, Executor } from '../run/protocol';
import type { BackendChoice } from '../spec/sections';
import { createJobHost } from './host';

/**
 * Runs jobs one after another in this thread, on the backend already set (Node tests, the CLI
 * with --jobs 1, benches). The spec's backend must be that one or 'auto'.
 */
export function inThreadExecutor(): Executor {
  const host = createJobHost(async (choice: BackendChoice): Promise<BackendInfo> => {
    const name = tf.getBackend() as BackendInfo['name'];
    if (choice !== 'auto' && choice !== name) throw new Error(`This thread runs the ${name} backend; the spec asks for ${choice}.`);
    return { name, requested: choice, reason: choice === 'auto' ? `Auto: the ${name} backend of this thread` : `${choice} chosen by the user` };
  });
  let dataKey = 0;
  return {
    name: 'in-thread',
    async run(run) {
      const isCancelled = () => run.signal?.aborted === true;
      if (isCancelled()) throw new CancelledError();
      run.onBackend(await host.init(run.spec.backend, run.hint));
      const key = `data-${++dataKey}`;
      await host.setData(key, run.data, run.model);
      for (const job of run.jobs) {
        if (isCancelled()) throw new CancelledError();
        const output = await host.runJobWith({ spec: run.spec, dataKey: key, job, ...(job.index === run.teach ? { teach: true } : {}), ...(run.gate ? { gate: true } : {}) }, (e) => run.onJobEvent(job.index, e), isCancelled);
        run.onJobDone(job.index, output);
      }
    },
    async exportModel(spec, data, tag, label, job, model) {
      await host.init(spec.backend, { macsPerStep: 0 });
      const key = `data-${++dataKey}`;
      await host.setData(key, data, model);
      return host.exportModel({ spec, dataKey: key, tag, label, job });
    },
    tensorCount: () => host.tensorCount(),
    dispose: () => host.dispose(),
  };
}
