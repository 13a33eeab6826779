import * as tf from '@tensorflow/tfjs-core';
// tfjs-core registers its ops' gradients only when asked; training needs them.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { registerWasmConv2dFilterGrad } from '../src/core/engine/backend/wasmConvFilterGrad';
import { withKernels } from '../src/core/engine/train/heapKernels';
import { chooseByTrial, describeGpus, GPU_WORTHWHILE_MACS, gpuCandidates, isSoftwareRenderer, type GpuSurvey, type Trial } from '../src/core/run/backendChoice';
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


type GpuProbe = NonNullable<GpuSurvey['webgpu']>;

async function probeWebGpu(): Promise<GpuProbe | null> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return null;
  try {
    const adapter = (await gpu.requestAdapter()) as { isFallbackAdapter?: boolean; info?: { vendor?: string; architecture?: string } } | null;
    if (!adapter) return null;
    const name = [adapter.info?.vendor, adapter.info?.architecture].filter(Boolean).join(' ') || 'unknown adapter';
    // Chromium's SwiftShader WebGPU adapter does not call itself a fallback adapter; its name gives it away.
    return adapter.isFallbackAdapter || isSoftwareRenderer(name) ? { hardware: false, description: `software adapter (${name})` } : { hardware: true, description: name };
  } catch {
    return null;
  }
}

/** The WebGL2 renderer as the page would see it (unmasked where the browser allows), and whether it is a real GPU. */
function probeWebGl(): GpuProbe | null {
  try {
    if (typeof OffscreenCanvas === 'undefined') return null;
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2');
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? 'unknown renderer');
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return { hardware: !isSoftwareRenderer(renderer), description: renderer };
  } catch {
    return null;
  }
}

/**
 * One training-step-sized trial on the active backend: a dense forward product with ReLU and its
 * weight gradient (a transposed product), `macs` multiply-adds each, read back; the median of 3
 * after 2 warm-up runs (shader compilation, pipeline set-up). Milliseconds, or null if it failed.
 */
async function trialStep(macs: number): Promise<number | null> {
  const rows = 256;
  const width = Math.max(16, Math.round(Math.sqrt(macs / rows)));
  const x = tf.randomUniform([rows, width], -1, 1, 'float32', 1);
  const w = tf.randomUniform([width, width], -1, 1, 'float32', 2);
  try {
    const times: number[] = [];
    for (let r = 0; r < 5; r++) {
      const t0 = performance.now();
      const out = tf.tidy(() => tf.matMul(x, tf.relu(tf.matMul(x, w)), true, false));
      try {
        await out.data();
      } finally {
        out.dispose();
      }
      if (r >= 2) times.push(performance.now() - t0);
    }
    return [...times].sort((a, b) => a - b)[1] ?? null;
  } catch {
    return null;
  } finally {
    x.dispose();
    w.dispose();
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
 * Auto never picks a software GPU (a WebGPU fallback adapter, WebGL on SwiftShader). For a
 * training step with enough work to amortise per-kernel overhead it runs a one-step trial on each
 * hardware GPU backend and on WASM and keeps the fastest, saying what it measured; for a small
 * step, or with no hardware GPU, WASM, then CPU. The pool decides once (on its first worker) and
 * starts the others on the same backend, so every fold runs the same kernels.
 */
export function selectBackend(choice: BackendChoice, hint: BackendHint): Promise<BackendInfo> {
  // One at a time: a run's init can arrive while a warm-up's is still loading a backend (two at once took ~8 s).
  const next = selecting.then(async () => withKernels(await select(choice, hint)));
  selecting = next.catch(() => undefined);
  return next;
}

let selecting: Promise<unknown> = Promise.resolve();
/** What this worker found of the GPUs: probed once (a WebGL context on SwiftShader is slow to make). */
let surveyed: Promise<GpuSurvey> | null = null;

async function select(choice: BackendChoice, hint: BackendHint): Promise<BackendInfo> {
  if (choice !== 'auto') {
    if (await trySet(choice)) return { name: choice, requested: choice, reason: `${choice} chosen by the user` };
    throw new Error(`The ${choice} backend is not available in this browser. Choose another backend or Auto.`);
  }
  surveyed ??= (async () => ({ webgpu: await probeWebGpu(), webgl: probeWebGl() }))();
  const survey = await surveyed;
  const candidates = gpuCandidates(survey);
  const big = hint.macsPerStep >= GPU_WORTHWHILE_MACS;
  const mmacs = (hint.macsPerStep / 1e6).toFixed(1);
  if (big && candidates.length > 0) {
    const trials: Trial[] = [];
    for (const name of [...candidates, 'wasm'] as const) trials.push({ name, ms: (await trySet(name)) ? await trialStep(hint.macsPerStep) : null });
    const chosen = chooseByTrial(trials, mmacs);
    if (chosen && (await trySet(chosen.name))) return { name: chosen.name, requested: 'auto', reason: `${chosen.reason} (${describeGpus(survey)})` };
  }
  const why = candidates.length === 0 ? `no hardware GPU (${describeGpus(survey)})` : `the model is small (${mmacs} M multiply-adds per step), so GPU launch overhead would dominate`;
  if (await trySet('wasm')) return { name: 'wasm', requested: 'auto', reason: `Auto: WASM, fastest on the CPU — ${why}` };
  if (await trySet('cpu')) return { name: 'cpu', requested: 'auto', reason: `Auto: plain-JS CPU (WASM unavailable) — ${why}` };
  throw new Error('No TensorFlow.js backend could be initialised.');
}
