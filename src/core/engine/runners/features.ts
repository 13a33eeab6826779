import { CancelledError } from '../../errors';
import { featureEstimator } from '../../features/estimators';
import { resolveTarget, rfe } from '../../features/rfe';
import { selectColumns, subset, type LabeledTable } from '../../features/table';
import type { FeaturesJobOutput, FeaturesTask } from '../../kinds/features';
import type { JobContext } from './context';

/**
 * RFECV split into jobs (scikit-learn semantics): each fold job runs RFE on the fold's training
 * rows down to the minimum and scores every intermediate model on the held-out rows; the
 * all-rows job runs RFE on every row down to the minimum and records which features each round
 * removed. The reducer picks the count from the folds' scores and reads the selection and
 * ranking at that count off the all-rows history (RFE to a count in its schedule is a prefix of
 * RFE to the minimum). Plain JS: no tensors.
 */
export async function runFeaturesJob(ctx: JobContext<FeaturesTask>): Promise<FeaturesJobOutput> {
  const { data, task, job } = ctx;
  const table: LabeledTable = { x: data.x, nRows: data.nRows, nFeatures: data.nFeatures, y: data.y, nClasses: data.classNames.length };
  const estimator = featureEstimator(ctx.spec, task);
  const minimum = resolveTarget(Math.min(task.minFeatures, data.nFeatures), data.nFeatures);
  const n = data.nFeatures;
  const check = () => {
    if (ctx.isCancelled()) throw new CancelledError();
  };
  if (job.fold === null) {
    const eliminated: number[][] = [];
    let alive: number[] = Array.from({ length: n }, (_, i) => i);
    const r = rfe(table, estimator, {
      nFeaturesToSelect: minimum,
      step: task.step,
      onFit: (_model, features) => {
        check();
        const now = Array.from(features);
        if (now.length < alive.length) eliminated.push(alive.filter((f) => !now.includes(f)));
        alive = now;
        ctx.emit({ type: 'point', point: { count: now.length, score: null } });
      },
    });
    return { type: 'full', estimator: estimator.name, counts: r.counts, eliminated };
  }
  const split = ctx.splits[job.fold];
  if (!split) throw new Error(`The spec makes ${ctx.splits.length} split(s); there is no fold ${job.fold + 1}.`);
  const train = subset(table, split.train);
  const test = subset(table, split.test);
  const scored: { count: number; score: number }[] = [];
  rfe(train, estimator, {
    nFeaturesToSelect: minimum,
    step: task.step,
    onFit: (model, features) => {
      check();
      const x = features.length === n ? test.x : selectColumns(test.x, test.nRows, n, features);
      const s = { count: features.length, score: model.score(x, test.nRows, test.y) };
      scored.push(s);
      ctx.emit({ type: 'point', point: s });
    },
  });
  scored.reverse();
  return { type: 'fold', fold: job.fold, estimator: estimator.name, counts: scored.map((s) => s.count), scores: scored.map((s) => s.score) };
}
