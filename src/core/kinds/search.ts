import { z } from 'zod';
import { mean, std } from '../metrics';
import { createRng } from '../rng';
import { gridCandidates, halvingSchedule, randomCandidates, rankScores, type SearchParam } from '../search/candidates';
import { applyCandidate, candidateText, checkCandidates, checkSearchPath, SearchError, type Candidate, type ParamValue } from '../search/params';
import { streamSeed } from '../seeds';
import { splitCount, type SpecBase } from '../spec/sections';
import type { ExperimentSpec } from '../spec/schema';
import { accuracySummary, fixed, pm } from './folds';
import { metricOf } from '../task/learning';
import type { DataShape, EpochMetrics, JobPlan, JobState, ResultBase, RunKindDef, Summary } from './types';
import { metricIdOf } from './types';

export const SEARCH_METHODS = ['grid', 'random', 'halving'] as const;

const paramValue = z.union([z.number(), z.string().max(100), z.boolean()]);
export const searchParamSchema = z
  .object({
    /** A spec field by its dotted path (training.learningRate, model.hidden.0.units) or model.depth / model.width. */
    path: z.string().min(1).max(200),
    values: z.array(paramValue).min(1).max(50).optional(),
    range: z.object({ low: z.number(), high: z.number(), log: z.boolean() }).strict().optional(),
  })
  .strict()
  .refine((p) => (p.values === undefined) !== (p.range === undefined), { message: 'give either values or a range' });

/**
 * Hyper-parameter search with scikit-learn's semantics: GridSearchCV, RandomizedSearchCV and
 * HalvingGridSearchCV; every candidate scored on the same folds; optionally nested CV for an
 * unbiased estimate; the best refit on all rows.
 */
export const searchTaskSchema = z
  .object({
    kind: z.literal('search'),
    method: z.enum(SEARCH_METHODS),
    params: z.array(searchParamSchema).min(1).max(8),
    /** Random search: how many candidates to draw. */
    candidates: z.number().int().min(1).max(500),
    halving: z
      .object({
        factor: z.number().int().min(2).max(10),
        /** What each round gives more of: training epochs, or rows (scikit-learn's n_samples). */
        resource: z.enum(['epochs', 'rows']),
      })
      .strict(),
    nested: z.object({ enabled: z.boolean(), outerFolds: z.number().int().min(2).max(10) }).strict(),
    /** Also score the settings as they are (candidate 0): the "before" of optimize → prune. */
    includeCurrent: z.boolean(),
  })
  .strict();
export type SearchTask = z.infer<typeof searchTaskSchema>;

/** What a search job trains and scores. */
export type SearchPayload =
  | { stage: 'cv'; candidate: number; fold: number; round?: number; rank?: number; resource?: number }
  | { stage: 'inner'; outer: number; candidate: number; fold: number }
  | { stage: 'outer'; outer: number; candidate: number }
  | { stage: 'refit'; candidate: number };

export interface SearchJobOutput {
  payload: SearchPayload;
  accuracy: number;
  testLoss: number;
  trainSize: number;
  testSize: number;
  epochsRun: number;
  stoppedEarly: boolean;
  history: EpochMetrics[];
  ms: number;
}

export interface CandidateScore {
  index: number;
  params: Candidate;
  /** Candidate 0 when `includeCurrent`: the settings as they are. */
  current: boolean;
  /** Held-out accuracy per fold (of its last round, for successive halving). */
  folds: number[];
  mean: number;
  std: number;
  /** rank_test_score: 1 = best; equal means share the lowest rank (halving: later rounds first). */
  rank: number;
  /** Successive halving: the last round it ran in (0-based). */
  round: number;
  /** Training time over its folds. */
  ms: number;
}

export interface SearchResult extends ResultBase<'search'> {
  method: SearchTask['method'];
  paths: string[];
  candidates: CandidateScore[];
  best: CandidateScore | null;
  /** Successive halving: each round's resource and the candidates it ran; the cost against the full grid at the full resource. */
  rounds: { round: number; resource: number; candidates: number[] }[];
  cost: { used: number; full: number } | null;
  /** Nested CV: per outer fold, the candidate the inner search chose and its outer test accuracy; their mean ± std is the unbiased estimate. */
  nested: { folds: { outer: number; candidate: number; params: Candidate; accuracy: number }[]; summary: Summary | null } | null;
  /** The best candidate trained on all rows (GridSearchCV's refit): its training accuracy; its CV accuracy is best.mean. */
  refit: { candidate: number; params: Candidate; trainAccuracy: number; trainLoss: number; epochs: number; job: number } | null;
}

/** The spec a search's candidates start from: the experiment with a plain-CV task. */
export const baseSpecOf = (base: SpecBase): ExperimentSpec => ({ version: 2, ...base, task: { kind: 'cv' } });

/** The search's candidates, deterministic for the spec's seed (candidate 0 = the current settings when asked). */
export function searchCandidates(base: SpecBase, task: SearchTask): Candidate[] {
  const spec = baseSpecOf(base);
  for (const p of task.params) checkSearchPath(spec, p.path);
  const params: SearchParam[] = task.params;
  const drawn = task.method === 'random' ? randomCandidates(params, task.candidates, createRng(streamSeed(base.seed, 'search'))) : task.method === 'halving' && !params.every((p) => p.values) ? randomCandidates(params, task.candidates, createRng(streamSeed(base.seed, 'search'))) : gridCandidates(params);
  return task.includeCurrent ? [{}, ...drawn] : drawn;
}

/** The largest resource a round can give: the training epochs, or the rows. */
const maxResource = (base: SpecBase, task: SearchTask, data: DataShape) => (task.halving.resource === 'epochs' ? base.training.epochs : data.nRows);

function byCandidate(jobs: readonly JobState<SearchJobOutput, never>[], pick: (p: SearchPayload) => boolean): Map<number, SearchJobOutput[]> {
  const out = new Map<number, SearchJobOutput[]>();
  for (const j of jobs) {
    const o = j.output;
    if (o && pick(o.payload)) out.set(o.payload.candidate, [...(out.get(o.payload.candidate) ?? []), o]);
  }
  return out;
}

/** Candidates ordered best first by mean accuracy over their folds (ties: the lower index, as argmin of rank_test_score). */
function ordered(scores: Map<number, SearchJobOutput[]>, higherIsBetter = true): number[] {
  const sign = higherIsBetter ? 1 : -1;
  return [...scores.entries()].map(([c, os]) => ({ c, m: sign * mean(os.map((o) => o.accuracy)) })).sort((a, b) => b.m - a.m || a.c - b.c).map((x) => x.c);
}

export const searchKind: RunKindDef<'search', SearchTask, never, SearchJobOutput, SearchResult> = {
  id: 'search',
  label: 'Hyper-parameter search',
  description: 'Scores candidate settings (grid, random or successive halving over learning rate, optimizer, layers, units, regularisation, schedule…) by CV on the same folds, ranks them as GridSearchCV does, refits the best; nested CV gives an unbiased estimate.',
  schema: searchTaskSchema,
  defaults: () => ({
    kind: 'search',
    method: 'grid',
    params: [{ path: 'training.learningRate', values: [0.001, 0.01, 0.1] }],
    candidates: 10,
    halving: { factor: 3, resource: 'epochs' },
    nested: { enabled: false, outerFolds: 3 },
    includeCurrent: false,
  }),
  plan: (base, task, data) => {
    const spec = baseSpecOf(base);
    const cands = searchCandidates(base, task);
    const specs = checkCandidates(spec, cands);
    const nFolds = splitCount(base.cv);
    const jobs: JobPlan[] = [];
    const add = (j: Omit<JobPlan, 'index'>) => jobs.push({ index: jobs.length, ...j });
    const epochsOf = (c: number) => specs[c]?.training.epochs ?? base.training.epochs;
    const maxEpochs = Math.max(...specs.map((s) => s.training.epochs));
    if (task.method === 'halving') {
      if (task.nested.enabled) throw new SearchError('Nested CV runs a whole search inside each outer fold: choose grid or random search for it.');
      const schedule = halvingSchedule(cands.length, task.halving.factor, maxResource(base, task, data));
      schedule.forEach(({ resource, candidates }, round) => {
        for (let k = 0; k < candidates; k++)
          for (let fold = 0; fold < nFolds; fold++) {
            const epochs = task.halving.resource === 'epochs' ? resource : round === 0 ? epochsOf(k) : maxEpochs;
            const payload: SearchPayload = { stage: 'cv', candidate: round === 0 ? k : -1, rank: k, fold, round, resource };
            add({ label: round === 0 ? `candidate ${k + 1}, fold ${fold + 1}` : `round ${round + 1}, candidate #${k + 1}, fold ${fold + 1}`, fold, epochs, curveEpochs: epochs, points: 0, stage: round + 1, payload });
          }
      });
    } else {
      cands.forEach((_, c) => {
        for (let fold = 0; fold < nFolds; fold++) add({ label: `candidate ${c + 1}, fold ${fold + 1}`, fold, epochs: epochsOf(c), curveEpochs: epochsOf(c), points: 0, stage: 1, payload: { stage: 'cv', candidate: c, fold } satisfies SearchPayload });
      });
      if (task.nested.enabled) {
        for (let outer = 0; outer < task.nested.outerFolds; outer++)
          cands.forEach((_, c) => {
            for (let fold = 0; fold < nFolds; fold++) add({ label: `outer ${outer + 1}, candidate ${c + 1}, inner fold ${fold + 1}`, fold: null, epochs: epochsOf(c), curveEpochs: epochsOf(c), points: 0, stage: 1, payload: { stage: 'inner', outer, candidate: c, fold } satisfies SearchPayload });
          });
      }
    }
    const last = Math.max(...jobs.map((j) => j.stage ?? 1)) + 1;
    if (task.nested.enabled) for (let outer = 0; outer < task.nested.outerFolds; outer++) add({ label: `outer fold ${outer + 1}`, fold: null, epochs: maxEpochs, curveEpochs: maxEpochs, points: 0, stage: last, payload: { stage: 'outer', outer, candidate: -1 } satisfies SearchPayload });
    add({ label: 'refit on all rows', fold: null, epochs: maxEpochs, curveEpochs: maxEpochs, points: 0, stage: last, optional: true, payload: { stage: 'refit', candidate: -1 } satisfies SearchPayload });
    return jobs;
  },
  resolve: (base, task, job, jobs) => {
    const p = job.payload as SearchPayload;
    const up = metricOf(base).higherIsBetter;
    const cands = searchCandidates(base, task);
    const epochsOf = (c: number) => checkCandidates(baseSpecOf(base), [cands[c] ?? {}])[0]?.training.epochs ?? base.training.epochs;
    let candidate: number;
    if (p.stage === 'cv' && p.round !== undefined && p.round > 0) {
      // The rank-th best of the previous round goes on.
      candidate = ordered(byCandidate(jobs as JobState<SearchJobOutput, never>[], (q) => q.stage === 'cv' && q.round === (p.round as number) - 1), up)[p.rank ?? 0] ?? -1;
    } else if (p.stage === 'outer') {
      candidate = ordered(byCandidate(jobs as JobState<SearchJobOutput, never>[], (q) => q.stage === 'inner' && q.outer === p.outer), up)[0] ?? -1;
    } else if (p.stage === 'refit') {
      const rounds = jobs.flatMap((j) => {
        const q = (j.output as SearchJobOutput | undefined)?.payload;
        return q?.stage === 'cv' ? [q.round ?? 0] : [];
      });
      const lastRound = Math.max(0, ...rounds);
      candidate = ordered(byCandidate(jobs as JobState<SearchJobOutput, never>[], (q) => q.stage === 'cv' && (q.round ?? 0) === lastRound), up)[0] ?? -1;
    } else return job;
    if (candidate < 0) throw new Error(`${job.label}: the earlier stage gave no candidate to go on with.`);
    const epochs = p.stage === 'cv' && task.halving.resource === 'epochs' && task.method === 'halving' ? job.epochs : epochsOf(candidate);
    return { ...job, epochs, curveEpochs: epochs, payload: { ...p, candidate }, label: p.stage === 'cv' ? `round ${(p.round ?? 0) + 1}, candidate ${candidate + 1}, fold ${job.fold === null ? '' : job.fold + 1}` : `${job.label} (candidate ${candidate + 1})` };
  },
  reduce: (base, task, jobs) => {
    const cands = searchCandidates(base, task);
    const outputs = jobs.flatMap((j) => (j.output ? [j.output] : []));
    const cv = outputs.filter((o) => o.payload.stage === 'cv');
    const lastRound = new Map<number, number>();
    for (const o of cv) lastRound.set(o.payload.candidate, Math.max(lastRound.get(o.payload.candidate) ?? 0, (o.payload as { round?: number }).round ?? 0));
    const scored = [...lastRound.entries()].map(([index, round]) => {
      const os = cv.filter((o) => o.payload.candidate === index && ((o.payload as { round?: number }).round ?? 0) === round).sort((a, b) => (a.payload as { fold: number }).fold - (b.payload as { fold: number }).fold);
      const folds = os.map((o) => o.accuracy);
      return { index, params: cands[index] ?? {}, current: task.includeCurrent && index === 0, folds, mean: mean(folds), std: std(folds), rank: 0, round, ms: os.reduce((s, o) => s + o.ms, 0) };
    });
    // Rank within each round reached, later rounds first (successive halving); one round: rank_test_score.
    const rounds = [...new Set(scored.map((c) => c.round))].sort((a, b) => b - a);
    let offset = 0;
    for (const r of rounds) {
      const inRound = scored.filter((c) => c.round === r);
      rankScores(inRound.map((c) => (metricOf(base).higherIsBetter ? c.mean : -c.mean))).forEach((rank, i) => ((inRound[i] as CandidateScore).rank = rank + offset));
      offset += inRound.length;
    }
    const candidates = scored.sort((a, b) => a.rank - b.rank || a.index - b.index);
    const stage1 = jobs.filter((j) => (j.plan.stage ?? 1) === 1);
    const best = candidates[0] ?? null;
    const roundsInfo =
      task.method === 'halving'
        ? [...new Set(jobs.map((j) => (j.plan.payload as { round?: number }).round ?? 0))].sort((a, b) => a - b).map((round) => ({
            round,
            resource: ((jobs.find((j) => (j.plan.payload as { round?: number }).round === round)?.plan.payload as { resource?: number }) ?? {}).resource ?? 0,
            candidates: [...new Set(cv.filter((o) => (o.payload as { round?: number }).round === round).map((o) => o.payload.candidate))].sort((a, b) => a - b),
          }))
        : [];
    const nFolds = splitCount(base.cv);
    const cost = task.method === 'halving' ? { used: jobs.filter((j) => j.plan.payload && (j.plan.payload as SearchPayload).stage === 'cv').reduce((s, j) => s + ((j.plan.payload as { resource?: number }).resource ?? 0), 0), full: cands.length * nFolds * (task.halving.resource === 'epochs' ? base.training.epochs : jobs.length ? Math.max(...jobs.map((j) => (j.plan.payload as { resource?: number }).resource ?? 0)) : 0) } : null;
    const outer = outputs.filter((o) => o.payload.stage === 'outer').sort((a, b) => (a.payload as { outer: number }).outer - (b.payload as { outer: number }).outer);
    const nested = task.nested.enabled
      ? {
          folds: outer.map((o) => ({ outer: (o.payload as { outer: number }).outer, candidate: o.payload.candidate, params: cands[o.payload.candidate] ?? {}, accuracy: o.accuracy })),
          summary: outer.length === task.nested.outerFolds ? accuracySummary(base, outer.map((o) => o.accuracy), 'nested CV: the whole search, scored on outer folds it never saw (unbiased)') : null,
        }
      : null;
    const refitJob = jobs.find((j) => j.output?.payload.stage === 'refit');
    const refitOut = refitJob?.output;
    const complete = stage1.every((j) => j.output) && jobs.filter((j) => !j.plan.optional).every((j) => j.output);
    const bestSummary: Summary | null = best ? { metric: metricOf(base).id, mean: best.mean, std: best.std, n: best.folds.length, of: `the best candidate (${candidateText(best.params) || 'current settings'}), scored on the folds that chose it` } : null;
    return {
      kind: 'search',
      method: task.method,
      paths: task.params.map((p) => p.path),
      candidates,
      best,
      rounds: roundsInfo,
      cost,
      nested,
      refit: refitOut && refitJob ? { candidate: refitOut.payload.candidate, params: cands[refitOut.payload.candidate] ?? {}, trainAccuracy: refitOut.accuracy, trainLoss: refitOut.testLoss, epochs: refitOut.epochsRun, job: refitJob.plan.index } : null,
      summary: nested?.summary ?? bestSummary,
      complete,
    };
  },
  table: (r) => ({
    title: `Hyper-parameter search (${r.method}): ${r.candidates.length} candidates, ranked${r.nested?.summary ? `; nested CV ${pm(r.nested.summary.mean, r.nested.summary.std)} (unbiased)` : ''}${r.refit ? `; best refit on all rows: training accuracy ${fixed(r.refit.trainAccuracy)}` : ''}`,
    columns: ['rank', ...r.paths, 'mean ± std', 'folds'],
    rows: r.candidates.map((c) => [c.rank, ...r.paths.map((p) => (c.current ? '(current)' : String(c.params[p] ?? ''))), pm(c.mean, c.std), c.folds.length]),
  }),
  exports: (r) => [
    {
      title: 'Search candidates',
      name: 'search',
      columns: ['rank', 'candidate', ...r.paths, `mean_${metricIdOf(r)}`, `std_${metricIdOf(r)}`, 'round', 'ms', ...Array.from({ length: Math.max(0, ...r.candidates.map((c) => c.folds.length)) }, (_, i) => `fold_${i + 1}`)],
      rows: r.candidates.map((c) => [c.rank, c.index + 1, ...r.paths.map((p): ParamValue => (c.current ? '(current)' : (c.params[p] ?? ''))), c.mean, c.std, c.round, c.ms, ...c.folds]),
    },
    ...(r.nested ? [{ title: 'Nested CV (outer folds)', name: 'search-nested', columns: ['outer_fold', 'candidate', ...r.paths, metricIdOf(r)], rows: r.nested.folds.map((f) => [f.outer + 1, f.candidate + 1, ...r.paths.map((p): ParamValue => f.params[p] ?? ''), f.accuracy]) }] : []),
  ],
  models: (r) => (r.refit ? [{ tag: 'refit', job: r.refit.job, label: `The best candidate refit on all rows (${candidateText(r.refit.params) || 'current settings'})` }] : []),
};

/** The best candidate's values as a spec (for "Apply best"). */
export function applyBest(spec: ExperimentSpec, result: SearchResult): ExperimentSpec {
  if (!result.best) throw new SearchError('The search has no best candidate yet.');
  return applyCandidate(spec, result.best.params);
}

export { fixed };
