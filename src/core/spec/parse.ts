import { experimentSpecSchema, formatIssues, specError, SPEC_VERSION, type ExperimentSpec } from './schema';
import { migrateV1, v1SpecSchema } from './v1';

export type SpecResult =
  | { ok: true; spec: ExperimentSpec; /** Set when an older version was read and migrated. */ migratedFrom?: number; notes?: string[] }
  | { ok: false; error: string };

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Validates untrusted input (a file, a link, a CLI argument, a saved run) and says exactly what is
 * wrong. Older versions are validated against their own schema, then migrated; a newer version
 * is refused by name. The one path every spec enters PruneLab through.
 */
export function parseSpec(input: unknown): SpecResult {
  if (!isObject(input)) return { ok: false, error: specError(`spec: expected an object, got ${input === null ? 'null' : Array.isArray(input) ? 'an array' : typeof input}`) };
  const version = input.version;
  if (version === 1) {
    const old = v1SpecSchema.safeParse(input);
    if (!old.success) return { ok: false, error: specError(`(version 1) ${formatIssues(old.error.issues)}`) };
    const { spec, notes } = migrateV1(old.data);
    const checked = experimentSpecSchema.safeParse(spec);
    if (!checked.success) return { ok: false, error: specError(`migrating version 1: ${formatIssues(checked.error.issues)}`) };
    return { ok: true, spec: checked.data as ExperimentSpec, migratedFrom: 1, notes };
  }
  if (typeof version === 'number' && Number.isInteger(version) && version > SPEC_VERSION) {
    return { ok: false, error: specError(`version: this spec is version ${version}, written by a newer PruneLab; this one reads versions 1 to ${SPEC_VERSION}`) };
  }
  const r = experimentSpecSchema.safeParse(input);
  if (r.success) return { ok: true, spec: r.data as ExperimentSpec };
  return { ok: false, error: specError(formatIssues(r.error.issues)) };
}

/** Parses JSON text as a spec; a JSON syntax error is reported as such. */
export function parseSpecText(text: string): SpecResult {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, error: `Not a JSON file: ${e instanceof Error ? e.message : String(e)}` };
  }
  return parseSpec(json);
}
