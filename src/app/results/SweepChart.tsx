import { useDeferredValue, useMemo, useState } from 'react';
import { Area, CartesianGrid, ComposedChart, Legend, Line, ReferenceArea, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SweepRow } from '../../core/prune/report';
import { SelectField } from '../ui/fields';
import { ChartFigure } from '../ui/ChartFigure';
import { isControl, pct, seriesColor } from './seriesStyle';

type XMode = 'sparsity' | 'compression';

interface Pt {
  x: number;
  mean: number;
  band: [number, number];
  std: number;
  folds: number;
}

/** One sorted list of points per pruned series, x in the chosen unit. */
function toSeries(rows: readonly SweepRow[], mode: XMode): { name: string; pts: Pt[] }[] {
  const bySeries = new Map<string, Pt[]>();
  for (const r of rows) {
    if (r.series === 'dense') continue;
    const x = mode === 'sparsity' ? 100 * r.achievedSparsity : r.compressionRatio;
    const pts = bySeries.get(r.series) ?? [];
    pts.push({ x, mean: r.accuracyMean, std: r.accuracyStd, band: [r.accuracyMean - r.accuracyStd, r.accuracyMean + r.accuracyStd], folds: r.folds });
    bySeries.set(r.series, pts);
  }
  return [...bySeries.entries()].map(([name, pts]) => ({ name, pts: pts.sort((a, b) => a.x - b.x) }));
}

/** Accuracy against sparsity (or compression ratio, log axis): mean line and ± std band per method, dense as a reference. */
export function SweepChart({ rows: liveRows, extra = [] }: { rows: readonly SweepRow[]; /** More reference lines, e.g. the accuracy before optimization. */ extra?: readonly { y: number; label: string }[] }) {
  const rows = useDeferredValue(liveRows);
  const [mode, setMode] = useState<XMode>('sparsity');
  const dense = rows.find((r) => r.series === 'dense');
  const series = useMemo(() => toSeries(rows, mode), [rows, mode]);
  const xLabel = mode === 'sparsity' ? 'achieved sparsity (%)' : 'compression ratio (total / nonzero, log)';
  return (
    <ChartFigure name="Accuracy against sparsity" view="chart" caption={`Cross-validated accuracy (mean ± std over folds) against ${mode === 'sparsity' ? 'sparsity' : 'compression'}`}>
      <SelectField
        label="X axis"
        value={mode}
        options={[
          { value: 'sparsity', label: 'Sparsity (%)' },
          { value: 'compression', label: 'Compression ratio (log)' },
        ]}
        onChange={setMode}
      />
      <ResponsiveContainer width="100%" height={320}>
        <ComposedChart margin={{ top: 8, right: 24, bottom: 24, left: 8 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis
            dataKey="x"
            type="number"
            scale={mode === 'compression' ? 'log' : 'auto'}
            domain={mode === 'compression' ? [1, 'auto'] : [0, 100]}
            allowDataOverflow
            tickFormatter={(v: number) => (mode === 'compression' ? `${v.toFixed(v < 10 ? 1 : 0)}×` : `${v}`)}
            label={{ value: xLabel, position: 'insideBottom', offset: -12 }}
          />
          <YAxis domain={[(min: number) => Math.max(0, Math.floor(min * 20) / 20), 1]} tickFormatter={(v: number) => v.toFixed(2)} width={56} label={{ value: 'accuracy', angle: -90, position: 'insideLeft' }} />
          <Tooltip formatter={(v, name) => (Array.isArray(v) ? [`${pct(Number(v[0]))} – ${pct(Number(v[1]))}`, `${name} ± std`] : [pct(Number(v), 2), name])} labelFormatter={(x) => (mode === 'sparsity' ? `sparsity ${Number(x).toFixed(1)}%` : `${Number(x).toFixed(2)}× compression`)} />
          <Legend verticalAlign="top" height={28} />
          {dense && <ReferenceArea y1={dense.accuracyMean - dense.accuracyStd} y2={dense.accuracyMean + dense.accuracyStd} fill="#111827" fillOpacity={0.06} ifOverflow="hidden" />}
          {dense && <ReferenceLine y={dense.accuracyMean} stroke="#111827" strokeDasharray="6 3" label={{ value: `dense ${pct(dense.accuracyMean)}`, position: 'insideBottomLeft' }} />}
          {extra.map((e) => (
            <ReferenceLine key={e.label} y={e.y} stroke="#CC79A7" strokeDasharray="2 3" label={{ value: `${e.label} ${pct(e.y)}`, position: 'insideTopLeft' }} />
          ))}
          {series.map((s) => (
            <Area key={`${s.name}-band`} data={s.pts} dataKey="band" name={`${s.name} band`} legendType="none" stroke="none" fill={seriesColor(s.name)} fillOpacity={0.15} isAnimationActive={false} tooltipType="none" />
          ))}
          {series.map((s) => (
            <Line
              key={s.name}
              data={s.pts}
              dataKey="mean"
              name={s.name}
              stroke={seriesColor(s.name)}
              strokeDasharray={isControl(s.name) ? '5 4' : '0'}
              strokeWidth={2}
              dot={{ r: 3 }}
              isAnimationActive={false}
            />
          ))}
        </ComposedChart>
      </ResponsiveContainer>
    </ChartFigure>
  );
}
