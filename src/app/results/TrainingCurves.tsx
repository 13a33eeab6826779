import { useDeferredValue, useMemo } from 'react';
import type { EpochMetrics } from '../../core/kinds/types';
import { useStore } from '../store';
import { SvgLineChart, type Series } from './SvgLineChart';

export const FOLD_COLORS = ['#2563eb', '#dc2626', '#16a34a', '#9333ea', '#ea580c', '#0891b2', '#ca8a04', '#db2777', '#4b5563', '#65a30d'];
const MAX_POINTS = 200;

/** One series per job (fold), at most MAX_POINTS points each (evenly strided, last epoch always included). */
function toSeries(curves: EpochMetrics[][], labels: readonly string[], key: 'loss' | 'valAccuracy'): Series[] {
  return curves.map((c, f) => {
    const stride = Math.max(1, Math.ceil(c.length / MAX_POINTS));
    const points: [number, number][] = [];
    for (let i = 0; i < c.length; i += stride) {
      const m = c[Math.min(c.length - 1, i + stride - 1)];
      const v = m?.[key];
      if (m && v != null) points.push([m.epoch, v]);
    }
    return { name: labels[f] ?? `job ${f + 1}`, color: FOLD_COLORS[f % FOLD_COLORS.length] ?? '#111', points };
  });
}

/** Live per-epoch curves of every fold: training loss and held-out accuracy. The x axis spans the run's planned curve, not the editor's settings. */
export function TrainingCurves() {
  // Redraws are deferred (interruptible background renders), so typing and clicking never wait on a chart.
  const curves = useDeferredValue(useStore((s) => s.curves));
  const plan = useStore((s) => s.plan);
  const labels = useMemo(() => plan?.map((j) => j.label) ?? [], [plan]);
  const loss = useMemo(() => toSeries(curves, labels, 'loss'), [curves, labels]);
  const acc = useMemo(() => toSeries(curves, labels, 'valAccuracy'), [curves, labels]);
  const planned = plan ? Math.max(0, ...plan.map((j) => j.curveEpochs)) : 0;
  if (planned === 0 || curves.every((c) => c.length === 0)) return null;
  const xMax = Math.max(planned, ...curves.map((c) => c.at(-1)?.epoch ?? 0));
  return (
    <section aria-label="Training curves" className="curves" data-view="curves">
      <SvgLineChart title="Training loss per fold" xLabel="epoch" yLabel="loss" series={loss} xMax={xMax} />
      <SvgLineChart title="Held-out accuracy per fold" xLabel="epoch" yLabel="accuracy" series={acc} yDomain={[0, 1]} xMax={xMax} />
    </section>
  );
}
