import * as tf from '@tensorflow/tfjs-core';
// tfjs-core registers its ops' gradients only when asked; training needs them.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { registerWasmConv2dFilterGrad } from '../src/core/engine/backend/wasmConvFilterGrad';
import type { BackendHint, BackendInfo } from '../src/core/run/protocol';
import type { BackendChoice, BackendName } from '../src/core/spec/sections';

/** Each backend is loaded only when it is about to be tried (the GPU ones are large), so a worker starts with TF.js core alone. */
const LOAD: Record<BackendName, () => Promise<unknown>> = {
  webgpu: () => import('@tensorflow/tfjs-backend-webgpu'),
  webgl: () => import('@tensorflow/tfjs-backend-webgl'),
  wasm: async () => {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    // The threaded WASM build spawns pthread workers from inline scripts that break once bundled;
    // PruneLab parallelises across jobs with its own worker pool instead, one thread each.
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
    wasm.setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
    });
  },
  cpu: () => import('@tensorflow/tfjs-backend-cpu'),
};

/** Below this many multiply-adds per step, per-kernel overhead dominates and WASM beats a GPU (measured: ~10 µs/op vs 130–270 µs). */
export const GPU_WORTHWHILE_MACS = 50_000_000;

interface GpuProbe {
  hardware: boolean;
  description: string;
}

async function probeWebGpu(): Promise<GpuProbe | null> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return null;
  try {
    const adapter = (await gpu.requestAdapter()) as { isFallbackAdapter?: boolean; info?: { vendor?: string; architecture?: string } } | null;
    if (!adapter) return null;
    const name = [adapter.info?.vendor, adapter.info?.architecture].filter(Boolean).join(' ') || 'unknown adapter';
    return adapter.isFallbackAdapter ? { hardware: false, description: `software adapter (${name})` } : { hardware: true, description: name };
  } catch {
    return null;
  }
}

async function trySet(name: BackendName): Promise<boolean> {
  try {
    if (tf.engine().backendName === name) return true;
    await LOAD[name]();
    const ok = await tf.setBackend(name);
    await tf.ready();
    if (name === 'wasm') registerWasmConv2dFilterGrad();
    return ok && tf.getBackend() === name;
  } catch {
    return false;
  }
}

/**
 * Auto never picks a software WebGPU adapter; it takes a hardware GPU only when a training
 * step has enough work to amortise per-kernel overhead, and otherwise WASM, then CPU.
 */
export async function selectBackend(choice: BackendChoice, hint: BackendHint): Promise<BackendInfo> {
  if (choice !== 'auto') {
    if (await trySet(choice)) return { name: choice, requested: choice, reason: `${choice} chosen by the user` };
    throw new Error(`The ${choice} backend is not available in this browser. Choose another backend or Auto.`);
  }
  const gpu = await probeWebGpu();
  const big = hint.macsPerStep >= GPU_WORTHWHILE_MACS;
  const mmacs = (hint.macsPerStep / 1e6).toFixed(1);
  if (gpu?.hardware && big && (await trySet('webgpu'))) {
    return { name: 'webgpu', requested: 'auto', reason: `Auto: hardware WebGPU (${gpu.description}) and a large model (${mmacs} M multiply-adds per step)` };
  }
  const gpuNote = gpu ? (gpu.hardware ? `the model is small (${mmacs} M multiply-adds per step), so GPU launch overhead would dominate` : `WebGPU is only a ${gpu.description}`) : 'no WebGPU adapter';
  if (await trySet('wasm')) return { name: 'wasm', requested: 'auto', reason: `Auto: WASM, fastest on the CPU — ${gpuNote}` };
  if (await trySet('cpu')) return { name: 'cpu', requested: 'auto', reason: `Auto: plain-JS CPU (WASM unavailable) — ${gpuNote}` };
  throw new Error('No TensorFlow.js backend could be initialised.');
}
