import { PRUNE_METHODS, type PruneMethodId } from '../../core/prune/registry';

/**
 * How every chart tells its series apart: an Okabe–Ito colour (safe under the common colour-vision
 * deficiencies) plus a dash pattern and a marker shape, so the lines differ without colour too.
 */
export type MarkerShape = 'circle' | 'square' | 'triangle' | 'diamond' | 'triangle-down' | 'cross' | 'plus' | 'star';

export interface SeriesStyle {
  color: string;
  /** SVG stroke-dasharray; '' is a solid line. */
  dash: string;
  marker: MarkerShape;
  /** An outlined rather than filled marker (the lottery-ticket control). */
  hollow: boolean;
}

/** Okabe–Ito, without its yellow (#F0E442: too light for lines on white). */
export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

const O = OKABE_ITO;
const CONTROL_SUFFIX = ' (random re-init)';
/** The control's own dash: no other series uses it. */
const CONTROL_DASH = '2 3';

/** Fixed styles for the sweep's series, so a method looks the same in every chart and every run. */
const KNOWN: Record<string, Omit<SeriesStyle, 'hollow'>> = {
  dense: { color: O.black, dash: '', marker: 'plus' },
  'magnitude-global': { color: O.blue, dash: '', marker: 'circle' },
  'magnitude-layer': { color: O.bluishGreen, dash: '8 3', marker: 'square' },
  random: { color: O.vermillion, dash: '4 3', marker: 'triangle' },
  nm: { color: O.reddishPurple, dash: '10 3 2 3', marker: 'diamond' },
  'layer-targets': { color: O.orange, dash: '14 4', marker: 'triangle-down' },
  structural: { color: O.skyBlue, dash: '', marker: 'star' },
};

/** Other series (folds, layers, runs, candidates) take these in turn by their position in the chart. */
const CYCLE_COLORS = [O.blue, O.vermillion, O.bluishGreen, O.reddishPurple, O.orange, O.skyBlue, O.black];
const CYCLE_MARKERS: readonly MarkerShape[] = ['circle', 'square', 'triangle', 'diamond', 'triangle-down', 'cross', 'plus'];
const CYCLE_DASHES = ['', '8 3', '4 3', '10 3 2 3', '14 4', '1 3'];

/** The lottery-ticket control of a method: "magnitude-global (random re-init)". */
export const isControl = (series: string): boolean => series.endsWith(CONTROL_SUFFIX);

const baseOf = (series: string): string => (isControl(series) ? series.slice(0, -CONTROL_SUFFIX.length) : series);

/**
 * The one style function of every chart. A sweep series (method id, 'dense', a control) gets its fixed
 * style wherever it appears; a control shares its method's colour and marker, with its own dash and an
 * outlined marker. Any other series is styled by its `index` among the chart's series.
 */
export function seriesStyle(series: string, index = 0): SeriesStyle {
  const known = KNOWN[baseOf(series)];
  if (known) return isControl(series) ? { ...known, dash: CONTROL_DASH, hollow: true } : { ...known, hollow: false };
  const i = Math.max(0, Math.floor(index));
  return {
    color: CYCLE_COLORS[i % CYCLE_COLORS.length] ?? O.black,
    marker: CYCLE_MARKERS[i % CYCLE_MARKERS.length] ?? 'circle',
    dash: CYCLE_DASHES[i % CYCLE_DASHES.length] ?? '',
    hollow: false,
  };
}

const isMethod = (id: string): id is PruneMethodId => Object.hasOwn(PRUNE_METHODS, id);

/** A series' name for people: "magnitude-global" → "Magnitude (global)", its control → "Magnitude (global) — random re-init". Tables keep the id in data attributes; exports keep ids. */
export function seriesLabel(series: string): string {
  const base = baseOf(series);
  const name = base === 'dense' ? 'Dense (unpruned)' : isMethod(base) ? PRUNE_METHODS[base].label : base;
  return isControl(series) ? `${name} — random re-init` : name;
}

export const pct = (x: number, digits = 1): string => `${(100 * x).toFixed(digits)}%`;

/** The dash of a series as SVG props (none for a solid line). */
export const dashProps = (style: SeriesStyle): { strokeDasharray?: string } => (style.dash ? { strokeDasharray: style.dash } : {});
