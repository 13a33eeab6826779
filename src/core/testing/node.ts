import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { parseBuiltin, type BuiltinName } from '../data/builtin';
import type { DatasetSources } from '../data/resolve';
import { registerWasmConv2dFilterGrad } from '../backend/wasmConvFilterGrad';

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

let wasmReady: Promise<void> | null = null;

/** Selects a tfjs backend in Node: 'cpu' (plain JS) or 'wasm' (XNNPACK, ~2-5× faster here). */
export async function useBackend(name: 'cpu' | 'wasm'): Promise<void> {
  if (name === 'wasm') {
    wasmReady ??= (async () => {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      wasm.setWasmPaths(`${root}node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
    })();
    await wasmReady;
  }
  await tf.setBackend(name);
  await tf.ready();
  if (name === 'wasm') registerWasmConv2dFilterGrad();
}
