import { countText } from '../../core/format';
import { learningTaskOf } from '../../core/spec/schema';
import { memo, useDeferredValue, useId, useMemo } from 'react';
import type { NetSnapshot } from '../../core/teach/snapshot';
import { useStore } from '../store';
import { useThrottled } from '../ui/useThrottled';
import type { TeachState } from '../store/types';
import { NEGATIVE, NEGATIVE_TEXT, POSITIVE } from './palette';
import { pct1, shownDense, shownPruned, type Shown } from './shown';

const W = 900;
const LEVELS = 8;
const LABEL = 140;

interface Layout {
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
  const pos: { x: number; y: number }[][] = [];
  cols.forEach((c, ci) => {
    const all = ys(c.kept + c.removed);
    const here: { x: number; y: number }[] = [];
    if (ci === 0) {
      allInputs.forEach((name, i) => {
        const greyed = !kept.includes(name);
        const p = { x: x(0), y: all[i] ?? 0 };
        nodes.push({ ...p, removed: false, greyed, label: short(name), title: greyed ? `${name}: removed by feature selection` : name });
        if (!greyed) here.push(p);
      });
    } else {
      all.forEach((y, i) => {
        const removed = i >= c.kept;
        const last = ci === cols.length - 1;
        const p = { x: x(ci), y };
        nodes.push({ ...p, removed, ...(last && !removed ? { label: short(classNames[i] ?? `class ${i}`) } : {}), title: removed ? 'removed unit' : last ? (classNames[i] ?? `class ${i}`) : `layer ${ci}, unit ${i + 1}` });
        if (!removed) here.push(p);
      });
    }
    pos.push(here);
  });
  const buckets = new Map<string, string[]>();
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
        const key = `${w > 0 ? 1 : -1}:${level}`;
        let list = buckets.get(key);
        if (!list) buckets.set(key, (list = []));
        list.push(`M${a.x.toFixed(1)} ${a.y.toFixed(1)}L${b.x.toFixed(1)} ${b.y.toFixed(1)}`);
        counts.drawn++;
      }
    counts.weights += nIn * nOut;
    counts.pruned += pruned;
    perLayer.push({ name: l.name, shape: `${nIn} × ${nOut}`, weights: nIn * nOut, pruned });
  });
  const paths = [...buckets.entries()].map(([key, segs]) => {
    const [sign, level] = key.split(':').map(Number);
    return { d: segs.join(''), sign: (sign === 1 ? 1 : -1) as 1 | -1, level: level ?? 0 };
  });
  return { width: W, height, paths, nodes, counts, perLayer };
}

const Diagram = memo(function Diagram(props: { shown: Shown; reference: NetSnapshot | null; inputs: TeachState['inputs']; classNames: readonly string[] }) {
  const l = useMemo(() => layoutNetwork(props.shown.snapshot, props.reference, props.inputs, props.classNames), [props.shown, props.reference, props.inputs, props.classNames]);
  const { counts } = l;
  return (
    <>
      <p data-testid="diagram-counts">
        <strong>{props.shown.label}.</strong> {countText(counts.drawn)} of {countText(counts.weights)} weights drawn; {countText(counts.pruned)} pruned ({pct1(counts.weights ? counts.pruned / counts.weights : 0)})
        {counts.removedUnits > 0 ? `; ${counts.removedUnits} units removed` : ''}.
      </p>
      <div className="diagram-box">
        <svg viewBox={`0 0 ${l.width} ${l.height}`} className="network-svg" role="img" aria-label={`Network diagram of ${props.shown.label}: ${counts.drawn} weights drawn, ${counts.pruned} pruned.`}>
          {l.paths.map((p) => (
            <path key={`${p.sign}:${p.level}`} d={p.d} className="edges" stroke={p.sign > 0 ? POSITIVE : NEGATIVE} strokeWidth={0.35 + 0.45 * p.level} strokeOpacity={0.2 + 0.09 * p.level} fill="none" data-edges={p.d.split('M').length - 1} />
          ))}
          {l.nodes.map((n, i) => (
            <g key={i} className={n.removed ? 'node removed' : n.greyed ? 'node greyed' : 'node'}>
              <title>{n.title}</title>
              <circle cx={n.x} cy={n.y} r={n.removed ? 2.5 : 3.5} />
              {n.label && (
                <text x={n.x + (n.x < l.width / 2 ? -7 : 7)} y={n.y + 3} textAnchor={n.x < l.width / 2 ? 'end' : 'start'}>
                  {n.label}
                </text>
              )}
            </g>
          ))}
        </svg>
      </div>
      <table className="results compact">
        <caption>Weights per layer ({props.shown.label})</caption>
        <thead>
          <tr>
            <th scope="col">layer</th>
            <th scope="col">shape</th>
            <th scope="col">weights</th>
            <th scope="col">pruned</th>
          </tr>
        </thead>
        <tbody>
          {l.perLayer.map((r) => (
            <tr key={r.name}>
              <th scope="row">{r.name}</th>
              <td>{r.shape}</td>
              <td>{r.weights}</td>
              <td>
                {r.pruned} ({pct1(r.weights ? r.pruned / r.weights : 0)})
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
});

/** The MLP of the run's first fold drawn as neurons and weights; follows the run (or the picked moment of a sweep). */
export function NetworkDiagram() {
  const running = useStore((s) => s.status === 'running');
  // Laying out and drawing thousands of weights takes tens of ms: while a run streams snapshots, every 3 s,
  // and rendered at transition priority (React yields to the page every few ms; its first draw is deferred too).
  const teach = useDeferredValue(useThrottled(useStore((s) => s.teach), 3000, running), null);
  const task = useStore((s) => (s.runSpec ? learningTaskOf(s.runSpec) : 'classification'));
  const id = useId();
  const shown = useMemo(() => (teach ? (shownPruned(teach) ?? shownDense(teach)) : null), [teach]);
  if (!teach || !shown || shown.snapshot.kind !== 'mlp') return null;
  const outputsBy = task === 'regression' ? 'the target' : task === 'reconstruction' ? 'the feature each rebuilds' : 'class';
  return (
    <section aria-labelledby={id} className="network" data-view="network">
      <h2 id={id}>Network diagram</h2>
      <p className="hint">
        Fold 1’s network: inputs by feature name, outputs by {outputsBy}. Each line is a weight — <span style={{ color: POSITIVE }}>blue positive</span>, <span style={{ color: NEGATIVE_TEXT }}>vermillion negative</span>, thicker for larger |w|. Pruned weights are not drawn; removed neurons are faded; features removed by RFE are greyed.
      </p>
      <Diagram shown={shown} reference={teach.dense} inputs={teach.inputs} classNames={teach.classNames} />
    </section>
  );
}
