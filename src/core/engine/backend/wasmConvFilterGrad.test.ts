import * as tf from '@tensorflow/tfjs-core';
import { expect, it } from 'vitest';
import { useBackend } from '../../testing/node';
import { registerWasmConv2dFilterGrad } from './wasmConvFilterGrad';

it('matches the cpu filter gradient', async () => {
  const grad = async () => {
    const x = tf.randomUniform([3, 6, 5, 2], -1, 1, 'float32', 1) as tf.Tensor4D;
    const w = tf.randomUniform([3, 3, 2, 4], -1, 1, 'float32', 2) as tf.Tensor4D;
    const g = tf.grad((f: tf.Tensor) => tf.sum(tf.square(tf.conv2d(x, f as tf.Tensor4D, 1, 'same'))))(w);
    const out = await g.data();
    tf.dispose([x, w, g]);
    return out;
  };
  await useBackend('cpu');
  const ref = await grad();
  await useBackend('wasm');
  registerWasmConv2dFilterGrad();
  const before = tf.memory().numTensors;
  const got = await grad();
  expect(tf.memory().numTensors).toBe(before);
  got.forEach((v, i) => expect(v).toBeCloseTo(ref[i] ?? NaN, 3));
});
