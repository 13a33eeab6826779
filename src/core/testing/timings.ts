import { TIMING_KEYS } from '../run/results';

/** A deep copy without the measured-time fields (TIMING_KEYS): what must be identical between runs of one spec. */
export function withoutTimings(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutTimings);
  if (ArrayBuffer.isView(value)) return value;
  if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).filter(([k]) => !TIMING_KEYS.includes(k)).map(([k, v]) => [k, withoutTimings(v)]));
  return value;
}
