import { memo, useEffect, useMemo, useRef, useState } from 'react';
import { Bar, BarChart, CartesianGrid, ReferenceLine, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { SweepRow } from '../../core/prune/report';
import type { SweepDetail, SweepPoint } from '../../core/kinds/sweep';
import type { Mask } from '../../core/prune/types';
import { SelectField } from '../ui/fields';
import { ChartFigure } from '../ui/ChartFigure';
import { tooltipContent } from './ChartTooltip';
import { OKABE_ITO, pct, seriesLabel, seriesStyle } from './seriesStyle';

const layerTooltip = tooltipContent((label, payload) => {
  const v = payload[0]?.value;
  return typeof v === 'number' ? { title: String(label), rows: [{ key: 'sparsity', label: 'kernel sparsity', value: `${v.toFixed(2)}%` }] } : null;
});

const histogramTooltip = tooltipContent((label, payload) => {
  const v = payload[0]?.value;
  return typeof v === 'number' ? { title: `|w| ≈ ${Number(label).toFixed(3)}`, rows: [{ key: 'count', label: 'weights', value: String(v) }] } : null;
});

const BINS = 40;

/** |w| histogram of one tensor's dense weights, and the largest |w| the mask removed (the effective threshold). */
export function magnitudeHistogram(values: Float32Array, mask: Mask | undefined) {
  const mags = Array.from(values, Math.abs);
  // A reduce, not Math.max(...mags): spreading a large tensor overflows the call stack.
  const max = mags.reduce((m, v) => (v > m ? v : m), 1e-12);
  const width = max / BINS;
  const bins = Array.from({ length: BINS }, (_, i) => ({ from: i * width, mid: (i + 0.5) * width, count: 0 }));
  mags.forEach((m) => {
    const b = bins[Math.min(BINS - 1, Math.floor(m / width))];
    if (b) b.count++;
  });
  let threshold: number | null = null;
  if (mask) for (let i = 0; i < mags.length; i++) if (mask[i] === 0) threshold = Math.max(threshold ?? 0, mags[i] ?? 0);
  return { bins, threshold };
}

/** Per-layer sparsity, the magnitude histogram with the threshold, and the mask of one point (fold 1). */
export const PointInspector = memo(function PointInspector({ rows, points, detail }: { rows: readonly SweepRow[]; points: readonly SweepPoint[]; detail: SweepDetail | null }) {
  const choices = rows.filter((r) => r.series !== 'dense');
  const [key, setKey] = useState('');
  const [slot, setSlot] = useState(0);
  const row = choices.find((r) => `${r.series}@${r.targetSparsity}` === key) ?? choices[choices.length - 1];
  const point = points.find((p) => p.fold === 0 && row && p.series === row.series && p.targetSparsity === row.targetSparsity);
  const values = detail?.denseValues[slot];
  const mask = point?.masks?.[slot];
  const hist = useMemo(() => (values ? magnitudeHistogram(values, mask) : null), [values, mask]);
  if (!row) return null;
  const shape = detail?.slots[slot]?.shape;
  // Only magnitude pruning has a threshold: random pruning draws, N:M keeps the largest within each group.
  const method = point?.method;
  const thresholdNote = method === 'random' ? 'random pruning has no threshold: the removed weights were drawn from the seed, whatever their |w|' : method === 'nm' ? 'N:M has no single threshold: each group of M keeps its N largest' : null;
  return (
    <section aria-labelledby="inspect-title" className="inspector">
      <h2 id="inspect-title">Inspect a point</h2>
      <div className="row">
        <SelectField
          label="Point"
          value={`${row.series}@${row.targetSparsity}`}
          options={choices.map((r) => ({ value: `${r.series}@${r.targetSparsity}`, label: `${seriesLabel(r.series)} at ${pct(r.targetSparsity)}` }))}
          onChange={setKey}
        />
        {detail && <SelectField label="Layer" value={String(slot)} options={detail.slots.map((s, i) => ({ value: String(i), label: `${s.name} [${s.shape.join('×')}]` }))} onChange={(v) => setSlot(Number(v))} />}
      </div>
      <ChartFigure name="Kernel sparsity per layer" caption="Kernel sparsity per layer (mean over folds)">
        <ResponsiveContainer width="100%" height={180}>
          <BarChart data={row.layerSparsity.map((l) => ({ name: l.name, sparsity: 100 * l.sparsity }))} margin={{ top: 8, right: 16, bottom: 8, left: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" />
            <YAxis domain={[0, 100]} unit="%" width={56} />
            <Tooltip content={layerTooltip} />
            <Bar dataKey="sparsity" name="sparsity" fill={seriesStyle(row.series).color} isAnimationActive={false} />
          </BarChart>
        </ResponsiveContainer>
        <ul className="numbers">
          {row.layerSparsity.map((l) => (
            <li key={l.name}>
              {l.name}: {pct(l.sparsity, 2)}
            </li>
          ))}
        </ul>
      </ChartFigure>
      {hist && (
        <ChartFigure
          name="Magnitude histogram"
          caption={
            <>
              |w| of the trained dense weights, fold 1 ({detail?.slots[slot]?.name});{' '}
              {thresholdNote ? <span data-testid="threshold">{thresholdNote}</span> : <>pruned below <span data-testid="threshold">{hist.threshold === null ? 'nothing pruned' : hist.threshold.toFixed(4)}</span></>}
            </>
          }
        >
          <ResponsiveContainer width="100%" height={180}>
            <BarChart data={hist.bins} margin={{ top: 8, right: 16, bottom: 8, left: 8 }} barCategoryGap={0}>
              <CartesianGrid strokeDasharray="3 3" />
              <XAxis dataKey="mid" type="number" domain={[0, 'dataMax']} tickFormatter={(v: number) => v.toFixed(2)} />
              <YAxis width={48} />
              <Tooltip content={histogramTooltip} />
              <Bar dataKey="count" name="weights" fill="#6b7280" isAnimationActive={false} />
              {hist.threshold !== null && !thresholdNote && <ReferenceLine x={hist.threshold} stroke={OKABE_ITO.vermillion} strokeWidth={2} label={{ value: 'threshold', position: 'top' }} />}
            </BarChart>
          </ResponsiveContainer>
        </ChartFigure>
      )}
      {mask && shape && <MaskHeatmap mask={mask} shape={shape} name={detail?.slots[slot]?.name ?? ''} />}
    </section>
  );
});

/** One pixel block per weight: dark = kept, light = pruned; rows are inputs, columns are units. */
function MaskHeatmap({ mask, shape, name }: { mask: Mask; shape: readonly number[]; name: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [rows = mask.length, cols = 1] = shape.length === 2 ? shape : [mask.length, 1];
  const cell = Math.max(1, Math.min(8, Math.floor(640 / cols), Math.floor(320 / rows)));
  const kept = mask.reduce((n, v) => n + v, 0);
  useEffect(() => {
    const ctx = ref.current?.getContext('2d');
    if (!ctx) return;
    ctx.fillStyle = '#e5e7eb';
    ctx.fillRect(0, 0, cols * cell, rows * cell);
    ctx.fillStyle = OKABE_ITO.blue;
    for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) if (mask[r * cols + c]) ctx.fillRect(c * cell, r * cell, cell, cell);
  }, [mask, rows, cols, cell]);
  return (
    <ChartFigure name="Mask heatmap" caption={`Mask of ${name} (fold 1): ${kept} of ${mask.length} weights kept (${pct(1 - kept / mask.length, 2)} pruned). Rows: inputs; columns: units.`}>
      <canvas ref={ref} width={cols * cell} height={rows * cell} role="img" aria-label={`Mask heatmap of ${name}: ${kept} of ${mask.length} weights kept`} className="heatmap" />
    </ChartFigure>
  );
}
