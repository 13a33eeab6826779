import { describe, expect, it } from 'vitest';
import type { Activation } from '../spec/sections';
import { forwardSnapshot, predictProba, type LayerSnapshot, type NetSnapshot } from './snapshot';

const layer = (name: string, nIn: number, nOut: number, kernel: number[], bias: number[], activation: Activation): LayerSnapshot => ({ name, type: 'dense', shape: [nIn, nOut], kernel: Float32Array.from(kernel), bias: Float32Array.from(bias), activation });
const net = (layers: LayerSnapshot[], scaler: NetSnapshot['scaler'] = null): NetSnapshot => ({ tag: 'dense', stage: 'moment', epoch: null, kind: 'mlp', layers, scaler, atMs: 0 });

/** The definition, one output at a time: act(bias + Σₖ h[k]·W[k, j]) in double precision, stored as float32. */
function reference(s: NetSnapshot, x: number[], n: number): number[] {
  const act = (v: number, a: Activation) => (a === 'relu' ? Math.max(v, 0) : a === 'tanh' ? Math.tanh(v) : a === 'sigmoid' ? 1 / (1 + Math.exp(-v)) : a === 'elu' ? (v > 0 ? v : Math.exp(v) - 1) : v);
  const nIn = s.layers[0]?.shape[0] ?? 0;
  let h = x.map((v, i) => Math.fround(s.scaler ? (v - (s.scaler.mean[i % nIn] ?? 0)) / (s.scaler.scale[i % nIn] ?? 1) : v));
  let width = nIn;
  for (const l of s.layers) {
    const out = l.shape[1] ?? 0;
    const next: number[] = [];
    for (let r = 0; r < n; r++)
      for (let j = 0; j < out; j++) {
        let acc = l.bias[j] ?? 0;
        for (let k = 0; k < width; k++) acc += (h[r * width + k] ?? 0) * (l.kernel[k * out + j] ?? 0);
        next.push(Math.fround(act(acc, l.activation)));
      }
    h = next;
    width = out;
  }
  return h;
}

describe('the plain-JS forward pass of a snapshot (the teaching views)', () => {
  it('equals the definition bit for bit: every activation, a scaler, rows in fours and a remainder', () => {
    for (const a of ['relu', 'tanh', 'sigmoid', 'elu', 'linear'] as const) {
      const s = net(
        [layer('h', 2, 3, [0.5, -1, 0.25, 2, 0.75, -0.5], [0.1, -0.2, 0.3], a), layer('out', 3, 2, [1, -1, 0.5, 0.5, -2, 1], [0, 0.05], 'linear')],
        { mean: [1, -1], scale: [2, 0.5] },
      );
      for (const n of [1, 3, 4, 5, 9]) {
        const x = Array.from({ length: 2 * n }, (_, i) => Math.sin(i + 1) * 3);
        expect(Array.from(forwardSnapshot(s, x, n)), `${a}, ${n} rows`).toEqual(reference(s, x, n));
      }
    }
  });

  it('a hand-computed case: relu then linear, and its softmax', () => {
    // h = relu([1, 2]·[[1, -1], [0.5, 1]] + [0, 0.5]) = relu([2, 1.5]) = [2, 1.5]; out = [2, 1.5]·[[1], [-2]] + [1] = −0.
    const s = net([layer('h', 2, 2, [1, -1, 0.5, 1], [0, 0.5], 'relu'), layer('out', 2, 2, [1, 0, -2, 0], [1, 0], 'linear')]);
    expect(Array.from(forwardSnapshot(s, [1, 2], 1))).toEqual([0, 0]);
    expect(Array.from(predictProba(s, [1, 2], 1))).toEqual([0.5, 0.5]);
    expect(Array.from(forwardSnapshot(s, [3, 0], 1))).toEqual([4, 0]); // h = relu([3, −2.5]) = [3, 0]; out = [3 + 1, 0]
  });
});
