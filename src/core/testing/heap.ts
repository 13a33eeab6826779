import type { Rng } from '../rng';

/** A WebAssembly memory for kernel tests (the fused step gives the kernels the WASM backend's): a fresh Float32Array view of it, and a filler of uniform values in [−1, 1). */
export function testHeap(rng: Rng, pages = 64) {
  const memory = new WebAssembly.Memory({ initial: pages });
  const heap = () => new Float32Array(memory.buffer);
  const fill = (ptr: number, count: number) => {
    const h = heap();
    for (let i = 0; i < count; i++) h[ptr / 4 + i] = rng.next() * 2 - 1;
  };
  return { memory, heap, fill };
}
