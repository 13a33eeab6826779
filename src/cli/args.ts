import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { basename } from 'node:path';
import { CsvError, tableToDataset } from '../core/data/csv';
import { parseCsvChunked } from '../core/data/csvHost';
import type { Dataset } from '../core/data/dataset';
import { parseArgs } from 'node:util';
import type { RunKindId } from '../core/kinds/registry';
import { datasetByName, defaultSpecFor, withDataset, withLearningTask, withTask } from '../core/spec/edit';
import { parseSpecText } from '../core/spec/parse';
import { parseAssignment, PathError, setPath } from '../core/spec/paths';
import { hiddenOf } from '../core/spec/sections';
import { defaultAutoencoder, defaultCnn, defaultDenseLayer, defaultRnn, defaultTask, LEARNING_TASKS, type ExperimentSpec, type ImportedModelSpec, type LearningTaskId } from '../core/spec/schema';
import type { SearchTask } from '../core/kinds/search';
import type { SearchParam } from '../core/search/candidates';
import { parseRange, parseValues } from '../core/search/params';
import { UsageError } from './errors';
import { selectNodeBackend } from './backend';
import { readModelFiles } from './model';
import { importedSpecOf } from '../core/engine/imported/net';
import { modelFilesSha256 } from '../core/imported/modelJson';
import type { ModelInput } from '../core/run/protocol';

export const RUN_OPTIONS = {
  dataset: { type: 'string' },
  data: { type: 'string' },
  target: { type: 'string' },
  model: { type: 'string' },
  task: { type: 'string' },
  folds: { type: 'string' },
  epochs: { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
  jobs: { type: 'string' },
  set: { type: 'string', multiple: true },
  out: { type: 'string' },
  shard: { type: 'string' },
  grid: { type: 'string', multiple: true },
  random: { type: 'string' },
  range: { type: 'string', multiple: true },
  halving: { type: 'boolean' },
  nested: { type: 'boolean' },
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

type SearchFlags = { grid?: string[] | undefined; range?: string[] | undefined; random?: string | undefined; halving?: boolean | undefined; nested?: boolean | undefined };

/** --grid / --random / --range / --halving / --nested make the run a hyper-parameter search. */
function searchTask(spec: ExperimentSpec, v: SearchFlags): ExperimentSpec {
  const grid = v.grid ?? [];
  const ranges = v.range ?? [];
  if (!grid.length && !ranges.length && v.random === undefined && !v.halving && !v.nested) return spec;
  const split = (flag: string, text: string): [string, string] => {
    const eq = text.indexOf('=');
    if (eq <= 0) throw new UsageError(`--${flag} expects PATH=${flag === 'grid' ? 'V1,V2,…' : 'LO:HI[:log]'}, got "${text}".`);
    return [text.slice(0, eq), text.slice(eq + 1)];
  };
  try {
    const params: SearchParam[] = [
      ...grid.map((g) => {
        const [path, values] = split('grid', g);
        return { path, values: parseValues(values) };
      }),
      ...ranges.map((r) => {
        const [path, range] = split('range', r);
        return { path, range: parseRange(range) };
      }),
    ];
    const current = spec.task.kind === 'search' ? spec.task : (defaultTask('search') as SearchTask);
    const random = v.random === undefined ? undefined : intFlag('random', v.random);
    const method = v.halving ? 'halving' : random !== undefined || ranges.length ? 'random' : grid.length ? 'grid' : current.method;
    return { ...spec, task: { ...current, method, ...(params.length ? { params } : {}), ...(random !== undefined ? { candidates: random } : {}), nested: { ...current.nested, enabled: v.nested ?? current.nested.enabled } } };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

/** The spec a run uses: the file (or the app's default for --dataset), then the flags, then --set, in that order. */
/** --model: the model kinds by name, each from its preset (rnn is a SimpleRNN; lstm and gru name their cell). */
export function modelFlag(name: string, from: ExperimentSpec['model']): ExperimentSpec['model'] {
  switch (name) {
    case 'mlp':
      return { kind: 'mlp', hidden: hiddenOf(from).length ? hiddenOf(from) : [defaultDenseLayer()], l1: from.l1, l2: from.l2 };
    case 'cnn':
      return defaultCnn(from);
    case 'rnn':
      return defaultRnn(from, 'simple');
    case 'lstm':
    case 'gru':
      return defaultRnn(from, name);
    case 'autoencoder':
      return defaultAutoencoder();
    default:
      throw new UsageError(`--model expects mlp, cnn, rnn, lstm, gru, autoencoder or the path of a TF.js model.json, got "${name}".`);
  }
}

/**
 * --data FILE.csv [--target COLUMN]: the app's CSV upload in Node, with its messages. The target is
 * the last column unless named; a spec that names a CSV by SHA-256 accepts only that exact file.
 */
export async function csvFlag(path: string, target: string | undefined, spec: ExperimentSpec): Promise<{ dataset: Extract<ExperimentSpec['dataset'], { kind: 'csv' }>; uploaded: Dataset }> {
  const name = basename(path);
  let bytes: Buffer;
  try {
    bytes = await readFile(path);
  } catch {
    throw new UsageError(`--data: cannot read ${path}.`);
  }
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const named = spec.dataset.kind === 'csv' ? spec.dataset : undefined;
  if (named?.sha256 && named.sha256 !== sha256) throw new UsageError(`Could not use "${name}": its SHA-256 (${sha256.slice(0, 12)}…) differs from the one the spec names (${named.sha256.slice(0, 12)}…): it is not the file "${named.name}" the experiment was run on.`);
  try {
    const table = parseCsvChunked(bytes.toString('utf8'));
    const column = target ?? named?.targetColumn ?? table.columns[table.columns.length - 1] ?? '';
    if (!table.columns.includes(column)) throw new CsvError(`there is no column "${column}"; the columns are ${table.columns.join(', ')}.`);
    const uploaded = tableToDataset(table, column, name);
    const dataset = { kind: 'csv' as const, name, targetColumn: column, rows: uploaded.nRows, sha256, ...(named?.sequenceSteps ? { sequenceSteps: named.sequenceSteps } : {}) };
    return { dataset, uploaded };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`Could not use "${name}": ${e instanceof Error ? e.message : String(e)}`);
  }
}

/**
 * --model PATH/model.json: the user's own TF.js LayersModel, trained and pruned with the data. Its
 * files are read from model.json's folder; a spec that names a model by SHA-256 accepts only those files.
 */
async function importedFlag(path: string, spec: ExperimentSpec): Promise<{ spec: ImportedModelSpec; input: ModelInput }> {
  try {
    const files = await readModelFiles(path);
    const sha256 = await modelFilesSha256(files);
    const named = spec.model.kind === 'imported' ? spec.model : undefined;
    if (named && named.sha256 !== sha256) throw new UsageError(`The model files at ${path} are not "${named.name}" the spec was run with: their SHA-256 (${sha256.slice(0, 12)}…) differs (${named.sha256.slice(0, 12)}…).`);
    await selectNodeBackend(spec.backend === 'auto' ? 'auto' : spec.backend);
    const imported = named ?? (await importedSpecOf(files, sha256, { l1: spec.model.l1, l2: spec.model.l2 }));
    return { spec: imported, input: { sha256, files } };
  } catch (e) {
    if (e instanceof UsageError) throw e;
    throw new UsageError(`--model ${path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export async function specFromFlags(
  file: string | undefined,
  v: Partial<Record<'dataset' | 'data' | 'target' | 'model' | 'task' | 'folds' | 'epochs' | 'seed' | 'backend', string>> & { set?: string[] | undefined } & SearchFlags,
): Promise<{ spec: ExperimentSpec; notes: string[]; uploaded?: Dataset; model?: ModelInput }> {
  const base = file ? await readSpecFile(file) : { spec: defaultSpecFor(), notes: [] };
  let spec = base.spec;
  let uploaded: Dataset | undefined;
  if (v.dataset !== undefined && v.data !== undefined) throw new UsageError('Give either --dataset (a built-in or synthetic set) or --data (a CSV file), not both.');
  if (v.target !== undefined && v.data === undefined) throw new UsageError('--target names a column of the CSV given with --data.');
  try {
    if (v.dataset !== undefined) spec = withDataset(spec, datasetByName(v.dataset));
  } catch (e) {
    throw new UsageError(`--dataset: ${e instanceof Error ? e.message : String(e)}`);
  }
  if (v.data !== undefined) {
    const csv = await csvFlag(v.data, v.target, spec);
    spec = withDataset(spec, csv.dataset, csv.dataset.sequenceSteps !== undefined);
    uploaded = csv.uploaded;
  }
  // --model autoencoder means reconstruction unless --task says otherwise; the task's adaptations come before the model.
  const task = v.task ?? (v.model === 'autoencoder' ? 'reconstruction' : undefined);
  if (task !== undefined) {
    if (!(LEARNING_TASKS as readonly string[]).includes(task)) throw new UsageError(`--task expects ${LEARNING_TASKS.join(', ')}, got "${task}".`);
    spec = withLearningTask(spec, task as LearningTaskId);
  }
  let model: ModelInput | undefined;
  if (v.model !== undefined && v.model.toLowerCase().endsWith('.json')) {
    const imported = await importedFlag(v.model, spec);
    spec = { ...spec, model: imported.spec };
    model = imported.input;
  } else if (v.model !== undefined) spec = { ...spec, model: modelFlag(v.model, spec.model) };
  else if (spec.model.kind === 'imported') throw new UsageError(`This spec uses the model "${spec.model.name}": give its files with --model PATH/model.json.`);
  if (v.folds !== undefined) spec = { ...spec, cv: { ...spec.cv, folds: intFlag('folds', v.folds) } };
  if (v.epochs !== undefined) spec = { ...spec, training: { ...spec.training, epochs: intFlag('epochs', v.epochs) } };
  if (v.seed !== undefined) spec = { ...spec, seed: intFlag('seed', v.seed) };
  if (v.backend !== undefined) {
    if (!['cpu', 'wasm', 'auto'].includes(v.backend)) throw new UsageError(`--backend expects cpu, wasm or auto (the GPU backends run in the browser), got "${v.backend}".`);
    spec = { ...spec, backend: v.backend as ExperimentSpec['backend'] };
  }
  return { spec: applySets(searchTask(spec, v), v.set ?? []), notes: base.notes, ...(uploaded ? { uploaded } : {}), ...(model ? { model } : {}) };
}
