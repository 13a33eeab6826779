import { hiddenOf, type MlpModelSpec } from '../spec/sections';
import { beforeAll, describe, expect, it } from 'vitest';
import { baseSpecOf, searchCandidates, type SearchResult, type SearchTask } from '../kinds/search';
import { defaultTask, baseOf } from '../spec/schema';
import { defaultSpecFor } from '../spec/edit';
import { createRng } from '../rng';
import { loadBuiltinSync, useBackend } from '../testing/node';
import { runInThread } from '../testing/run';
import { innerSplit, outerSplits } from '../engine/runners/search';
import { gridCandidates, gridSize, halvingSchedule, randomCandidates, rankScores } from './candidates';
import { applyCandidate, checkCandidates, checkSearchPath, parseRange, parseValues } from './params';

const iris = loadBuiltinSync('iris', 'iris.csv');

beforeAll(async () => {
  await useBackend('cpu');
});

describe('candidates (scikit-learn ParameterGrid / ParameterSampler)', () => {
  it('a grid has the product of the value counts, fields sorted, the last varying fastest', () => {
    const params = [
      { path: 'training.optimizer', values: ['adam', 'sgd'] },
      { path: 'training.learningRate', values: [0.001, 0.01, 0.1] },
      { path: 'model.width', values: [8, 16] },
    ];
    const grid = gridCandidates(params);
    expect(grid).toHaveLength(12);
    expect(gridSize(params)).toBe(12);
    // Sorted: model.width, training.learningRate, training.optimizer (itertools.product order).
    expect(grid.slice(0, 3)).toEqual([
      { 'model.width': 8, 'training.learningRate': 0.001, 'training.optimizer': 'adam' },
      { 'model.width': 8, 'training.learningRate': 0.001, 'training.optimizer': 'sgd' },
      { 'model.width': 8, 'training.learningRate': 0.01, 'training.optimizer': 'adam' },
    ]);
    expect(new Set(grid.map((c) => JSON.stringify(c))).size).toBe(12);
  });

  it('random search draws the same candidates twice for a seed, and other ones for another seed', () => {
    const params = [
      { path: 'training.learningRate', range: { low: 1e-4, high: 1e-1, log: true } },
      { path: 'model.hidden.0.units', range: { low: 4, high: 64, log: false } },
      { path: 'training.optimizer', values: ['adam', 'rmsprop'] },
    ];
    const a = randomCandidates(params, 20, createRng(1));
    expect(randomCandidates(params, 20, createRng(1))).toEqual(a);
    expect(randomCandidates(params, 20, createRng(2))).not.toEqual(a);
    for (const c of a) {
      expect(c['training.learningRate']).toBeGreaterThanOrEqual(1e-4);
      expect(c['training.learningRate']).toBeLessThanOrEqual(1e-1);
      expect(Number.isInteger(c['model.hidden.0.units'])).toBe(true);
    }
    // Log-uniform: about a third of the draws in each decade.
    const many = randomCandidates(params.slice(0, 1), 3000, createRng(3)).map((c) => Math.floor(Math.log10(c['training.learningRate'] as number)));
    for (const d of [-4, -3, -2]) expect(Math.abs(many.filter((x) => x === d).length / 3000 - 1 / 3)).toBeLessThan(0.04);
  });

  it('lists only: sampled from the grid without replacement, never more than the grid', () => {
    const params = [{ path: 'training.learningRate', values: [0.1, 0.01, 0.001] }];
    const c = randomCandidates(params, 10, createRng(5));
    expect(c).toHaveLength(3);
    expect(new Set(c.map((x) => x['training.learningRate'])).size).toBe(3);
  });

  it('ranks as rank_test_score: 1 is best, ties share the lowest rank, a failed candidate is last', () => {
    expect(rankScores([0.9, 0.95, 0.9, 0.8])).toEqual([2, 1, 2, 4]);
    expect(rankScores([0.5, Number.NaN, 0.7, Number.NaN])).toEqual([2, 3, 1, 3]);
  });

  it('successive halving: resources grow by the factor, candidates shrink to ceil(n / factor), the last round uses (nearly) everything', () => {
    expect(halvingSchedule(9, 3, 300)).toEqual([
      { resource: 33, candidates: 9 },
      { resource: 99, candidates: 3 },
      { resource: 297, candidates: 1 },
    ]);
    expect(halvingSchedule(4, 2, 100).map((r) => r.candidates)).toEqual([4, 2, 1]);
    expect(halvingSchedule(10, 3, 9).map((r) => r.candidates)).toEqual([10, 4, 2]);
  });

  it('parses values and ranges, checks what can be searched, and names an invalid candidate', () => {
    expect(parseValues('0.001, 0.01, adam, true')).toEqual([0.001, 0.01, 'adam', true]);
    expect(parseRange('1e-4:1e-1:log')).toEqual({ low: 1e-4, high: 0.1, log: true });
    expect(() => parseRange('1:0')).toThrow('from a lower to a higher value');
    expect(() => parseRange('0:1:log')).toThrow('positive bounds');
    const spec = defaultSpecFor('iris');
    expect(() => checkSearchPath(spec, 'cv.folds')).toThrow('scored on the same data and folds');
    expect(() => checkSearchPath(spec, 'training.lr')).not.toThrow(); // a new leaf is judged by the schema…
    expect(() => checkCandidates(spec, [{ 'training.lr': 0.1 }])).toThrow('Candidate 1 (training.lr = 0.1) is not a valid experiment');
    expect(() => checkCandidates(spec, [{ 'training.learningRate': 20 }])).toThrow('training.learningRate');
    expect(() => checkSearchPath(spec, 'model.nothing.deeper')).toThrow('is not a field of this experiment');
    expect(hiddenOf(applyCandidate(spec, { 'model.depth': 3, 'model.width': 7 }).model).map((h) => h.units)).toEqual([7, 7, 7]);
    // A schedule or Adam's betas can be searched though the spec has none yet.
    expect(() => checkSearchPath(spec, 'training.schedule.kind')).not.toThrow();
    expect(checkCandidates(spec, [{ 'training.schedule.kind': 'cosine', 'training.beta1': 0.8 }])[0]?.training).toMatchObject({ schedule: { kind: 'cosine' }, beta1: 0.8 });
  });
});

describe('search runs', () => {
  const task = (over: Partial<SearchTask>): SearchTask => ({ ...(defaultTask('search') as SearchTask), ...over });
  const spec = (t: SearchTask) => {
    const s = defaultSpecFor('iris');
    s.backend = 'cpu';
    s.cv.folds = 3;
    s.training = { ...s.training, epochs: 6, batchSize: 32, learningRate: 0.01 };
    (s.model as MlpModelSpec).hidden = [{ units: 6, activation: 'relu', dropout: 0 }];
    s.task = t;
    return s;
  };
  const result = async (t: SearchTask) => {
    const r = (await runInThread(spec(t), iris)).result;
    if (r.kind !== 'search') throw new Error('search');
    return r as SearchResult;
  };

  it('scores every candidate on the same folds, ranks them, picks the best and refits it', async () => {
    const r = await result(task({ includeCurrent: true, params: [{ path: 'training.learningRate', values: [0.001, 0.3] }] }));
    expect(r.candidates).toHaveLength(3);
    expect(r.candidates.every((c) => c.folds.length === 3)).toBe(true);
    expect(r.candidates.find((c) => c.current)?.params).toEqual({});
    const sorted = [...r.candidates].sort((a, b) => b.mean - a.mean);
    expect(r.best?.index).toBe(sorted[0]?.index);
    expect(r.candidates.map((c) => c.rank)).toEqual(rankScores(r.candidates.map((c) => c.mean)));
    expect(r.refit?.candidate).toBe(r.best?.index);
    expect(r.refit?.trainAccuracy).toBeGreaterThan(0.3);
    expect(r.summary?.of).toContain('the best candidate');
  });

  it('successive halving keeps the top 1/factor of each round', async () => {
    const values = [0.0003, 0.003, 0.03, 0.3];
    const out = await runInThread(spec(task({ method: 'halving', halving: { factor: 2, resource: 'epochs' }, params: [{ path: 'training.learningRate', values }] })), iris);
    const r = out.result as SearchResult;
    expect(r.rounds.map((x) => x.candidates.length)).toEqual([4, 2, 1]);
    expect(r.rounds.map((x) => x.resource)).toEqual([1, 2, 4]);
    // Each round's survivors are the previous round's best ceil(n / 2), by mean accuracy over the folds.
    const jobs = out.outputs as { payload: { candidate: number; round?: number }; accuracy: number }[];
    for (let i = 1; i < r.rounds.length; i++) {
      const prev = r.rounds[i - 1] as SearchResult['rounds'][number];
      const meanOf = (c: number) => {
        const a = jobs.filter((j) => j.payload.round === i - 1 && j.payload.candidate === c).map((j) => j.accuracy);
        return a.reduce((x, y) => x + y, 0) / a.length;
      };
      const best = [...prev.candidates].sort((a, b) => meanOf(b) - meanOf(a) || a - b).slice(0, Math.ceil(prev.candidates.length / 2));
      expect([...(r.rounds[i]?.candidates ?? [])].sort()).toEqual(best.sort());
    }
    // 4×1 + 2×2 + 1×4 epochs per fold instead of 4×6: half the full grid's cost.
    expect(r.cost).toEqual({ used: 3 * (4 + 4 + 4), full: 3 * 4 * 6 });
    expect(r.best?.round).toBe(2);
  });

  it('nested CV: each outer fold’s inner search never sees that fold’s test rows; the outer scores are the estimate', async () => {
    const s = spec(task({}));
    for (let outer = 0; outer < 3; outer++) {
      const o = outerSplits(s, iris.y, 3)[outer];
      if (!o) throw new Error('outer');
      const test = new Set(o.test);
      for (let fold = 0; fold < 3; fold++) {
        const inner = innerSplit(s, iris.y, 3, outer, fold);
        for (const r of [...inner.train, ...inner.test]) expect(test.has(r)).toBe(false);
        expect(inner.train.length + inner.test.length).toBe(o.train.length);
      }
    }
    const r = await result(task({ nested: { enabled: true, outerFolds: 3 }, params: [{ path: 'training.learningRate', values: [0.001, 0.1] }] }));
    expect(r.nested?.folds).toHaveLength(3);
    expect(r.summary?.of).toContain('nested CV');
    expect(r.summary?.n).toBe(3);
  });

  it('the search is deterministic for a seed (random candidates too)', async () => {
    const t = task({ method: 'random', candidates: 3, params: [{ path: 'training.learningRate', range: { low: 1e-3, high: 1e-1, log: true } }] });
    const [a, b] = [await result(t), await result(t)];
    expect(b.candidates).toEqual(a.candidates.map((c) => ({ ...c, ms: b.candidates.find((x) => x.index === c.index)?.ms })));
    expect(searchCandidates(baseOf(spec(t)), t)).toEqual(searchCandidates(baseOf(spec(t)), t));
    expect(baseSpecOf(baseOf(spec(t))).task).toEqual({ kind: 'cv' });
  });
});
