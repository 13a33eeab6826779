import * as tf from '@tensorflow/tfjs-core';
import type { LatencyStats } from '../../kinds/structural';
import type { Network } from '../model/network';
import { percentile } from './units';

export type { LatencyStats } from '../../kinds/structural';

/**
 * Measured and theoretical cost of a (possibly shrunk) MLP.
 *
 * Latency: one timed run is forward(batch) on the current backend followed by `await data()` of
 * the logits, so the time includes the device work and the read-back, as an app would see it.
 * The input batch is uploaded once, before timing. `warmup` untimed runs come first (kernel
 * compilation, wasm/WebGPU pipeline set-up), then `repeats` timed ones; we report their median
 * and the 10th/90th percentiles (linear interpolation, as numpy.percentile).
 */

export interface LatencyOptions {
  repeats?: number;
  warmup?: number;
  /** Milliseconds clock; defaults to performance.now() where it exists, else Date.now(). */
  now?: () => number;
}

const defaultClock = (): (() => number) => {
  const perf = (globalThis as { performance?: { now(): number } }).performance;
  return perf ? () => perf.now() : () => Date.now();
};

/** `x` is a row-major [rows, nInputs] batch. */
export async function measureLatency(net: Network, x: Float32Array, opts: LatencyOptions = {}): Promise<LatencyStats> {
  const repeats = Math.max(1, Math.floor(opts.repeats ?? 30));
  const warmup = Math.max(0, Math.floor(opts.warmup ?? 5));
  const now = opts.now ?? defaultClock();
  const rows = Math.floor(x.length / net.nInputs);
  if (rows < 1 || rows * net.nInputs !== x.length) throw new Error(`The latency batch must hold whole rows of ${net.nInputs} features.`);
  const input = tf.tensor2d(x, [rows, net.nInputs]);
  const runs: number[] = [];
  try {
    for (let r = 0; r < warmup + repeats; r++) {
      const t0 = now();
      const logits = tf.tidy(() => net.forward(input));
      try {
        await logits.data();
      } finally {
        logits.dispose();
      }
      const t1 = now();
      if (r >= warmup) runs.push(t1 - t0);
    }
  } finally {
    input.dispose();
  }
  const sorted = [...runs].sort((a, b) => a - b);
  return { medianMs: percentile(sorted, 0.5), p10: percentile(sorted, 0.1), p90: percentile(sorted, 0.9), runs, backend: tf.getBackend(), batch: rows };
}

/**
 * Latency of two networks measured interleaved on the same batch (a, b, a, b…, after both warm up),
 * so drift in the machine's speed (other work, clocks, thermal state) falls on both alike.
 */
export async function measurePair(a: Network, b: Network, x: Float32Array, opts: LatencyOptions = {}): Promise<[LatencyStats, LatencyStats]> {
  const repeats = Math.max(1, Math.floor(opts.repeats ?? 30));
  const warmup = Math.max(0, Math.floor(opts.warmup ?? 5));
  const now = opts.now ?? defaultClock();
  const rows = Math.floor(x.length / a.nInputs);
  if (rows < 1 || rows * a.nInputs !== x.length || b.nInputs !== a.nInputs) throw new Error(`The latency batch must hold whole rows of ${a.nInputs} features for both networks.`);
  const input = tf.tensor2d(x, [rows, a.nInputs]);
  const runs: [number[], number[]] = [[], []];
  const once = async (net: Network): Promise<number> => {
    const t0 = now();
    const out = tf.tidy(() => net.forward(input));
    try {
      await out.data();
    } finally {
      out.dispose();
    }
    return now() - t0;
  };
  try {
    for (let r = 0; r < warmup + repeats; r++) {
      const ta = await once(a);
      const tb = await once(b);
      if (r >= warmup) {
        runs[0].push(ta);
        runs[1].push(tb);
      }
    }
  } finally {
    input.dispose();
  }
  const stats = (xs: number[]): LatencyStats => {
    const sorted = [...xs].sort((p, q) => p - q);
    return { medianMs: percentile(sorted, 0.5), p10: percentile(sorted, 0.1), p90: percentile(sorted, 0.9), runs: xs, backend: tf.getBackend(), batch: rows };
  };
  return [stats(runs[0]), stats(runs[1])];
}

/** A fixed latency batch of exactly `size` rows, cycling through the given rows (row-major). */
export function latencyBatch(x: Float32Array, nInputs: number, size: number): Float32Array {
  const n = Math.floor(x.length / nInputs);
  if (n < 1) throw new Error('No rows to build a latency batch from.');
  const out = new Float32Array(size * nInputs);
  for (let i = 0; i < size; i++) out.set(x.subarray((i % n) * nInputs, ((i % n) + 1) * nInputs), i * nInputs);
  return out;
}

/** Theoretical speedup from FLOPs alone: before / after. */
export const flopsSpeedup = (before: { flops: number }, after: { flops: number }): number => before.flops / Math.max(1, after.flops);
