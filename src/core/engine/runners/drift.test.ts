import * as tf from '@tensorflow/tfjs-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createNodeExecutor } from '../../../cli/nodePool';
import type { Dataset } from '../../data/dataset';
import type { JobEvent } from '../../kinds/types';
import { runExperiment } from '../../run/runExperiment';
import { defaultTask, type ExperimentSpec } from '../../spec/schema';
import { defaultSpecFor } from '../../spec/edit';
import { loadBuiltinSync, useBackend } from '../../testing/node';
import { runInThread } from '../../testing/run';
import { withoutTimings } from '../../testing/timings';
import { digitsCnnSpec } from '../../testing/specs';
import { inThreadExecutor } from '../inThread';

const iris = loadBuiltinSync('iris', 'iris.csv');
const digits = loadBuiltinSync('digits', 'digits.csv');

/** A tiny iris spec: 3 stratified folds, a 2-layer MLP, a few epochs on the cpu backend. */
function tiny(task: ExperimentSpec['task'], over: (s: ExperimentSpec) => void = () => {}): ExperimentSpec {
  const s = defaultSpecFor('iris');
  s.backend = 'cpu';
  s.cv.folds = 3;
  s.training = { ...s.training, epochs: 4, batchSize: 32, learningRate: 0.01 };
  s.model = { kind: 'mlp', hidden: [{ units: 8, activation: 'relu', dropout: 0.1 }, { units: 6, activation: 'tanh', dropout: 0 }], l1: 0, l2: 0 };
  s.task = task;
  over(s);
  return s;
}

const sweep = (over: Partial<Extract<ExperimentSpec['task'], { kind: 'sweep' }>>) => ({ ...defaultTask('sweep'), sparsities: [0.5, 0.8], finetuneEpochs: 2, ...over });

/** Every kind, and the schedules and actions that plan differently. */
const CASES: [string, ExperimentSpec, Dataset][] = [
  ['cv', tiny({ kind: 'cv' }), iris],
  ['sweep, one-shot, three methods with N:M', tiny(sweep({ methods: ['magnitude-global', 'random', 'nm'] })), iris],
  ['sweep, AGP', tiny(sweep({ methods: ['magnitude-layer'], schedule: 'agp', finetuneEpochs: 3 })), iris],
  ['sweep, IMP with rewinding and the random re-init control', tiny(sweep({ methods: ['magnitude-global', 'nm'], schedule: 'imp', impRounds: 2, rewindEpoch: 1, randomReinit: true, finetuneEpochs: 1 })), iris],
  ['sensitivity, biases included', tiny({ ...defaultTask('sensitivity'), sparsities: [0.25, 0.75], scope: { biases: true, outputLayer: true } }), iris],
  ['structural, neurons in 2 steps, Taylor, global', tiny({ ...defaultTask('structural'), criterion: 'taylor', mode: 'global', steps: 2, finetuneEpochs: 2 }), iris],
  ['structural, layer removal', tiny({ ...defaultTask('structural'), action: 'layer', layer: 2, finetuneEpochs: 2 }), iris],
  ['structural, CNN filters', (() => {
    const s = digitsCnnSpec([4, 4], 8, { epochs: 1, batchSize: 128 });
    s.backend = 'cpu';
    s.cv.folds = 2;
    s.task = { ...defaultTask('structural'), finetuneEpochs: 1 };
    return s;
  })(), digits],
  ['features, permutation importance, step 2', tiny({ ...defaultTask('features'), importance: 'permutation', step: 2 }), iris],
  ['features, linear SVM', tiny({ ...defaultTask('features'), estimator: 'linear-svm' }), iris],
  ['search, grid of 2×2 with the current settings, refit', tiny({ ...defaultTask('search'), includeCurrent: true, params: [{ path: 'training.learningRate', values: [0.01, 0.1] }, { path: 'model.width', values: [4, 8] }] }), iris],
  ['search, random with a log range, nested CV', tiny({ ...defaultTask('search'), method: 'random', candidates: 3, params: [{ path: 'training.learningRate', range: { low: 1e-3, high: 1e-1, log: true } }], nested: { enabled: true, outerFolds: 2 } }), iris],
  ['search, successive halving over epochs', tiny({ ...defaultTask('search'), method: 'halving', params: [{ path: 'training.learningRate', values: [0.001, 0.01, 0.03, 0.1] }] }, (s) => (s.training.epochs = 9)), iris],
  ['search, successive halving over rows', tiny({ ...defaultTask('search'), method: 'halving', halving: { factor: 2, resource: 'rows' }, params: [{ path: 'model.depth', values: [1, 2] }, { path: 'training.optimizer', values: ['adam', 'sgd'] }] }), iris],
];

beforeAll(async () => {
  await useBackend('cpu');
});

describe('planned epochs and points equal what every kind emits (in-thread)', () => {
  for (const [name, spec, ds] of CASES) {
    it(name, async () => {
      const before = tf.memory().numTensors;
      const events = new Map<number, JobEvent[]>();
      let plan: { epochs: number; curveEpochs: number; points: number }[] = [];
      const out = await runInThread(spec, ds, {
        onEvent: (e) => {
          if (e.type === 'plan') plan = e.plan;
          if (e.type === 'job') events.set(e.job, [...(events.get(e.job) ?? []), e.event]);
        },
      });
      expect(plan.length).toBeGreaterThan(0);
      plan.forEach((p, j) => {
        const ev = events.get(j) ?? [];
        const epochs = ev.filter((e) => e.type === 'epoch');
        expect({ job: j, epochs: epochs.length, curve: epochs.filter((e) => e.type === 'epoch' && e.metrics).length, points: ev.filter((e) => e.type === 'point').length }).toEqual({
          job: j,
          epochs: p.epochs,
          curve: p.curveEpochs,
          points: p.points,
        });
      });
      expect(out.result.complete).toBe(true);
      expect(tf.memory().numTensors).toBe(before);
    });
  }
});

describe('the worker-thread pool gives the same results as this thread', () => {
  const pool = createNodeExecutor(2);
  afterAll(() => pool.dispose());
  it('for every kind, bit for bit (timings aside), with no tensors left in the workers', async () => {
    for (const [name, spec, ds] of CASES) {
      const a = await runExperiment(spec, ds, { executor: inThreadExecutor() });
      const b = await runExperiment(spec, ds, { executor: pool });
      expect(withoutTimings(b.result), name).toEqual(withoutTimings(a.result));
      expect(b.executor).toBe('Node threads ×2');
    }
    expect(await pool.tensorCount()).toBe(0);
  }, 300_000);
});
