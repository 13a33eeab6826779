import { memo, useEffect, useMemo, useRef, useState } from 'react';
import type { SweepRow } from '../../core/prune/report';
import type { SweepDetail, SweepPoint } from '../../core/kinds/sweep';
import type { Mask } from '../../core/prune/types';
import { SelectField } from '../ui/fields';
import { useStagedReveal } from '../ui/useStagedReveal';
import { ChartFigure } from '../ui/ChartFigure';
import { SvgBarChart } from './SvgBarChart';
import { OKABE_ITO, pct, seriesLabel, seriesStyle } from './seriesStyle';

const BINS = 40;

/** |w| histogram of one tensor's dense weights, and the largest |w| the mask removed (the effective threshold). */
export function magnitudeHistogram(values: Float32Array, mask: Mask | undefined) {
  const mags = Array.from(values, Math.abs);
  // A reduce, not Math.max(...mags): spreading a large tensor overflows the call stack.
  const max = mags.reduce((m, v) => (v > m ? v : m), 1e-12);
  const width = max / BINS;
  const bins = Array.from({ length: BINS }, (_, i) => ({ from: i * width, to: (i + 1) * width, count: 0 }));
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
  // The histogram and the mask mount a frame after the rest (each a task of its own).
  const stage = useStagedReveal(true, 1, true);
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
      <SvgBarChart
        name="Kernel sparsity per layer"
        caption="Kernel sparsity per layer (mean over folds)"
        bars={row.layerSparsity.map((l) => ({ label: l.name, value: 100 * l.sparsity }))}
        valueLabel="kernel sparsity"
        valueText={(v) => `${v.toFixed(2)}%`}
        color={seriesStyle(row.series).color}
        yDomain={[0, 100]}
        yUnit="%"
      />
      <ul className="numbers">
        {row.layerSparsity.map((l) => (
          <li key={l.name}>
            {l.name}: {pct(l.sparsity, 2)}
          </li>
        ))}
      </ul>
      {hist && stage >= 1 && (
        <SvgBarChart
          name="Magnitude histogram"
          caption={
            <>
              |w| of the trained dense weights, fold 1 ({detail?.slots[slot]?.name});{' '}
              {thresholdNote ? <span data-testid="threshold">{thresholdNote}</span> : <>pruned below <span data-testid="threshold">{hist.threshold === null ? 'nothing pruned' : hist.threshold.toFixed(4)}</span></>}
            </>
          }
          bars={hist.bins.map((b) => ({ label: `|w| ${b.from.toFixed(3)} to ${b.to.toFixed(3)}`, value: b.count, from: b.from, to: b.to }))}
          valueLabel="weights"
          valueText={(v) => String(v)}
          color="#6b7280"
          numeric={hist.threshold !== null && !thresholdNote ? { marker: { x: hist.threshold, label: 'threshold', color: OKABE_ITO.vermillion } } : {}}
        />
      )}
      {mask && shape && stage >= 1 && <MaskHeatmap mask={mask} shape={shape} name={detail?.slots[slot]?.name ?? ''} />}
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
