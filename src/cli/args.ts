import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import type { RunKindId } from '../core/kinds/registry';
import { datasetByName, defaultSpecFor, withDataset, withTask } from '../core/spec/edit';
import { parseSpecText } from '../core/spec/parse';
import { parseAssignment, PathError, setPath } from '../core/spec/paths';
import type { ExperimentSpec } from '../core/spec/schema';
import { UsageError } from './errors';

export const RUN_OPTIONS = {
  dataset: { type: 'string' },
  folds: { type: 'string' },
  epochs: { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
  jobs: { type: 'string' },
  set: { type: 'string', multiple: true },
  out: { type: 'string' },
  shard: { type: 'string' },
  quiet: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

type Options = Record<string, { type: 'string' | 'boolean'; multiple?: boolean; short?: string }>;

/** node:util parseArgs with its errors turned into usage errors. */
export function parse<O extends Options>(args: string[], options: O) {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true });
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message.replace(/^TypeError \[[A-Z_]+\]: /, '') : String(e));
  }
}

/** A whole number from a flag, or a usage error naming the flag. */
export function intFlag(name: string, value: string): number {
  const n = Number(value);
  if (value.trim() === '' || !Number.isInteger(n)) throw new UsageError(`--${name} expects a whole number, got "${value}".`);
  return n;
}

/** Reads and validates a spec file (older versions migrated), with the app's messages. */
export async function readSpecFile(path: string): Promise<{ spec: ExperimentSpec; notes: string[] }> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new UsageError(`Cannot read the spec file "${path}": ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : e instanceof Error ? e.message : String(e)}.`);
  }
  const r = parseSpecText(text);
  if (!r.ok) throw new UsageError(`${path}: ${r.error}`);
  return { spec: r.spec, notes: r.notes ?? [] };
}

/**
 * Applies --set PATH=VALUE in order. Setting task.kind switches the run kind and starts from that
 * kind's defaults (so `--set task.kind=sweep` is a complete sweep); other paths set one field.
 */
export function applySets(spec: ExperimentSpec, sets: readonly string[]): ExperimentSpec {
  let out = spec;
  for (const s of sets) {
    try {
      const [path, value] = parseAssignment(s);
      out = path === 'task.kind' ? withTask(out, String(value) as RunKindId) : setPath(out, path, value);
    } catch (e) {
      if (e instanceof PathError || e instanceof Error) throw new UsageError(`--set ${s}: ${e.message}`);
      throw e;
    }
  }
  return out;
}

/** The spec a run uses: the file (or the app's default for --dataset), then the flags, then --set, in that order. */
export async function specFromFlags(file: string | undefined, v: Partial<Record<'dataset' | 'folds' | 'epochs' | 'seed' | 'backend', string>> & { set?: string[] | undefined }): Promise<{ spec: ExperimentSpec; notes: string[] }> {
  const base = file ? await readSpecFile(file) : { spec: defaultSpecFor(), notes: [] };
  let spec = base.spec;
  try {
    if (v.dataset !== undefined) spec = withDataset(spec, datasetByName(v.dataset));
  } catch (e) {
    throw new UsageError(`--dataset: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (v.folds !== undefined) spec = { ...spec, cv: { ...spec.cv, folds: intFlag('folds', v.folds) } };
  if (v.epochs !== undefined) spec = { ...spec, training: { ...spec.training, epochs: intFlag('epochs', v.epochs) } };
  if (v.seed !== undefined) spec = { ...spec, seed: intFlag('seed', v.seed) };
  if (v.backend !== undefined) {
    if (!['cpu', 'wasm', 'auto'].includes(v.backend)) throw new UsageError(`--backend expects cpu, wasm or auto (the GPU backends run in the browser), got "${v.backend}".`);
    spec = { ...spec, backend: v.backend as ExperimentSpec['backend'] };
  }
  return { spec: applySets(spec, v.set ?? []), notes: base.notes };
}
