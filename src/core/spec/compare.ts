import { baseOf, type ExperimentSpec } from './schema';

/** JSON with object keys sorted, so equal values give equal text whatever order their keys were written in. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * Whether two specs train the same models on the same data: everything but the run kind and
 * the backend agrees. Results of such specs can share a chart (a structural run beside the last
 * weight-pruning sweep); results of others cannot.
 */
export function sameSetup(a: ExperimentSpec, b: ExperimentSpec): boolean {
  const { backend: _a, ...ra } = baseOf(a);
  const { backend: _b, ...rb } = baseOf(b);
  return canonicalJson(ra) === canonicalJson(rb);
}
