import { makeSplits } from '../../cv/plan';
import { stratifiedKFold, type Split } from '../../cv/splits';
import { baseSpecOf, searchCandidates, type SearchJobOutput, type SearchPayload, type SearchTask } from '../../kinds/search';
import { createRng, deriveSeed } from '../../rng';
import { applyCandidate } from '../../search/params';
import { seeds, streamSeed } from '../../seeds';
import { baseOf, type ExperimentSpec } from '../../spec/schema';
import { foldJob, type JobContext } from './context';

/** The outer folds of nested CV: stratified K-fold over all rows, shuffled from the search stream. */
export const outerSplits = (spec: ExperimentSpec, y: Int32Array, k: number): Split[] => stratifiedKFold(y, k, true, streamSeed(spec.seed, 'search', 0xcafe));

/**
 * Inner fold `fold` of outer fold `outer`: the spec's CV made on the outer fold's training rows
 * alone, as row indices of the whole dataset. No outer test row can be in it.
 */
export function innerSplit(spec: ExperimentSpec, y: Int32Array, outerFolds: number, outer: number, fold: number): Split {
  const o = outerSplits(spec, y, outerFolds)[outer];
  if (!o) throw new Error(`There is no outer fold ${outer + 1}.`);
  const inner = makeSplits(spec, { y: Int32Array.from(o.train, (r) => y[r] as number), nRows: o.train.length })[fold];
  if (!inner) throw new Error(`There is no inner fold ${fold + 1}.`);
  return { train: Int32Array.from(inner.train, (i) => o.train[i] as number), test: Int32Array.from(inner.test, (i) => o.train[i] as number) };
}

/** A subset of rows, kept in order: `keep` of every row index, drawn without replacement (sklearn's resample). */
function subsample(idx: Int32Array, fraction: number, seed: number): Int32Array {
  if (fraction >= 1) return idx;
  const n = Math.max(1, Math.floor(fraction * idx.length));
  const order = createRng(seed).shuffle(Array.from(idx));
  return Int32Array.from(order.slice(0, n)).sort();
}

/**
 * One job of a hyper-parameter search: a candidate's settings trained on a split and scored on
 * its held-out rows — a CV fold of all rows (with successive halving's resource: fewer epochs or a
 * subsample of the rows), an inner fold of nested CV, an outer fold, or the refit on all rows.
 * The candidate's network starts from the same initialisation as every other candidate's on that
 * fold, so they differ only in what was searched.
 */
export async function runSearchJob(ctx: JobContext<SearchTask>): Promise<SearchJobOutput> {
  const started = Date.now();
  const p = ctx.job.payload as SearchPayload;
  const base = baseSpecOf(baseOf(ctx.spec));
  const params = searchCandidates(baseOf(ctx.spec), ctx.task)[p.candidate];
  if (!params) throw new Error(`${ctx.job.label}: there is no candidate ${p.candidate + 1}.`);
  let spec = applyCandidate(base, params);
  let split: Split;
  let fold: number;
  if (p.stage === 'cv') {
    fold = p.fold;
    const s = ctx.splits[fold];
    if (!s) throw new Error(`There is no fold ${fold + 1}.`);
    split = s;
    if (p.resource !== undefined && ctx.task.halving.resource === 'epochs') spec = { ...spec, training: { ...spec.training, epochs: p.resource } };
    if (p.resource !== undefined && ctx.task.halving.resource === 'rows') {
      const f = p.resource / ctx.data.nRows;
      const seed = streamSeed(ctx.spec.seed, 'search', p.round ?? 0, fold);
      split = { train: subsample(split.train, f, seed), test: subsample(split.test, f, deriveSeed(seed, 1)) };
    }
  } else if (p.stage === 'inner') {
    split = innerSplit(spec, ctx.data.y, ctx.task.nested.outerFolds, p.outer, p.fold);
    fold = p.fold;
  } else if (p.stage === 'outer') {
    const outer = outerSplits(ctx.spec, ctx.data.y, ctx.task.nested.outerFolds)[p.outer];
    if (!outer) throw new Error(`There is no outer fold ${p.outer + 1}.`);
    split = outer;
    fold = 0;
  } else {
    const all = Int32Array.from({ length: ctx.data.nRows }, (_, i) => i);
    split = { train: all, test: all };
    fold = 0;
  }
  const seedFold = p.stage === 'inner' ? 1000 + 100 * p.outer + p.fold : p.stage === 'outer' ? 2000 + p.outer : p.stage === 'refit' ? 3000 : fold;
  const { trainRows, testRows, history, createNet, fit, score } = foldJob(ctx, { spec, split, fold: seedFold });
  const net = createNet(seeds.init(ctx.spec.seed, seedFold));
  try {
    const { stoppedEarly } = await fit(net, spec.training.epochs, seeds.shuffle(ctx.spec.seed, seedFold), 'train');
    await ctx.capture?.(p.stage === 'refit' ? 'refit' : 'trained', net);
    const e = await score(net);
    return { payload: p, accuracy: e.accuracy, testLoss: e.loss, trainSize: trainRows.n, testSize: testRows.n, epochsRun: history.length, stoppedEarly, history, ms: Date.now() - started };
  } finally {
    net.dispose();
  }
}
