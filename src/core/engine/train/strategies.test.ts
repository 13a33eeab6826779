import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeSplits } from '../../cv/plan';
import { defaultSchedule, learningRateAt, type TrainingSpec } from '../../spec/sections';
import { defaultSpecFor } from '../../spec/edit';
import { loadBuiltinSync, useBackend } from '../../testing/node';
import { prepareFold } from '../fold';
import { createNetwork } from '../model/registry';
import { holdOut } from '../runners/context';
import { createOptimizer, setLearningRate } from './optimizers';
import { evaluate, train } from './loop';

beforeAll(async () => {
  await useBackend('cpu');
});

const t = (over: Partial<TrainingSpec>): TrainingSpec => ({ ...defaultSpecFor('iris').training, learningRate: 0.1, ...over });
const lrs = (spec: TrainingSpec, epochs: number) => Array.from({ length: epochs }, (_, i) => +learningRateAt(spec, i + 1, epochs).toFixed(6));

describe('learning-rate schedules (torch.optim.lr_scheduler, per epoch)', () => {
  it('constant, StepLR, ExponentialLR and CosineAnnealingLR, hand-computed', () => {
    expect(lrs(t({}), 3)).toEqual([0.1, 0.1, 0.1]);
    expect(lrs(t({ schedule: { ...defaultSchedule(), kind: 'step', stepEpochs: 2, gamma: 0.5 } }), 6)).toEqual([0.1, 0.1, 0.05, 0.05, 0.025, 0.025]);
    expect(lrs(t({ schedule: { ...defaultSchedule(), kind: 'exponential', gamma: 0.9 } }), 3)).toEqual([0.1, 0.09, 0.081]);
    // eta_min + (base − eta_min)(1 + cos(π·t/T))/2 with T = 5.
    expect(lrs(t({ schedule: { ...defaultSchedule(), kind: 'cosine', minLearningRate: 0 } }), 5)).toEqual([0.1, 0.090451, 0.065451, 0.034549, 0.009549]);
  });

  it('a linear warm-up comes first, then the schedule starts from its beginning', () => {
    expect(lrs(t({ schedule: { ...defaultSchedule(), kind: 'step', warmupEpochs: 4, stepEpochs: 1, gamma: 0.5 } }), 7)).toEqual([0.025, 0.05, 0.075, 0.1, 0.1, 0.05, 0.025]);
  });

  it('every optimizer takes the rate it is given from its next step on', async () => {
    for (const optimizer of ['sgd', 'momentum', 'adam', 'rmsprop'] as const) {
      const opt = createOptimizer(t({ optimizer, momentum: 0 }));
      const w = tf.variable(tf.scalar(1));
      const step = () => opt.minimize(() => tf.mul(w, 2) as tf.Scalar, false, [w]);
      setLearningRate(opt, 0.5);
      step();
      const after = (await w.data())[0] as number;
      // d(2w)/dw = 2: SGD moves lr·2; Adam's first step moves lr; RMSprop's lr·2/√(0.1·4); momentum 0 is SGD.
      const expected = { sgd: 1 - 0.5 * 2, momentum: 1 - 0.5 * 2, adam: 1 - 0.5, rmsprop: 1 - (0.5 * 2) / Math.sqrt(0.1 * 4 + 1e-7) }[optimizer];
      expect(after).toBeCloseTo(expected, 4);
      w.dispose();
      opt.dispose();
    }
  });

  it('Nesterov momentum looks ahead: its second step is larger than heavy-ball momentum’s', async () => {
    const moved = async (nesterov: boolean) => {
      const opt = createOptimizer(t({ optimizer: 'momentum', momentum: 0.9, nesterov, learningRate: 0.1 }));
      const w = tf.variable(tf.scalar(0));
      for (let i = 0; i < 2; i++) opt.minimize(() => tf.neg(w) as tf.Scalar, false, [w]);
      const v = (await w.data())[0] as number;
      w.dispose();
      opt.dispose();
      return v;
    };
    // Constant gradient −1: heavy ball moves 0.1 then 0.19; Nesterov 0.19 then 0.271 (tf.train.momentum's useNesterov).
    expect(await moved(false)).toBeCloseTo(0.29, 5);
    expect(await moved(true)).toBeCloseTo(0.19 + 0.271, 5);
  });
});

describe('early stopping on a validation split (scikit-learn early_stopping=True)', () => {
  it('holds out a stratified fraction, stops after `patience` epochs without improvement, and keeps the best epoch’s weights', async () => {
    const ds = loadBuiltinSync('breast_cancer', 'breast_cancer.csv');
    const spec = defaultSpecFor('breast_cancer');
    const split = makeSplits(spec, ds)[0];
    if (!split) throw new Error('no split');
    const { trainRows } = prepareFold(spec, ds, split);
    const held = holdOut(trainRows, 0.1, 5);
    expect(held.fit.n + held.validation.n).toBe(trainRows.n);
    expect(held.validation.n).toBe(46);
    const net = createNetwork(spec.model, { nInputs: 30, nOutputs: 2 }, 1);
    const before = tf.memory().numTensors;
    try {
      const scores: number[] = [];
      const r = await train(net, held.fit, {
        training: { ...spec.training, learningRate: 0.01, batchSize: 32, epochs: 200, earlyStopping: { enabled: true, patience: 5, minDelta: 0.0001, monitor: 'validation' } },
        l1: 0,
        l2: 0,
        seed: 3,
        monitor: held.validation,
        onEpoch: async (_, weightsReady) => {
          weightsReady();
          scores.push((await evaluate(net, held.validation)).accuracy);
        },
      });
      expect(r.stoppedEarly).toBe(true);
      expect(r.history.length).toBeLessThan(200);
      // It stopped `patience` + 1 epochs after the last improvement, and the best epoch is the first with the best score.
      const best = Math.max(...scores);
      expect(r.bestScore).toBe(best);
      expect(r.bestEpoch).toBe(scores.indexOf(best) + 1);
      expect(r.history.length - (r.bestEpoch ?? 0)).toBeGreaterThanOrEqual(6);
      // The weights left are the best epoch's.
      expect((await evaluate(net, held.validation)).accuracy).toBe(best);
      expect(tf.memory().numTensors).toBe(before);
    } finally {
      net.dispose();
    }
  });
});

describe('Adam’s betas', () => {
  it('are the spec’s when given, else 0.9 and 0.999', async () => {
    const second = async (beta1?: number) => {
      const opt = createOptimizer(t({ optimizer: 'adam', learningRate: 0.1, ...(beta1 !== undefined ? { beta1 } : {}) }));
      const w = tf.variable(tf.scalar(0));
      opt.minimize(() => tf.neg(w) as tf.Scalar, false, [w]);
      opt.minimize(() => tf.mul(w, 3) as tf.Scalar, false, [w]);
      const v = (await w.data())[0] as number;
      w.dispose();
      opt.dispose();
      return v;
    };
    // A different β1 weighs the two gradients (−1, then +3) differently: the second step differs.
    expect(await second(0.5)).not.toBeCloseTo(await second(), 3);
    expect(await second(0.9)).toBe(await second());
  });
});
