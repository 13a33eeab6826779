import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultSpec, OPTIMIZERS, type OptimizerName, type TrainingSpec } from '../../spec/schema';
import { useBackend } from '../../testing/node';
import { createOptimizer } from './optimizers';

beforeAll(async () => {
  await useBackend('cpu');
});

const spec = (optimizer: OptimizerName, learningRate = 0.05): TrainingSpec => ({ ...defaultSpec().training, optimizer, learningRate, momentum: 0.8 });

describe('createOptimizer', () => {
  it('uses the documented hyperparameters', () => {
    const cfg = (o: OptimizerName) => {
      const opt = createOptimizer(spec(o));
      try {
        return opt.getConfig();
      } finally {
        opt.dispose();
      }
    };
    expect(cfg('sgd')).toMatchObject({ learningRate: 0.05 });
    expect(cfg('momentum')).toMatchObject({ learningRate: 0.05, momentum: 0.8, useNesterov: false });
    expect(cfg('adam')).toMatchObject({ learningRate: 0.05, beta1: 0.9, beta2: 0.999, epsilon: 1e-8 });
    expect(cfg('rmsprop')).toMatchObject({ learningRate: 0.05, decay: 0.9, momentum: 0, epsilon: 1e-7, centered: false });
  });

  it('SGD, heavy-ball momentum, Adam and RMSprop take the textbook steps', () => {
    // Minimise f(w) = w²/2 (gradient w) from w = 1 with lr 0.1.
    const steps = (o: OptimizerName, n: number): number[] => {
      const w = tf.variable(tf.scalar(1));
      const opt = createOptimizer({ ...spec(o, 0.1), momentum: 0.5 });
      const out: number[] = [];
      for (let i = 0; i < n; i++) {
        tf.tidy(() => void opt.minimize(() => tf.mul(0.5, tf.square(w)) as tf.Scalar, false, [w]));
        out.push(w.dataSync()[0] ?? NaN);
      }
      opt.dispose();
      w.dispose();
      return out;
    };
    // SGD: w ← w − 0.1·w = 0.9·w.
    steps('sgd', 3).forEach((v, i) => expect(v).toBeCloseTo(0.9 ** (i + 1), 6));
    // Momentum (tf.train.momentum): a ← 0.5·a + g; w ← w − 0.1·a.
    let w = 1;
    let a = 0;
    const expected = [0, 1, 2].map(() => {
      a = 0.5 * a + w;
      w = w - 0.1 * a;
      return w;
    });
    steps('momentum', 3).forEach((v, i) => expect(v).toBeCloseTo(expected[i] ?? NaN, 6));
    // Adam's bias-corrected first step is lr·g/|g|: w = 1 − 0.1.
    expect(steps('adam', 1)[0]).toBeCloseTo(0.9, 5);
    // RMSprop (ρ 0.9, no momentum): ms = 0.1·g², w = 1 − 0.1·g/√ms = 1 − 0.1/√0.1.
    expect(steps('rmsprop', 1)[0]).toBeCloseTo(1 - 0.1 / Math.sqrt(0.1), 5);
  });

  it.each(OPTIMIZERS)('%s: dispose() frees every tensor it made, including its slots', (o) => {
    const w = tf.variable(tf.tensor1d([1, -2, 3]));
    const before = tf.memory().numTensors;
    const opt = createOptimizer(spec(o));
    for (let i = 0; i < 3; i++) tf.tidy(() => void opt.minimize(() => tf.sum(tf.square(w)) as tf.Scalar, false, [w]));
    opt.dispose();
    expect(tf.memory().numTensors).toBe(before);
    w.dispose();
  });
});
