/** Okabe–Ito colours (colour-blind safe) for classes and weight signs; shapes tell classes apart too. */
export const CLASS_COLORS = ['#0072B2', '#E69F00', '#009E73', '#CC79A7', '#D55E00', '#56B4E9', '#000000', '#F0E442'] as const;
export const POSITIVE = '#0072B2';
export const NEGATIVE = '#D55E00';
/** Vermillion darkened for text on white (contrast 5.5:1; #D55E00 is 3.9:1). */
export const NEGATIVE_TEXT = '#B34700';
export const classColor = (c: number): string => CLASS_COLORS[c % CLASS_COLORS.length] ?? '#000000';

/** "#0072B2" → [0, 114, 178]. */
export function rgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}
