import { learningTaskOf } from '../spec/sections';
import { z } from 'zod';
import { eliminationSchedule, resolveTarget } from '../features/rfe';
import { chooseFeatureCount } from '../features/rfecv';
import { mean, std } from '../metrics';
import { splitCount } from '../spec/sections';
import { fixed } from './folds';
import type { DataShape, JobPlan, ResultBase, RunKindDef } from './types';

export const FEATURE_ESTIMATORS = ['logreg', 'linear-svm', 'mlp'] as const;

/** RFECV (scikit-learn semantics) on the spec's CV splits; the estimator is standardized per training fold when preprocessing asks. */
export const featuresTaskSchema = z
  .object({
    kind: z.literal('features'),
    estimator: z.enum(FEATURE_ESTIMATORS),
    /** RFE ranking: the estimator's own importance (squared coefficients; for the MLP its first-layer weight norms) or permutation importance on the training rows. */
    importance: z.enum(['coef', 'permutation']),
    /** Features removed per round: a whole number, or a fraction in (0, 1) of the initial count. */
    step: z.number().gt(0),
    minFeatures: z.number().int().min(1).max(10000),
  })
  .strict()
  .refine((f) => f.step < 1 || Number.isInteger(f.step), { message: 'step must be a whole number or a fraction below 1', path: ['step'] });
export type FeaturesTask = z.infer<typeof featuresTaskSchema>;

/** One fold's elimination run: accuracy on the fold's held-out rows at every feature count. */
export interface FeaturesFoldOutput {
  type: 'fold';
  fold: number;
  estimator: string;
  /** Feature counts, ascending. */
  counts: number[];
  scores: number[];
}

/** RFE on all rows down to the minimum: which features each round removed (original column indices). */
export interface FeaturesFullOutput {
  type: 'full';
  estimator: string;
  /** Feature counts of every fit, descending (nFeatures … minimum). */
  counts: number[];
  /** eliminated[r]: columns removed in round r + 1. */
  eliminated: number[][];
}

export type FeaturesJobOutput = FeaturesFoldOutput | FeaturesFullOutput;

/** A fit's score as RFE proceeds (fold jobs) or just a fit done (the all-rows job). */
export interface FeaturesPoint {
  count: number;
  score: number | null;
}

export interface FeaturesResult extends ResultBase<'features'> {
  estimator: string;
  featureNames: string[];
  counts: number[];
  meanScore: number[];
  stdScore: number[];
  foldScores: number[][];
  /** The chosen number of features (largest summed score; ties → fewest, as sklearn ≥ 1.0). */
  nFeatures: number;
  /** sklearn's ranking_: 1 = selected, larger = eliminated earlier. */
  ranking: number[];
  /** Names of the selected features, in dataset order. */
  selected: string[];
}

const minimum = (task: FeaturesTask, data: Pick<DataShape, 'nFeatures'>): number => resolveTarget(Math.min(task.minFeatures, data.nFeatures), data.nFeatures);

/** Support and sklearn ranking of RFE run to `count`, from the all-rows elimination history. */
export function rankingAt(nFeatures: number, full: FeaturesFullOutput, count: number): { ranking: number[]; selected: number[] } {
  const rounds = full.counts.indexOf(count);
  if (rounds < 0) throw new Error(`RFE never fitted ${count} features (counts ${full.counts.join(', ')}).`);
  const ranking = new Array<number>(nFeatures).fill(1);
  // A feature removed in round r (1-based) of R gains one rank per round from r to R: R − r + 2.
  full.eliminated.slice(0, rounds).forEach((cols, r) => cols.forEach((c) => (ranking[c] = rounds - (r + 1) + 2)));
  return { ranking, selected: ranking.flatMap((rank, i) => (rank === 1 ? [i] : [])) };
}

export const featuresKind: RunKindDef<'features', FeaturesTask, FeaturesPoint, FeaturesJobOutput, FeaturesResult> = {
  id: 'features',
  label: 'Feature selection (RFECV)',
  description: "scikit-learn's RFECV: drops the least important features step by step on each fold's training rows, scores every count on the held-out rows, and keeps the count with the best mean (ties: the fewest features).",
  schema: featuresTaskSchema,
  defaults: () => ({ kind: 'features', estimator: 'logreg', importance: 'coef', step: 1, minFeatures: 1 }),
  plan: (base, task, data) => {
    if (learningTaskOf(base) !== 'classification') throw new Error("Feature pruning ranks features with a classifier (scikit-learn's RFE semantics): it runs on classification only.");
    const fits = eliminationSchedule(data.nFeatures, task.step, minimum(task, data)).length;
    const folds: JobPlan[] = Array.from({ length: splitCount(base.cv) }, (_, fold) => ({ index: fold, label: `fold ${fold + 1}`, fold, epochs: 0, curveEpochs: 0, points: fits }));
    return [...folds, { index: folds.length, label: 'all rows', fold: null, epochs: 0, curveEpochs: 0, points: fits }];
  },
  reduce: (_base, _task, jobs, data) => {
    const outputs = jobs.flatMap((j) => (j.output ? [j.output] : []));
    const folds = outputs.filter((o): o is FeaturesFoldOutput => o.type === 'fold').sort((a, b) => a.fold - b.fold);
    const full = outputs.find((o): o is FeaturesFullOutput => o.type === 'full');
    const complete = outputs.length === jobs.length;
    const counts = folds[0]?.counts ?? [];
    const foldScores = folds.map((f) => f.scores);
    const meanScore = counts.map((_, j) => mean(foldScores.map((s) => s[j] ?? Number.NaN)));
    const stdScore = counts.map((_, j) => std(foldScores.map((s) => s[j] ?? Number.NaN)));
    const nFeatures = counts.length ? chooseFeatureCount(counts, foldScores) : 0;
    const at = counts.indexOf(nFeatures);
    const nAll = full ? (full.counts[0] ?? 0) : 0;
    const chosen = complete && full ? rankingAt(nAll, full, nFeatures) : { ranking: [], selected: [] };
    return {
      kind: 'features',
      estimator: (full ?? folds[0])?.estimator ?? '',
      featureNames: [...data.featureNames],
      counts,
      meanScore,
      stdScore,
      foldScores,
      nFeatures,
      ranking: chosen.ranking,
      selected: chosen.selected.map((i) => data.featureNames[i] ?? `feature ${i}`),
      summary: at >= 0 && folds.length ? { metric: 'accuracy', mean: meanScore[at] ?? Number.NaN, std: stdScore[at] ?? Number.NaN, n: folds.length, of: `the estimator on the ${nFeatures} chosen features` } : null,
      complete,
    };
  },
  table: (r) => ({
    title: `RFECV (${r.estimator}): ${r.nFeatures} features chosen`,
    columns: ['features', 'mean accuracy', 'std'],
    rows: r.counts.map((n, j) => [n === r.nFeatures ? `${n} (chosen)` : n, fixed(r.meanScore[j] ?? Number.NaN), fixed(r.stdScore[j] ?? Number.NaN)]),
  }),
  exports: (r) => [
    {
      title: 'RFECV scores',
      name: 'rfecv',
      columns: ['n_features', 'chosen', 'mean_accuracy', 'std_accuracy', ...r.foldScores.map((_, i) => `fold_${i + 1}`)],
      rows: r.counts.map((n, j) => [n, n === r.nFeatures, r.meanScore[j] ?? Number.NaN, r.stdScore[j] ?? Number.NaN, ...r.foldScores.map((s) => s[j] ?? Number.NaN)]),
    },
    { title: 'Feature ranking', name: 'rfecv-ranking', columns: ['feature', 'rank', 'selected'], rows: r.featureNames.map((f, i) => [f, r.ranking[i] ?? Number.NaN, r.ranking[i] === 1]) },
  ],
  models: () => [],
};
