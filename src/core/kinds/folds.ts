import { mean, std } from '../metrics';
import { splitCount, type SpecBase } from '../spec/sections';
import type { JobPlan, Summary } from './types';
import { metricOf } from '../task/learning';

/** One job per CV split (fold), each reporting the same epochs and points. */
export function perFoldJobs(base: SpecBase, epochs: number, points: number, curveEpochs = epochs): JobPlan[] {
  return Array.from({ length: splitCount(base.cv) }, (_, fold) => ({ index: fold, label: base.cv.kind === 'holdout' ? 'hold-out split' : `fold ${fold + 1}`, fold, epochs, curveEpochs, points }));
}

/** The task's metric, mean ± population std over the given folds; null when there are none. */
export function accuracySummary(base: Pick<SpecBase, 'learningTask'>, scores: readonly number[], of: string): Summary | null {
  if (scores.length === 0) return null;
  return { metric: metricOf(base).id, mean: mean(scores), std: std(scores), n: scores.length, of };
}

export const fixed = (x: number, digits = 4): string => x.toFixed(digits);
export const pm = (m: number, s: number, digits = 4): string => `${m.toFixed(digits)} ± ${s.toFixed(digits)}`;
export const accountPct = (x: number, digits = 1): string => `${(100 * x).toFixed(digits)}%`;
