import { Worker } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { createJobHost } from '../engine/host';
import { dataShape, kindPlan } from './runExperiment';
import { defaultSpec } from '../spec/schema';
import { loadBuiltinSync, useBackend } from '../testing/node';
import { withoutTimings } from '../testing/timings';
import { lowerFlag, pageFlag, raiseFlag, waitWhileRaised, yieldingHosts } from './pageGate';
import type { BackendInfo } from './protocol';

/** Lowers the flag from another thread after `ms` (as the page does when it is idle). */
function lowerFromAnotherThread(buffer: SharedArrayBuffer, ms: number): Promise<number> {
  const code = `const { workerData } = require('node:worker_threads'); const f = new Int32Array(workerData, 0, 1); setTimeout(() => { Atomics.store(f, 0, 0); Atomics.notify(f, 0); }, ${ms});`;
  const w = new Worker(code, { eval: true, workerData: buffer });
  return new Promise((done) => w.on('exit', done));
}

describe('the page gate: a worker yields its core while the page draws', () => {
  it('yields one host when the pool takes every core, none when it leaves one free', () => {
    expect(yieldingHosts(2, 2)).toBe(1);
    expect(yieldingHosts(8, 8)).toBe(1);
    expect(yieldingHosts(1, 1)).toBe(1); // one core: the only worker yields to the page
    expect(yieldingHosts(5, 8)).toBe(0);
    expect(yieldingHosts(3, 4)).toBe(0);
    expect(yieldingHosts(4, 2)).toBe(3); // more hosts than cores: all but one
  });

  it('a wait returns at once when the flag is down, at most maxMs later when it stays up, and when another thread lowers it', async () => {
    const flag = pageFlag(new SharedArrayBuffer(4));
    let t = performance.now();
    waitWhileRaised(flag, 1000);
    expect(performance.now() - t).toBeLessThan(50);
    raiseFlag(flag);
    t = performance.now();
    waitWhileRaised(flag, 60);
    expect(performance.now() - t).toBeGreaterThanOrEqual(55);
    // Lowered from the other thread after ~100 ms: the wait ends then, not at its 5-s bound.
    const exited = lowerFromAnotherThread(flag.buffer as SharedArrayBuffer, 100);
    t = performance.now();
    waitWhileRaised(flag, 5000);
    const waited = performance.now() - t;
    expect(waited).toBeGreaterThan(50);
    expect(waited).toBeLessThan(2500);
    expect(Atomics.load(flag, 0)).toBe(0);
    await exited;
    lowerFlag(flag);
  });

  describe('a host told to yield', () => {
    beforeAll(() => useBackend('wasm'));
    const thisBackend = async (): Promise<BackendInfo> => ({ name: tf.getBackend() as BackendInfo['name'], requested: 'auto', reason: 'test' });

    it('waits between mini-batches while the flag is up, and trains the same numbers', async () => {
      const bc = loadBuiltinSync('breast_cancer', 'breast_cancer.csv');
      const spec = { ...defaultSpec(), training: { ...defaultSpec().training, epochs: 2 } };
      const job = kindPlan(spec, dataShape(bc))[0];
      if (!job) throw new Error('no job');
      const buffer = new SharedArrayBuffer(4);
      const flag = pageFlag(buffer);
      const runOn = async (yielding: boolean) => {
        const host = createJobHost(thisBackend);
        await host.init('auto', { macsPerStep: 0 });
        await host.setData('bc', bc);
        if (yielding) await host.yieldTo?.(buffer);
        const t = performance.now();
        const out = await host.runJob({ spec, dataKey: 'bc', job }, () => undefined);
        host.dispose();
        return { out: withoutTimings(out), ms: performance.now() - t };
      };
      const plain = await runOn(false);
      // Flag up: 2 epochs × 3 mini-batches of ~200 rows, each waiting its 100-ms bound (the page never idles here).
      raiseFlag(flag);
      const held = await runOn(true);
      lowerFlag(flag);
      expect(held.ms).toBeGreaterThan(500);
      expect(held.out).toEqual(plain.out);
      // Flag down: no wait.
      const free = await runOn(true);
      expect(free.ms).toBeLessThan(held.ms / 2);
      expect(free.out).toEqual(plain.out);
    });
  });
});
