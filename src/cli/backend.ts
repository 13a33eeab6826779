import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
// In Node, tfjs-layers' bundle is what registers the ops' gradients (tfjs-core's own module for it is browser ESM only).
import '@tensorflow/tfjs-layers';

// PROD only silences TF.js's console notes (the "install tfjs-node" banner on stderr); no numerics change.
tf.env().set('PROD', true);
import { setFlagsFromString } from 'node:v8';
import { registerWasmConv2dFilterGrad } from '../core/engine/backend/wasmConvFilterGrad';
import { hasRelaxedSimd, withKernels } from '../core/engine/train/heapKernels';
import type { BackendHint, BackendInfo } from '../core/run/protocol';
import type { BackendChoice } from '../core/spec/sections';

// Relaxed SIMD (the fused step's kernels multiply-add in one instruction with it: `heapKernels.ts`)
// ships in Node 22's V8 and in Chromium; Node 20's V8 has it behind a flag, set here, before any
// kernel is compiled, so Node and the browser run the same kernels.
if (!hasRelaxedSimd()) setFlagsFromString('--experimental-wasm-relaxed-simd');

export const NODE_BACKENDS = ['wasm', 'cpu'] as const;
export type NodeBackend = (typeof NODE_BACKENDS)[number];

// Resolved as a package (not a path from this file), so the CLI's prebuilt worker bundle finds it too.
const wasmDir = `${dirname(createRequire(import.meta.url).resolve('@tensorflow/tfjs-backend-wasm'))}/`;
let wasmLoaded: Promise<void> | null = null;

/** Selects a TF.js backend in Node: 'cpu' (plain JS) or 'wasm' (XNNPACK, 2–5× faster here). */
export async function useNodeBackend(name: NodeBackend): Promise<void> {
  if (name === 'wasm') {
    wasmLoaded ??= (async () => {
      const wasm = await import('@tensorflow/tfjs-backend-wasm');
      // One thread per worker, as in the browser (the pool parallelises across jobs): same kernels, same numbers.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      wasm.setWasmPaths(wasmDir);
    })();
    await wasmLoaded;
  }
  if (!(await tf.setBackend(name))) throw new Error(`The ${name} backend could not be initialised in Node.`);
  await tf.ready();
  if (name === 'wasm') registerWasmConv2dFilterGrad();
}

/** Backend selection in Node: cpu or wasm as asked; Auto takes wasm (the fastest here), else cpu. GPU backends exist only in the browser. */
export async function selectNodeBackend(choice: BackendChoice, _hint?: BackendHint): Promise<BackendInfo> {
  return withKernels(await selectNode(choice));
}

async function selectNode(choice: BackendChoice): Promise<BackendInfo> {
  if (choice === 'webgpu' || choice === 'webgl') throw new Error(`The ${choice} backend runs only in the browser; in Node choose cpu, wasm or auto.`);
  if (choice !== 'auto') {
    await useNodeBackend(choice);
    return { name: choice, requested: choice, reason: `${choice} chosen by the user` };
  }
  try {
    await useNodeBackend('wasm');
    return { name: 'wasm', requested: 'auto', reason: 'Auto: WASM, the fastest backend in Node' };
  } catch {
    await useNodeBackend('cpu');
    return { name: 'cpu', requested: 'auto', reason: 'Auto: plain-JS CPU (WASM unavailable)' };
  }
}
