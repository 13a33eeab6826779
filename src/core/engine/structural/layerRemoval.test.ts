import { type MlpModelSpec } from '../../spec/sections';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, it } from 'vitest';
import { defaultSpec } from '../../spec/schema';
import { loadBuiltinSync, useBackend } from '../../testing/node';
import { jobContext } from '../../testing/run';
import { withTask } from '../../testing/specs';
import { runStructuralJob } from '../runners/structural';

beforeAll(async () => {
  await useBackend('wasm');
});

it('drops a hidden layer of a 30-64-32-2 MLP, retrains the 30-32-2 network, and leaks nothing', async () => {
  const ds = loadBuiltinSync('breast_cancer', 'breast_cancer.csv');
  const base = defaultSpec();
  (base.model as MlpModelSpec).hidden = [
    { units: 64, activation: 'relu', dropout: 0 },
    { units: 32, activation: 'relu', dropout: 0 },
  ];
  base.training.epochs = 60;
  const spec = withTask(base, 'structural', { action: 'layer', layer: 1, criterion: 'l1', mode: 'layer', ratio: 0, finetuneEpochs: 60 });
  const before = tf.memory().numTensors;
  const r = await runStructuralJob(jobContext(spec, ds, 0), { latency: { repeats: 5 } });
  expect(tf.memory().numTensors).toBe(before);
  expect(r.action).toBe('layer');
  expect(r.removedLayer).toBe(1);
  expect(r.ratio).toBe(0);
  expect(r.keptOriginal).toEqual([]);
  expect(r.before.hiddenUnits).toEqual([64, 32]);
  expect(r.after.hiddenUnits).toEqual([32]);
  // 30·64 + 64 + 64·32 + 32 + 32·2 + 2 before; 30·32 + 32 + 32·2 + 2 after.
  expect(r.before.params).toBe(4130);
  expect(r.after.params).toBe(1058);
  expect(r.steps).toEqual([{ step: 1, hiddenUnits: [32], accuracy: r.after.accuracy }]);
  // 60 dense epochs, then 60 retraining epochs on the same curve.
  expect(r.history.map((h) => h.epoch)).toEqual(Array.from({ length: 120 }, (_, i) => i + 1));
  expect(r.prunedAfterEpoch).toEqual([60]);
  expect(r.after.accuracy).toBeGreaterThan(0.9);
});
