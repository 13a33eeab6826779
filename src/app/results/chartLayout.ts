import type { Axis } from './axisFit';

/**
 * Shared geometry of the recharts charts: axis labels get their own band outside the tick labels,
 * so the two never overlap at any width.
 */
export const CHART_MARGIN = { top: 4, right: 18, bottom: 4, left: 4 };

/** Room at both ends of a numeric x axis, so markers at the data's ends stay clear of the y axis. */
export const X_PADDING = { left: 10, right: 10 };

/** Height of an x axis with a label: ticks (≈ 20 px) above, the label below. */
export const X_AXIS_HEIGHT = 44;

const TICK_CHAR_PX = 7.5;
const LABEL_BAND_PX = 20;

export const xLabel = (value: string) => ({ value, position: 'insideBottom' as const, offset: 4 });

/** A rotated y-axis label in the left band of a y axis sized by yAxisWidth. */
export const yLabel = (value: string) => ({ value, angle: -90, position: 'insideLeft' as const, offset: 2, style: { textAnchor: 'middle' as const } });

/** Tick text of an axis: as many decimals as its step needs, at least `min`. */
export const tickFormat =
  (axis: Axis, min = 2) =>
  (v: number): string =>
    v.toFixed(Math.max(min, axis.decimals));

/** Width of a y axis: its widest tick label plus, with `label`, a band for the rotated axis label. */
export function yAxisWidth(tickTexts: readonly string[], label = true): number {
  const chars = Math.max(3, ...tickTexts.map((t) => t.length));
  return Math.ceil(chars * TICK_CHAR_PX + 12 + (label ? LABEL_BAND_PX : 0));
}
