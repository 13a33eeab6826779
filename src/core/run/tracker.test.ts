import { describe, expect, it } from 'vitest';
import type { FoldResult } from '../kinds/cv';
import type { JobPlan } from '../kinds/types';
import { defaultSpecFor } from '../spec/edit';
import { RunTracker } from './tracker';

const plan: JobPlan[] = [0, 1].map((i) => ({ index: i, label: `fold ${i + 1}`, fold: i, epochs: 4, curveEpochs: 4, points: 0 }));
const data = { nRows: 150, nFeatures: 4, nClasses: 3, featureNames: ['a', 'b', 'c', 'd'] };
const epoch = (e: number) => ({ type: 'epoch' as const, phase: 'train' as const, metrics: { epoch: e, loss: 1 / e, valLoss: null, valAccuracy: 0.5 } });
const fold = (f: number, epochs: number): FoldResult => ({ fold: f, accuracy: 0.9 + f / 100, testLoss: 0.2, trainSize: 100, testSize: 50, epochsRun: epochs, stoppedEarly: epochs < 4, params: 10, history: Array.from({ length: epochs }, (_, i) => epoch(i + 1).metrics), ms: 5 });

describe('RunTracker', () => {
  it('counts progress in epochs and points, a finished job in full, with an ETA from the pace so far', () => {
    let now = 0;
    const t = new RunTracker(defaultSpecFor('iris'), plan, data, () => now);
    expect(t.progress()).toMatchObject({ done: 0, total: 8, etaMs: null, jobsDone: 0 });
    now = 100;
    t.event(0, epoch(1));
    t.event(0, epoch(2));
    expect(t.progress()).toMatchObject({ done: 2, total: 8, fraction: 0.25, etaMs: 300 });
    // Early stopping ended fold 1 after 2 of 4 epochs: it counts in full.
    t.jobDone(0, fold(0, 2));
    expect(t.progress()).toMatchObject({ done: 4, jobsDone: 1 });
    const r = t.result();
    expect(r.kind).toBe('cv');
    expect(r.complete).toBe(false);
    expect(r.summary?.n).toBe(1);
  });

  it('says what changed: a retraining epoch moves the progress only; a curve epoch, a point or an output bump their versions', () => {
    const t = new RunTracker(defaultSpecFor('iris'), plan, data);
    const v = () => [t.resultVersion, t.curvesVersion];
    expect(v()).toEqual([0, 0]);
    t.event(0, { type: 'epoch', phase: 'retrain', metrics: null });
    expect(v()).toEqual([0, 0]);
    expect(t.progress().done).toBe(1);
    t.event(0, epoch(2));
    expect(v()).toEqual([0, 1]);
    t.event(0, { type: 'point', point: { x: 1 } });
    expect(v()).toEqual([1, 1]);
    t.jobDone(1, fold(1, 4));
    expect(v()).toEqual([2, 2]);
    // A job restarted on a fresh host starts from nothing: its points, curve and progress go.
    t.restart(0);
    expect(t.jobs[0]?.points).toEqual([]);
    expect(t.curves[0]).toEqual([]);
    expect(t.progress().done).toBe(4);
    expect(v()).toEqual([3, 3]);
  });

  it('events that trail a finished job change nothing; the job’s own history is its curve', () => {
    const t = new RunTracker(defaultSpecFor('iris'), plan, data);
    t.event(1, epoch(1));
    t.jobDone(1, fold(1, 4));
    t.event(1, epoch(2));
    expect(t.curves[1]?.map((m) => m.epoch)).toEqual([1, 2, 3, 4]);
    expect(t.progress().done).toBe(4);
    expect(() => t.event(7, epoch(1))).toThrow('job 7');
  });

  it('keeps its progress sums as events come, following a job the plan changes (adopted with other epochs) and a restart', () => {
    const t = new RunTracker(defaultSpecFor('iris'), plan, data);
    t.event(0, epoch(1));
    t.event(1, epoch(1));
    t.event(1, epoch(2));
    expect(t.progress()).toMatchObject({ done: 3, total: 8 });
    // A later stage resolved job 2 to 10 epochs: the total follows.
    t.adopt({ ...(plan[1] as JobPlan), epochs: 10, curveEpochs: 10 });
    expect(t.progress()).toMatchObject({ done: 3, total: 14 });
    t.restart(1);
    expect(t.progress()).toMatchObject({ done: 1, total: 14, jobsDone: 0 });
    t.jobDone(0, fold(0, 4));
    t.jobDone(0, fold(0, 4)); // twice: still one job done
    expect(t.progress()).toMatchObject({ done: 4, jobsDone: 1 });
    // The same sums as counting afresh.
    expect(t.progress().done).toBe(t.jobs.reduce((n, _, j) => n + (j === 0 ? 4 : 0), 0));
  });
});
