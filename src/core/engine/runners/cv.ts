import type { FoldResult } from '../../kinds/cv';
import { seeds } from '../../seeds';
import { foldJob, offer, type JobContext } from './context';
import type { CvTask } from '../../kinds/cv';

/** One fold of cross-validation: train on the fold's training rows, score on its held-out rows. */
export async function runCvJob(ctx: JobContext<CvTask>): Promise<FoldResult> {
  const started = Date.now();
  const { fold, trainRows, testRows, history, createNet, fit, score } = foldJob(ctx);
  const net = createNet();
  try {
    const { stoppedEarly } = await fit(net, ctx.spec.training.epochs, seeds.shuffle(ctx.spec.seed, fold), 'train');
    await offer(ctx, 'trained', net);
    const final = await score(net);
    return {
      fold,
      accuracy: final.accuracy,
      testLoss: final.loss,
      trainSize: trainRows.n,
      testSize: testRows.n,
      epochsRun: history.length,
      stoppedEarly,
      params: net.params(),
      ...(final.extra ? { extra: final.extra } : {}),
      history,
      ms: Date.now() - started,
    };
  } finally {
    net.dispose();
  }
}
