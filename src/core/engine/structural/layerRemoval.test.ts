import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, expect, it } from 'vitest';
import { makeSplits } from '../cv/plan';
import { defaultSpec } from '../spec/schema';
import { loadBuiltinSync, useBackend } from '../testing/node';
import { runLayerRemovalFold } from './layerRemoval';

beforeAll(async () => {
  await useBackend('wasm');
});

it('drops a hidden layer of a 30-64-32-2 MLP, retrains the 30-32-2 network, and leaks nothing', async () => {
  const ds = loadBuiltinSync('breast_cancer', 'breast_cancer.csv');
  const spec = defaultSpec();
  spec.model.hidden = [
    { units: 64, activation: 'relu', dropout: 0 },
    { units: 32, activation: 'relu', dropout: 0 },
  ];
  spec.training.epochs = 60;
  const split = makeSplits(spec, ds)[0];
  if (!split) throw new Error('no split');
  const before = tf.memory().numTensors;
  const r = await runLayerRemovalFold(spec, ds, split, 0, 0, { criterion: 'l1', mode: 'layer', ratio: 0, finetuneEpochs: 60, latency: { repeats: 5 } });
  expect(tf.memory().numTensors).toBe(before);
  expect(r.before.hiddenUnits).toEqual([64, 32]);
  expect(r.after.hiddenUnits).toEqual([32]);
  // 30·64 + 64 + 64·32 + 32 + 32·2 + 2 before; 30·32 + 32 + 32·2 + 2 after.
  expect(r.before.params).toBe(4130);
  expect(r.after.params).toBe(1058);
  expect(r.after.accuracy).toBeGreaterThan(0.9);
});
