import type { DatasetSpec, SpecBase } from '../spec/sections';
import { streamSeed } from '../seeds';
import { BUILTIN_DATASETS, parseBuiltin } from './builtin';
import { keepFeatures, type Dataset } from './dataset';
import { makeSynthetic } from './synthetic';

/** Where dataset bytes come from: fetch in the browser, the file system in Node. */
export interface DatasetSources {
  /** Reads a built-in data file (e.g. "iris.csv") as text. */
  readBuiltinFile(file: string): Promise<string>;
  /** The user's uploaded dataset, for specs whose dataset kind is "csv". */
  uploaded?: Dataset;
}

/**
 * Built-in datasets parsed, by name, with the text they were parsed from: a page's runs parse each
 * file once (parsing breast cancer was ~10 ms of the main thread at every run's start), and give the
 * pool the same object, which its hosts already hold. Datasets are never modified in place.
 */
const parsedBuiltins = new Map<string, { text: string; ds: Dataset }>();

export async function resolveDataset(spec: DatasetSpec, seed: number, sources: DatasetSources): Promise<Dataset> {
  switch (spec.kind) {
    case 'builtin': {
      const text = await sources.readBuiltinFile(BUILTIN_DATASETS[spec.name].file);
      const known = parsedBuiltins.get(spec.name);
      if (known?.text === text) return known.ds;
      const ds = parseBuiltin(spec.name, text);
      parsedBuiltins.set(spec.name, { text, ds });
      return ds;
    }
    case 'synthetic':
      return makeSynthetic(spec.name, { samples: spec.samples, noise: spec.noise, seed: streamSeed(seed, 'data') });
    case 'csv':
      if (!sources.uploaded) throw new Error(`This experiment uses the uploaded file "${spec.name}"; upload it again to run it.`);
      return spec.sequenceSteps ? asSequences(sources.uploaded, spec.sequenceSteps) : sources.uploaded;
  }
}

/** The rows an experiment trains on: its dataset, restricted to the kept features. */
export async function loadExperimentData(spec: Pick<SpecBase, 'dataset' | 'seed' | 'preprocessing'>, sources: DatasetSources): Promise<Dataset> {
  return keepFeatures(await resolveDataset(spec.dataset, spec.seed, sources), spec.preprocessing.keepFeatures);
}

/** A CSV's rows read as `steps` steps of equal width (imageShape steps × width × 1), or a message saying why they cannot be. */
export function asSequences(ds: Dataset, steps: number): Dataset {
  if (ds.nFeatures % steps !== 0) {
    throw new Error(`The CSV has ${ds.nFeatures} feature columns, which do not split into ${steps} steps of equal width: choose a number of steps that divides ${ds.nFeatures}.`);
  }
  return { ...ds, imageShape: [steps, ds.nFeatures / steps, 1] };
}
