// The bench's browser worker: the app's backend selection (WASM), the built-in CSVs from public/,
// then the same per-epoch measurement as Node.
import * as tf from '@tensorflow/tfjs-core';
import { selectBackend } from '../../../workers/backend';
import { parseBuiltin } from '../../core/data/builtin';
import { WasmHeap } from '../../core/engine/train/wasmHeap';
import { epochMs, NETS, specFor, wide } from '../epoch';
import type { BrowserRunRow } from '../runs';

export interface BrowserBenchResult {
  backend: string;
  /** Whether the fused step's own SIMD kernels built over the backend's memory here (else it uses XNNPACK's product). */
  kernels?: boolean;
  rows: { id: string; ms: number }[];
  /** Whole runs on the app's worker pool (filled by the page after the per-epoch rows). */
  runs?: BrowserRunRow[];
  error?: string;
}

self.onmessage = async (e: MessageEvent<{ epochs: number }>) => {
  try {
    await selectBackend('wasm', { macsPerStep: 0 });
    const heap = WasmHeap.open();
    const kernels = heap?.kernels() != null;
    heap?.dispose();
    const rows: BrowserBenchResult['rows'] = [];
    for (const n of NETS) {
      const ds = n.builtin ? parseBuiltin(n.builtin.name, await (await fetch(`/datasets/${n.builtin.file}`)).text()) : wide();
      rows.push({ id: n.id, ms: await epochMs(specFor(n.hidden), ds, e.data.epochs) });
    }
    self.postMessage({ backend: tf.getBackend(), kernels, rows } satisfies BrowserBenchResult);
  } catch (err) {
    self.postMessage({ backend: tf.getBackend() ?? '', rows: [], error: String(err) } satisfies BrowserBenchResult);
  }
};
