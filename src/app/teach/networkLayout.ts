import type { NetSnapshot } from '../../core/teach/snapshot';
import type { TeachState } from '../store/types';

const W = 900;
const LEVELS = 8;
const LABEL = 140;

export interface Layout {
  width: number;
  height: number;
  paths: { d: string; sign: 1 | -1; level: number }[];
  nodes: { x: number; y: number; removed: boolean; label?: string; greyed?: boolean; title: string }[];
  counts: { weights: number; drawn: number; pruned: number; removedUnits: number };
  perLayer: { name: string; shape: string; weights: number; pruned: number }[];
}

const short = (s: string): string => (s.length > 20 ? `${s.slice(0, 19)}…` : s);

/**
 * Lays out an MLP snapshot: a column of nodes per layer (inputs by feature name, outputs by class),
 * an edge per non-zero weight (thickness ∝ |w| in eight steps, colour = sign; pruned weights are
 * not drawn), units a structural run removed as faded nodes, features RFE removed greyed out.
 */
export function layoutNetwork(s: NetSnapshot, reference: NetSnapshot | null, inputs: TeachState['inputs'], classNames: readonly string[]): Layout {
  const dense = s.layers.filter((l) => l.type === 'dense');
  const refDense = reference?.layers.filter((l) => l.type === 'dense') ?? [];
  const allInputs = inputs?.all ?? Array.from({ length: dense[0]?.shape[0] ?? 0 }, (_, i) => `x${i + 1}`);
  const kept = inputs?.kept ?? allInputs;
  // Units per column: inputs (all features), then each layer's outputs, with removed units counted from the reference.
  const cols: { kept: number; removed: number }[] = [{ kept: kept.length, removed: allInputs.length - kept.length }];
  dense.forEach((l, i) => {
    const out = l.shape[1] ?? 0;
    const before = refDense[i]?.shape[1] ?? out;
    cols.push({ kept: out, removed: Math.max(0, before - out) });
  });
  const tallest = Math.max(...cols.map((c) => c.kept + c.removed), 1);
  const spacing = Math.max(5, Math.min(16, 420 / tallest));
  const height = Math.max(160, tallest * spacing + 24);
  const x = (c: number) => LABEL + (c / Math.max(1, cols.length - 1)) * (W - 2 * LABEL);
  const ys = (n: number): number[] => Array.from({ length: n }, (_, i) => height / 2 + (i - (n - 1) / 2) * spacing);
  // Node positions: kept units first, removed ones after them (faded); inputs keep the dataset's order.
  const nodes: Layout['nodes'] = [];
  // Each kept node's path commands, formatted once (an edge joins two: formatting per edge was most of a 4,000-edge layout's 7 ms).
  type At = { x: number; y: number };
  const pos: { m: string; l: string }[][] = [];
  const at = (p: At) => {
    const xy = `${p.x.toFixed(1)} ${p.y.toFixed(1)}`;
    return { m: `M${xy}`, l: `L${xy}` };
  };
  cols.forEach((c, ci) => {
    const all = ys(c.kept + c.removed);
    const here: { m: string; l: string }[] = [];
    if (ci === 0) {
      allInputs.forEach((name, i) => {
        const greyed = !kept.includes(name);
        const p = { x: x(0), y: all[i] ?? 0 };
        nodes.push({ ...p, removed: false, greyed, label: short(name), title: greyed ? `${name}: removed by feature selection` : name });
        if (!greyed) here.push(at(p));
      });
    } else {
      all.forEach((y, i) => {
        const removed = i >= c.kept;
        const last = ci === cols.length - 1;
        const p = { x: x(ci), y };
        nodes.push({ ...p, removed, ...(last && !removed ? { label: short(classNames[i] ?? `class ${i}`) } : {}), title: removed ? 'removed unit' : last ? (classNames[i] ?? `class ${i}`) : `layer ${ci}, unit ${i + 1}` });
        if (!removed) here.push(at(p));
      });
    }
    pos.push(here);
  });
  // Keyed by sign and level (positive: LEVELS + level), in the order first met.
  const buckets = new Map<number, string[]>();
  const counts = { weights: 0, drawn: 0, pruned: 0, removedUnits: cols.slice(1).reduce((n, c) => n + c.removed, 0) };
  const perLayer: Layout['perLayer'] = [];
  dense.forEach((l, li) => {
    const [nIn = 0, nOut = 0] = l.shape;
    let max = 0;
    for (const w of l.kernel) max = Math.max(max, Math.abs(w));
    let pruned = 0;
    for (let i = 0; i < nIn; i++)
      for (let j = 0; j < nOut; j++) {
        const w = l.kernel[i * nOut + j] ?? 0;
        if (w === 0) {
          pruned++;
          continue;
        }
        const a = pos[li]?.[i];
        const b = pos[li + 1]?.[j];
        if (!a || !b) continue;
        const level = Math.min(LEVELS - 1, Math.floor((Math.abs(w) / (max || 1)) * LEVELS));
        const key = (w > 0 ? LEVELS : 0) + level;
        let list = buckets.get(key);
        if (!list) buckets.set(key, (list = []));
        list.push(a.m + b.l);
        counts.drawn++;
      }
    counts.weights += nIn * nOut;
    counts.pruned += pruned;
    perLayer.push({ name: l.name, shape: `${nIn} × ${nOut}`, weights: nIn * nOut, pruned });
  });
  const paths = [...buckets.entries()].map(([key, segs]) => ({ d: segs.join(''), sign: (key >= LEVELS ? 1 : -1) as 1 | -1, level: key % LEVELS }));
  return { width: W, height, paths, nodes, counts, perLayer };
}
