// The bench's browser worker: the app's backend selection (WASM), the built-in CSVs from public/,
// then the same per-epoch measurement as Node.
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../../workers/backend';
import { parseBuiltin } from '../../core/data/builtin';
import { WasmHeap } from '../../core/engine/train/wasmHeap';
import { kernelFlavour, type KernelFlavour } from '../../core/engine/train/heapKernels';
import type { Dataset } from '../../core/data/dataset';
import { epochMs, median, NETS, specFor, wide } from '../epoch';
import type { BrowserRunRow } from '../runs';

const ROUNDS = 3;

export interface BrowserBenchResult {
  backend: string;
  /** The flavour the fused step's own SIMD kernels built in over the backend's memory here, or null (then it uses XNNPACK's product). */
  kernels?: KernelFlavour | null;
  rows: { id: string; ms: number }[];
  /** Whole runs on the app's worker pool (filled by the page after the per-epoch rows). */
  runs?: BrowserRunRow[];
  error?: string;
}

self.onmessage = async (e: MessageEvent<{ epochs: number }>) => {
  try {
    await selectBackend('wasm', { macsPerStep: 0 });
    const heap = WasmHeap.open();
    const kernels = heap?.kernels() != null ? kernelFlavour() : null;
    heap?.dispose();
    const sets = await Promise.all(NETS.map(async (n) => (n.builtin ? parseBuiltin(n.builtin.name, await (await fetch(`/datasets/${n.builtin.file}`)).text()) : wide())));
    // ROUNDS rounds over the three nets, each net's figure the median of its rounds: a slow spell of
    // the machine (one measurement of the 784-wide net read 5.6 ms against 4.1–4.3 in other runs) falls on one round.
    const times: number[][] = NETS.map(() => []);
    for (let round = 0; round < ROUNDS; round++) for (const [i, n] of NETS.entries()) times[i]?.push(await epochMs(specFor(n.hidden), sets[i] as Dataset, e.data.epochs));
    const rows: BrowserBenchResult['rows'] = NETS.map((n, i) => ({ id: n.id, ms: median(times[i] ?? []) }));
    self.postMessage({ backend: tf.getBackend(), kernels, rows } satisfies BrowserBenchResult);
  } catch (err) {
    self.postMessage({ backend: tf.getBackend() ?? '', rows: [], error: String(err) } satisfies BrowserBenchResult);
  }
};
