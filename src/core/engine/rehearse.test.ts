import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import type { BackendInfo } from '../run/protocol';
import { dataShape, kindPlan } from '../run/runExperiment';
import { defaultSpec } from '../spec/schema';
import { loadBuiltinSync, useBackend } from '../testing/node';
import { withoutTimings } from '../testing/timings';
import { createJobHost } from './host';
import { rehearsal } from './rehearse';

const thisBackend = async (): Promise<BackendInfo> => ({ name: tf.getBackend() as BackendInfo['name'], requested: 'auto', reason: 'test' });

describe('a host rehearses once before its first job', () => {
  beforeAll(() => useBackend('wasm'));

  it('trains its made-up job on the fast path, keeps no tensor, and changes no number of a later job', async () => {
    const bc = loadBuiltinSync('breast_cancer', 'breast_cancer.csv');
    const spec = { ...defaultSpec(), training: { ...defaultSpec().training, epochs: 15 } };
    const job = kindPlan(spec, dataShape(bc))[0];
    if (!job) throw new Error('no job');
    const runOn = async (rehearse: boolean) => {
      const host = createJobHost(thisBackend);
      await host.init('auto', { macsPerStep: 0 });
      const before = tf.memory().numTensors;
      if (rehearse) {
        const t = performance.now();
        await host.rehearse();
        const first = performance.now() - t;
        const again = performance.now();
        await host.rehearse(); // once per host: the second call returns the first's promise
        expect(performance.now() - again).toBeLessThan(first);
      }
      expect(tf.memory().numTensors).toBe(before);
      await host.setData('bc', bc);
      const epochs: number[] = [];
      const out = await host.runJob({ spec, dataKey: 'bc', job }, (e) => void (e.type === 'epoch' && e.metrics && epochs.push(e.metrics.loss)));
      host.dispose();
      return { out: withoutTimings(out), epochs };
    };
    const plain = await runOn(false);
    const rehearsed = await runOn(true);
    expect(rehearsed.epochs).toHaveLength(15);
    expect(rehearsed.epochs).toEqual(plain.epochs);
    expect(rehearsed.out).toEqual(plain.out);
  });

  it('is the default MLP on a learnable made-up task', () => {
    const { spec, data } = rehearsal();
    expect(spec.model).toEqual(defaultSpec().model);
    expect(data.nRows * data.nFeatures).toBe(data.x.length);
    const ones = data.y.reduce((n, v) => n + v, 0);
    expect(ones).toBeGreaterThan(data.nRows / 4);
    expect(ones).toBeLessThan((3 * data.nRows) / 4);
  });
});
