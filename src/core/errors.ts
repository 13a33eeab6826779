/** The loss became NaN or infinite: training cannot continue. */
export class DivergenceError extends Error {
  override name = 'DivergenceError';
  constructor(readonly epoch: number) {
    super(`Training diverged at epoch ${epoch}: the loss became NaN or infinite. Lower the learning rate, or standardise the features.`);
  }
}

/** The run was cancelled by the user. */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor() {
    super('The run was cancelled.');
  }
}

/** How backends say they ran out of memory (WASM, WebGL, WebGPU, V8). */
const OUT_OF_MEMORY = /out of memory|failed to allocate|allocation failed|cannot allocate|could not allocate|WebAssembly\.Memory|memory access out of bounds|Invalid array length|CONTEXT_LOST/i;

/**
 * A failure's message as the user should read it: an out-of-memory inside a backend gets what to
 * do about it; anything else is returned as it is.
 */
export function explainFailure(message: string): string {
  if (!OUT_OF_MEMORY.test(message)) return message;
  return `${message.replace(/\.?\s*$/, '.')} The backend ran out of memory: try a smaller batch, fewer or narrower layers, or another backend (Run options → Backend).`;
}
