import { describe, expect, it } from 'vitest';
import type { NetSnapshot } from '../../core/teach/snapshot';
import { layoutNetwork } from './networkLayout';

const dense = (name: string, nIn: number, nOut: number, kernel: number[]): NetSnapshot['layers'][number] => ({ name, type: 'dense', shape: [nIn, nOut], kernel: Float32Array.from(kernel), bias: new Float32Array(nOut), activation: 'linear' });
const snap = (layers: NetSnapshot['layers']): NetSnapshot => ({ tag: 'epoch', stage: 'training', epoch: 1, kind: 'mlp', layers, scaler: null, atMs: 0 });

describe('the network diagram layout', () => {
  it('draws each non-zero weight as a segment between its two nodes, grouped by sign and |w| level (hand-computed)', () => {
    // Two inputs, one output: columns at x = 140 and 760; the inputs at y = 72 and 88, the output at 80 (height 160, spacing 16).
    const l = layoutNetwork(snap([dense('out', 2, 1, [0.5, -1])]), null, { all: ['a', 'b'], kept: ['a', 'b'] }, ['yes']);
    expect(l.height).toBe(160);
    // |0.5| / max 1 × 8 levels = level 4, positive; |−1| → level 7 (the top), negative; in the order first met.
    expect(l.paths).toEqual([
      { d: 'M140.0 72.0L760.0 80.0', sign: 1, level: 4 },
      { d: 'M140.0 88.0L760.0 80.0', sign: -1, level: 7 },
    ]);
    expect(l.counts).toEqual({ weights: 2, drawn: 2, pruned: 0, removedUnits: 0 });
    expect(l.nodes.map((n) => n.label)).toEqual(['a', 'b', 'yes']);
  });

  it('leaves pruned weights out, fades removed units, greys out features RFE removed', () => {
    // Feature c was removed by RFE (the model has inputs a and b); a structural run removed a hidden unit (3 → 2); one weight is pruned.
    const reference = snap([dense('h', 2, 3, new Array(6).fill(1)), dense('out', 3, 1, [1, 1, 1])]);
    const s = snap([dense('h', 2, 2, [1, 0, -2, 2]), dense('out', 2, 1, [1, -1])]);
    const l = layoutNetwork(s, reference, { all: ['a', 'b', 'c'], kept: ['a', 'b'] }, ['y']);
    expect(l.counts).toEqual({ weights: 6, drawn: 5, pruned: 1, removedUnits: 1 });
    expect(l.nodes.filter((n) => n.removed)).toHaveLength(1);
    expect(l.nodes.filter((n) => n.greyed).map((n) => n.label)).toEqual(['c']);
    expect(l.paths.reduce((n, p) => n + p.d.split('M').length - 1, 0)).toBe(5);
    expect(l.perLayer).toEqual([
      { name: 'h', shape: '2 × 2', weights: 4, pruned: 1 },
      { name: 'out', shape: '2 × 1', weights: 2, pruned: 0 },
    ]);
  });
});
