import type { Rng } from '../rng';
import { fieldBounds, SearchError, type Candidate, type ParamValue } from './params';

/** A searched field: a list of values, or a range to draw from (random search). */
export interface SearchParam {
  path: string;
  values?: ParamValue[] | undefined;
  range?: { low: number; high: number; log: boolean } | undefined;
}

/**
 * scikit-learn's ParameterGrid: every combination, the fields in sorted order and the last one
 * varying fastest (itertools.product over sorted keys).
 */
export function gridCandidates(params: readonly SearchParam[]): Candidate[] {
  const sorted = [...params].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const p of sorted) if (!p.values) throw new SearchError(`A grid needs a list of values for ${p.path} (a range is for random search).`);
  let out: Candidate[] = [{}];
  for (const p of sorted) out = out.flatMap((c) => (p.values as ParamValue[]).map((v) => ({ ...c, [p.path]: v })));
  return out;
}

export const gridSize = (params: readonly SearchParam[]): number => params.reduce((n, p) => n * (p.values?.length ?? Infinity), 1);

/**
 * scikit-learn's ParameterSampler: when every field is a list, `n` distinct grid points drawn
 * without replacement (all of them if the grid is smaller); otherwise each candidate draws each
 * field independently — a list uniformly, a range uniformly or log-uniformly (integer fields rounded).
 */
export function randomCandidates(params: readonly SearchParam[], n: number, rng: Rng): Candidate[] {
  const sorted = [...params].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  if (sorted.every((p) => p.values)) {
    const grid = gridCandidates(sorted);
    const order = rng.shuffle(Array.from({ length: grid.length }, (_, i) => i));
    return order.slice(0, Math.min(n, grid.length)).map((i) => grid[i] as Candidate);
  }
  return Array.from({ length: n }, () => {
    const c: Candidate = {};
    for (const p of sorted) {
      if (p.values) c[p.path] = p.values[rng.int(p.values.length)] as ParamValue;
      else if (p.range) {
        const { low, high, log } = p.range;
        const u = rng.next();
        let v = log ? Math.exp(Math.log(low) + u * (Math.log(high) - Math.log(low))) : low + u * (high - low);
        if (fieldBounds(p.path)?.integer) v = Math.round(v);
        c[p.path] = Number(v.toPrecision(6));
      } else throw new SearchError(`${p.path} has neither values nor a range.`);
    }
    return c;
  });
}

/**
 * scikit-learn's successive halving schedule (HalvingGridSearchCV, min_resources='exhaust',
 * aggressive_elimination=False): iteration i gives min·factor^i of the resource to
 * ceil(n / factor^i) candidates, the best 1/factor of each iteration going on; 'exhaust' picks the
 * smallest resource so that the last iteration uses (nearly) all of it.
 */
export function halvingSchedule(nCandidates: number, factor: number, maxResource: number, minResource?: number): { resource: number; candidates: number }[] {
  const required = 1 + Math.floor(Math.log(nCandidates) / Math.log(factor) + 1e-9);
  const min = minResource ?? Math.max(1, Math.floor(maxResource / factor ** (required - 1)));
  const possible = 1 + Math.floor(Math.log(maxResource / min) / Math.log(factor) + 1e-9);
  const iterations = Math.max(1, Math.min(required, possible));
  const out: { resource: number; candidates: number }[] = [];
  let n = nCandidates;
  for (let i = 0; i < iterations; i++) {
    out.push({ resource: Math.min(maxResource, min * factor ** i), candidates: n });
    n = Math.ceil(n / factor);
  }
  return out;
}

/**
 * scikit-learn's rank_test_score: rank 1 for the best mean, equal means share the lowest rank
 * (scipy rankdata 'min' on the negated scores); a NaN mean (a candidate that failed) ranks last.
 */
export function rankScores(means: readonly number[]): number[] {
  const key = (v: number) => (Number.isNaN(v) ? -Infinity : v);
  return means.map((m) => 1 + means.filter((o) => key(o) > key(m)).length);
}
