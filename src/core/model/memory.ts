import { byteText, countText } from '../format';
import { countParams, type LayerDesc } from './describe';

/**
 * What a run needs in one worker, estimated from the spec before anything is allocated, so a model
 * or dataset that cannot fit is refused up front with the limit stated (rather than a tab that dies).
 * Per parameter: weights, gradients, two optimizer moments (Adam), a mask and two JS copies the
 * sweeps keep (trained and rewind weights) — 7 × 4 bytes. Per batch: each layer's outputs, kept
 * for the backward pass, and their gradients (2 × 4 bytes per value); the data: the fold's rows as
 * float32 plus the dataset as float64.
 */
export const MAX_WORKER_BYTES = 2 * 1024 ** 3;

const BYTES_PER_PARAM = 7 * 4;

export interface MemoryEstimate {
  bytes: number;
  params: number;
  activations: number;
  dataBytes: number;
}

export function estimateMemory(layers: readonly LayerDesc[], batchSize: number, data: { nRows: number; nFeatures: number }): MemoryEstimate {
  const params = countParams(layers);
  const activations = batchSize * layers.reduce((s, l) => s + Math.max(1, l.units) * l.positions, data.nFeatures);
  const dataBytes = data.nRows * data.nFeatures * (4 + 8);
  return { bytes: params * BYTES_PER_PARAM + activations * 2 * 4 + dataBytes, params, activations, dataBytes };
}

/** Throws, saying the estimate, the limit and what to change, when a run would not fit in a worker. */
export function checkMemory(layers: readonly LayerDesc[], batchSize: number, data: { nRows: number; nFeatures: number }, limit = MAX_WORKER_BYTES): MemoryEstimate {
  const m = estimateMemory(layers, batchSize, data);
  if (m.bytes > limit) {
    throw new Error(
      `This run needs about ${byteText(m.bytes)} in each worker (${countText(m.params)} parameters with their gradients, optimizer state and masks; a batch's activations; the data) and a worker in this tab holds at most ${byteText(limit)}. Use fewer or narrower layers, a smaller batch, or fewer rows.`,
    );
  }
  return m;
}
