import { useId } from 'react';
import type { LayerSnapshot } from '../../core/teach/snapshot';
import { useStore } from '../store';
import { NEGATIVE, POSITIVE, rgb } from './palette';
import { pct1, shownDense, shownPruned } from './shown';

const CELL = 12;

interface FilterView {
  /** kh × kw values: the filter's weights averaged over its input channels. */
  cells: number[];
  /** Fraction of the filter's weights that are zero. */
  zero: number;
}

/** Each filter of a conv layer: its kernel averaged over input channels, and how much of it is pruned. */
export function filtersOf(l: LayerSnapshot): FilterView[] {
  const [kh = 1, kw = 1, cin = 1, cout = 1] = l.shape;
  return Array.from({ length: cout }, (_, o) => {
    const cells: number[] = [];
    let zeros = 0;
    for (let r = 0; r < kh; r++)
      for (let c = 0; c < kw; c++) {
        let sum = 0;
        for (let i = 0; i < cin; i++) {
          const w = l.kernel[((r * kw + c) * cin + i) * cout + o] ?? 0;
          if (w === 0) zeros++;
          sum += w;
        }
        cells.push(sum / cin);
      }
    return { cells, zero: zeros / (kh * kw * cin) };
  });
}

function mix(hex: string, a: number): string {
  const [r, g, b] = rgb(hex);
  const m = (v: number) => Math.round(255 * (1 - a) + v * a);
  return `rgb(${m(r)},${m(g)},${m(b)})`;
}

/** A CNN's filters, layer by layer: each as a small heat map (blue positive, vermillion negative); pruned filters crossed out, removed ones as empty frames. */
export function FilterGrid() {
  const teach = useStore((s) => s.teach);
  const id = useId();
  const shown = shownPruned(teach) ?? shownDense(teach);
  if (!shown || shown.snapshot.kind !== 'cnn') return null;
  const convs = shown.snapshot.layers.filter((l) => l.type === 'conv2d');
  const refConvs = teach.dense?.layers.filter((l) => l.type === 'conv2d') ?? [];
  return (
    <section aria-labelledby={id} className="filters" data-view="filters">
      <h2 id={id}>Filters</h2>
      <p className="hint">
        {shown.label}. Each square is one filter of fold 1’s CNN, averaged over its input channels. A crossed-out filter is fully pruned; an empty frame is a filter structural pruning removed.
      </p>
      {convs.map((l, li) => {
        const filters = filtersOf(l);
        const [kh = 1, kw = 1] = l.shape;
        const removed = Math.max(0, (refConvs[li]?.shape[3] ?? filters.length) - filters.length);
        const pruned = filters.filter((f) => f.zero === 1).length;
        let max = 0;
        for (const f of filters) for (const v of f.cells) max = Math.max(max, Math.abs(v));
        return (
          <figure key={l.name} className="filter-layer">
            <figcaption data-testid={`filters-${l.name}`}>
              {l.name}: {filters.length} filters {kh}×{kw}
              {pruned > 0 ? `, ${pruned} fully pruned` : ''}
              {removed > 0 ? `, ${removed} removed` : ''}; {pct1(filters.reduce((s, f) => s + f.zero, 0) / Math.max(1, filters.length))} of the weights zero
            </figcaption>
            <div className="filter-row" role="img" aria-label={`${l.name}: ${filters.length} filters, ${pruned} fully pruned, ${removed} removed`}>
              {filters.map((f, i) => (
                <svg key={i} width={kw * CELL + 2} height={kh * CELL + 2} className={f.zero === 1 ? 'filter pruned' : 'filter'} aria-hidden="true">
                  {f.cells.map((v, c) => (
                    <rect key={c} x={1 + (c % kw) * CELL} y={1 + Math.floor(c / kw) * CELL} width={CELL} height={CELL} fill={mix(v >= 0 ? POSITIVE : NEGATIVE, max ? Math.abs(v) / max : 0)} />
                  ))}
                  {f.zero === 1 && <path d={`M1 1L${kw * CELL + 1} ${kh * CELL + 1}M${kw * CELL + 1} 1L1 ${kh * CELL + 1}`} stroke="#111827" />}
                </svg>
              ))}
              {Array.from({ length: removed }, (_, i) => (
                <svg key={`r${i}`} width={kw * CELL + 2} height={kh * CELL + 2} className="filter removed" aria-hidden="true">
                  <rect x={0.5} y={0.5} width={kw * CELL + 1} height={kh * CELL + 1} fill="none" stroke="#9ca3af" strokeDasharray="2 2" />
                </svg>
              ))}
            </div>
          </figure>
        );
      })}
    </section>
  );
}
