import { countText } from '../../core/format';
import { learningTaskOf } from '../../core/spec/schema';
import { memo, useDeferredValue, useId, useMemo } from 'react';
import type { NetSnapshot } from '../../core/teach/snapshot';
import { useStore } from '../store';
import { useThrottled } from '../ui/useThrottled';
import type { TeachState } from '../store/types';
import { NEGATIVE, NEGATIVE_TEXT, POSITIVE } from './palette';
import { layoutNetwork } from './networkLayout';
import { pct1, shownDense, shownPruned, type Shown } from './shown';
import { useHoldCoreWhileDrawn } from '../engine/pageGate';

const Diagram = memo(function Diagram(props: { shown: Shown; reference: NetSnapshot | null; inputs: TeachState['inputs']; classNames: readonly string[] }) {
  useHoldCoreWhileDrawn(props.shown, props.reference);
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
