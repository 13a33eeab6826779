import { memo, useMemo } from 'react';
import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { EpochMetrics } from '../../core/train/loop';
import { useStore } from '../store';

export const FOLD_COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777', '#4b5563', '#65a30d'];
const MAX_POINTS = 150;

type Row = Record<string, number>;

/** One row per (sampled) epoch with a column per fold; at most MAX_POINTS rows so redraws stay cheap. */
function toRows(curves: EpochMetrics[][], key: 'loss' | 'valAccuracy'): Row[] {
  const longest = Math.max(0, ...curves.map((c) => c.length));
  const stride = Math.max(1, Math.ceil(longest / MAX_POINTS));
  const rows: Row[] = [];
  for (let e = 0; e < longest; e += stride) {
    const i = Math.min(longest - 1, e + stride - 1);
    const row: Row = { epoch: i + 1 };
    curves.forEach((c, f) => {
      const v = c[i]?.[key];
      if (v != null) row[`fold ${f + 1}`] = v;
    });
    rows.push(row);
  }
  return rows;
}

const Chart = memo(function Chart(props: { title: string; rows: Row[]; folds: number; yLabel: string; domain?: [number, number] }) {
  return (
    <figure className="chart">
      <figcaption>{props.title}</figcaption>
      <ResponsiveContainer width="100%" height={220}>
        <LineChart data={props.rows} margin={{ top: 8, right: 16, bottom: 16, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="epoch" type="number" domain={['dataMin', 'dataMax']} label={{ value: 'epoch', position: 'insideBottom', offset: -8 }} />
          <YAxis domain={props.domain ?? ['auto', 'auto']} label={{ value: props.yLabel, angle: -90, position: 'insideLeft' }} width={64} tickFormatter={(v: number) => v.toFixed(2)} />
          <Tooltip formatter={(v) => (typeof v === 'number' ? v.toFixed(4) : String(v))} />
          <Legend />
          {Array.from({ length: props.folds }, (_, f) => (
            <Line key={f} dataKey={`fold ${f + 1}`} stroke={FOLD_COLORS[f % FOLD_COLORS.length] ?? "#111"} dot={false} isAnimationActive={false} strokeWidth={1.5} />
          ))}
        </LineChart>
      </ResponsiveContainer>
    </figure>
  );
});

export function TrainingCurves() {
  const curves = useStore((s) => s.curves);
  const lossRows = useMemo(() => toRows(curves, 'loss'), [curves]);
  const accRows = useMemo(() => toRows(curves, 'valAccuracy'), [curves]);
  if (curves.length === 0) return null;
  return (
    <section aria-label="Training curves" className="curves">
      <Chart title="Training loss per fold" rows={lossRows} folds={curves.length} yLabel="loss" />
      <Chart title="Held-out accuracy per fold" rows={accRows} folds={curves.length} yLabel="accuracy" domain={[0, 1]} />
    </section>
  );
}
