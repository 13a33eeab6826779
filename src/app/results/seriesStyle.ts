const COLORS: Record<string, string> = {
  dense: '#111827',
  'magnitude-global': '#2563eb',
  'magnitude-layer': '#16a34a',
  random: '#dc2626',
  nm: '#9333ea',
};
const EXTRA = ['#ea580c', '#0891b2', '#ca8a04', '#db2777'];

/** A stable colour per series; a "(random re-init)" control shares its method's colour, dashed. */
export function seriesColor(series: string): string {
  const base = series.replace(' (random re-init)', '');
  return COLORS[base] ?? EXTRA[[...base].reduce((h, c) => h + c.charCodeAt(0), 0) % EXTRA.length] ?? '#4b5563';
}

export const isControl = (series: string): boolean => series.endsWith('(random re-init)');

export const pct = (x: number, digits = 1): string => `${(100 * x).toFixed(digits)}%`;
