import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { useNodeBackend } from '../../cli/backend';
import { parseBuiltin, type BuiltinName } from '../data/builtin';
import type { DatasetSources } from '../data/resolve';

const root = fileURLToPath(new URL('../../../', import.meta.url));

/** Built-in data files read from public/ (what the app ships). */
export const nodeSources: DatasetSources = {
  readBuiltinFile: (file) => Promise.resolve(readFileSync(`${root}public/datasets/${file}`, 'utf8')),
};

export function loadBuiltinSync(name: BuiltinName, file: string) {
  return parseBuiltin(name, readFileSync(`${root}public/datasets/${file}`, 'utf8'));
}

export const reference = JSON.parse(readFileSync(`${root}src/core/testdata/sklearn-shared.json`, 'utf8')) as {
  datasets: Record<string, Record<string, unknown>>;
};

/** Selects a tfjs backend in Node: 'cpu' (plain JS) or 'wasm' (XNNPACK, ~2-5× faster here). */
export const useBackend = useNodeBackend;
