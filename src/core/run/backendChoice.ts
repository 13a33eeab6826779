import type { BackendName } from '../spec/sections';

/**
 * Auto's backend decision, tensor-free (the worker measures, this decides and explains).
 * Order of preference for a large model: a hardware GPU (WebGPU, else WebGL on a real renderer,
 * never SwiftShader or another software rasteriser), else WASM, else CPU; and where a GPU is
 * present, a one-step trial of each candidate decides, measured, not assumed.
 */

/** Below this many multiply-adds per step, per-kernel overhead dominates and WASM beats a GPU (measured: ~10 µs/op vs 130–270 µs); no trial is run. */
export const GPU_WORTHWHILE_MACS = 50_000_000;

/** Renderers that are software rasterisers: WebGL on them is slower than WASM (measured 42–84× slower than scikit-learn here). */
const SOFTWARE_RENDERERS = /swiftshader|llvmpipe|softpipe|software|basic render|mesa offscreen/i;

export function isSoftwareRenderer(renderer: string): boolean {
  return SOFTWARE_RENDERERS.test(renderer);
}

/** What a worker found of each GPU backend before deciding. */
export interface GpuSurvey {
  webgpu: { hardware: boolean; description: string } | null;
  webgl: { hardware: boolean; description: string } | null;
}

/** The GPU backends worth a trial: hardware ones only. */
export function gpuCandidates(s: GpuSurvey): BackendName[] {
  return [...(s.webgpu?.hardware ? (['webgpu'] as const) : []), ...(s.webgl?.hardware ? (['webgl'] as const) : [])];
}

/** A sentence on the GPUs found, for the reason Auto gives. */
export function describeGpus(s: GpuSurvey): string {
  const gpu = s.webgpu ? `WebGPU: ${s.webgpu.hardware ? '' : 'only '}${s.webgpu.description}` : 'no WebGPU adapter';
  const gl = s.webgl ? `WebGL: ${s.webgl.hardware ? '' : 'software renderer '}${s.webgl.description}` : 'no WebGL';
  return `${gpu}; ${gl}`;
}

export interface Trial {
  name: BackendName;
  /** Median milliseconds of the trial step, or null when the backend failed to run it. */
  ms: number | null;
}

const LABEL: Record<BackendName, string> = { webgpu: 'WebGPU', webgl: 'WebGL', wasm: 'WASM', cpu: 'CPU' };

/** The fastest backend that ran the trial, and the measurements as the UI shows them. */
export function chooseByTrial(trials: readonly Trial[], mmacs: string): { name: BackendName; reason: string } | null {
  const ran = trials.filter((t): t is Trial & { ms: number } => t.ms !== null && Number.isFinite(t.ms));
  const best = ran.reduce<(Trial & { ms: number }) | null>((b, t) => (b === null || t.ms < b.ms ? t : b), null);
  if (!best) return null;
  const measured = trials.map((t) => `${LABEL[t.name]} ${t.ms === null ? 'failed' : `${t.ms.toFixed(1)} ms`}`).join(', ');
  return { name: best.name, reason: `Auto: ${LABEL[best.name]}, fastest in a one-step trial of this model's size (${mmacs} M multiply-adds): ${measured}` };
}
