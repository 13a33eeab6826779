import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Dataset } from '../core/data/dataset';
import { loadExperimentData, type DatasetSources } from '../core/data/resolve';
import type { ExperimentSpec } from '../core/spec/schema';
import { UsageError } from './errors';

const datasets = fileURLToPath(new URL('../../public/datasets/', import.meta.url));

/** The built-in data files, read from public/datasets (exactly what the app ships). */
export const nodeSources: DatasetSources = {
  readBuiltinFile: (file) => readFile(`${datasets}${file}`, 'utf8'),
};

/** The rows a spec trains on, in Node: a built-in or synthetic set, or the CSV given with --data. */
export async function loadSpecData(spec: ExperimentSpec, uploaded?: Dataset): Promise<Dataset> {
  if (spec.dataset.kind === 'csv' && !uploaded) throw new UsageError(`This spec uses the CSV file "${spec.dataset.name}": give it with --data PATH (the same file: its SHA-256 is checked).`);
  try {
    return await loadExperimentData(spec, uploaded ? { ...nodeSources, uploaded } : nodeSources);
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}
