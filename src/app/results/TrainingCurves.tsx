import { metricWord, useRunMetric } from './metric';
import { useDeferredValue, useId, useMemo, useState } from 'react';
import type { EpochMetrics } from '../../core/kinds/types';
import { useStore } from '../store';
import { Disclosure } from '../ui/fields';
import { seriesStyle } from './seriesStyle';
import { SvgLineChart, type Series } from './SvgLineChart';

const MAX_POINTS = 200;

/** One series per job (fold), at most MAX_POINTS points each (evenly strided, last epoch always included). */
function toSeries(curves: EpochMetrics[][], labels: readonly string[], key: 'loss' | 'valAccuracy'): Series[] {
  return curves
    .map((c, f) => {
      const stride = Math.max(1, Math.ceil(c.length / MAX_POINTS));
      const points: [number, number][] = [];
      for (let i = 0; i < c.length; i += stride) {
        const m = c[Math.min(c.length - 1, i + stride - 1)];
        const v = m?.[key];
        if (m && v != null) points.push([m.epoch, v]);
      }
      const id = `job${f}`;
      return { id, name: labels[f] ?? `job ${f + 1}`, style: seriesStyle(id, f), points };
    })
    .filter((s) => s.points.length > 0);
}

/**
 * Live per-epoch curves of every fold: training loss and held-out accuracy, side by side where there is room,
 * under a heading that folds them away (they are secondary to the run's own results). The x axis spans the
 * run's planned curve, not the editor's settings. Nothing is drawn for a run without curves.
 */
export function TrainingCurves() {
  // Redraws are deferred (interruptible background renders), so typing and clicking never wait on a chart.
  const curves = useDeferredValue(useStore((s) => s.curves));
  const plan = useStore((s) => s.plan);
  const [open, setOpen] = useState(true);
  const headingId = useId();
  const labels = useMemo(() => plan?.map((j) => j.label) ?? [], [plan]);
  const loss = useMemo(() => toSeries(curves, labels, 'loss'), [curves, labels]);
  const acc = useMemo(() => toSeries(curves, labels, 'valAccuracy'), [curves, labels]);
  const metric = useRunMetric();
  const planned = plan ? Math.max(0, ...plan.map((j) => j.curveEpochs)) : 0;
  if (planned === 0 || (loss.length === 0 && acc.length === 0)) return null;
  const xMax = Math.max(planned, ...curves.map((c) => c.at(-1)?.epoch ?? 0));
  return (
    <section aria-label="Training curves" className="curves" data-view="curves">
      <Disclosure id={headingId} title="Training curves" open={open} onToggle={() => setOpen(!open)} controls={`${headingId}-charts`} />
      <div id={`${headingId}-charts`} className="curves-grid" hidden={!open}>
        {loss.length > 0 && <SvgLineChart title="Training loss per fold" xLabel="epoch" yLabel="loss" series={loss} y="nonnegative" xMax={xMax} height={180} />}
        {acc.length > 0 && <SvgLineChart title={`Held-out ${metricWord(metric)} per fold`} xLabel="epoch" yLabel={metricWord(metric)} series={acc} y={metric.id} xMax={xMax} height={180} />}
      </div>
    </section>
  );
}
