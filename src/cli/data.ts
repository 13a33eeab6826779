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

/** The rows a spec trains on, in Node. */
export async function loadSpecData(spec: ExperimentSpec): Promise<Dataset> {
  if (spec.dataset.kind === 'csv') throw new UsageError(`This spec uses the uploaded file "${spec.dataset.name}"; the CLI runs built-in and synthetic datasets (--dataset NAME).`);
  return loadExperimentData(spec, nodeSources);
}
