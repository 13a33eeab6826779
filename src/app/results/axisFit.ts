import type { MetricId } from '../../core/task/learning';
/** Axes fitted to the data: round bounds and round ticks, clamped to what the quantity allows. */
export interface Axis {
  domain: [number, number];
  ticks: number[];
  /** Digits after the point that the ticks need. */
  decimals: number;
}

const clean = (x: number): number => Number(x.toPrecision(12));

/** A round step (1, 2 or 5 × 10^k) that cuts `span` into about `count` parts (five by default). */
export function niceStep(span: number, count = 5): number {
  const raw = span / count;
  if (!(raw > 0) || !Number.isFinite(raw)) return 1;
  const mag = 10 ** Math.floor(Math.log10(raw));
  return ([1, 2, 5, 10].find((m) => m * mag >= raw * (1 - 1e-9)) ?? 10) * mag;
}

/** The multiples of `step` within [lo, hi]. */
export function ticksOf(lo: number, hi: number, step: number): number[] {
  const out: number[] = [];
  for (let t = Math.ceil(lo / step - 1e-9) * step; t <= hi + step * 1e-9; t += step) out.push(clean(t));
  return out;
}

/** About five round ticks covering [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  return ticksOf(lo, hi, niceStep(hi - lo, count));
}

const decimalsOf = (step: number): number => Math.max(0, -Math.floor(Math.log10(step) + 1e-9));

/**
 * A linear axis around `values`: bounds rounded outward to a round step, kept within [min, max].
 * A single value (or none) gets a small range around it.
 */
export function fitLinear(values: readonly number[], limits: { min?: number; max?: number; count?: number; /** The least range shown, so tiny differences are not blown up. */ minSpan?: number } = {}): Axis {
  const min = limits.min ?? -Infinity;
  const max = limits.max ?? Infinity;
  const finite = values.filter(Number.isFinite);
  let lo = finite.length ? Math.max(min, Math.min(...finite)) : Number.isFinite(min) ? min : 0;
  let hi = finite.length ? Math.min(max, Math.max(...finite)) : Number.isFinite(max) ? max : 1;
  if (hi - lo < 1e-12) {
    const pad = Math.abs(hi) * 0.05 || 0.05;
    lo = Math.max(min, lo - pad);
    hi = Math.min(max, hi + pad);
    if (hi - lo < 1e-12) [lo, hi] = [lo - pad, hi + pad];
  }
  const minSpan = Math.min(limits.minSpan ?? 0, max - min);
  if (hi - lo < minSpan) {
    const grow = (minSpan - (hi - lo)) / 2;
    [lo, hi] = lo - grow < min ? [min, min + minSpan] : hi + grow > max ? [max - minSpan, max] : [lo - grow, hi + grow];
  }
  const step = niceStep(hi - lo, limits.count ?? 5);
  const domain: [number, number] = [clean(Math.max(min, Math.floor(lo / step + 1e-9) * step)), clean(Math.min(max, Math.ceil(hi / step - 1e-9) * step))];
  return { domain, ticks: ticksOf(domain[0], domain[1], step), decimals: decimalsOf(step) };
}

/** Accuracy (a fraction): fitted to the data, error bands included, never outside [0, 1], at least 0.05 tall. */
export const fitAccuracy = (values: readonly number[]): Axis => fitLinear(values, { min: 0, max: 1, minSpan: 0.05 });

/** Sparsity in percent: fitted to the data, within [0, 100]. */
export const fitPercent = (values: readonly number[]): Axis => fitLinear(values, { min: 0, max: 100 });

/** A log axis for positive values: bounds and ticks at 1, 2 and 5 × 10^k (only powers of ten when that would crowd). */
export function fitLog(values: readonly number[]): Axis {
  const pos = values.filter((v) => v > 0 && Number.isFinite(v));
  if (pos.length === 0) return { domain: [1, 10], ticks: [1, 10], decimals: 0 };
  const lo = Math.min(...pos);
  const hi = Math.max(...pos);
  const candidates: number[] = [];
  for (let k = Math.floor(Math.log10(lo)) - 1; k <= Math.ceil(Math.log10(hi)) + 1; k++) for (const m of [1, 2, 5]) candidates.push(clean(m * 10 ** k));
  const below = candidates.filter((c) => c <= lo * (1 + 1e-9));
  const above = candidates.filter((c) => c >= hi * (1 - 1e-9));
  const a = below.at(-1) ?? lo;
  const b = above[0] ?? hi;
  const domain: [number, number] = [a, b > a ? b : clean(a * 2)];
  let ticks = candidates.filter((c) => c >= domain[0] && c <= domain[1]);
  if (ticks.length > 6) ticks = ticks.filter((c) => Math.abs(Math.log10(c) - Math.round(Math.log10(c))) < 1e-9);
  return { domain, ticks, decimals: Math.max(0, ...ticks.map((t) => decimalsOf(t))) };
}

/** The axis of a task's metric: accuracy within [0, 1]; R² at most 1 (it can be negative); an error from 0 up. */
export function fitScore(metric: MetricId, values: readonly number[]): Axis {
  if (metric === 'accuracy') return fitAccuracy(values);
  if (metric === 'r2') return fitLinear(values, { max: 1, minSpan: 0.05 });
  return fitLinear(values, { min: 0 });
}
