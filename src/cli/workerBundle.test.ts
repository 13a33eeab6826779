import { statSync, utimesSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { bundleIsFresh, workerEntry } from './workerBundle';

describe('the CLI worker bundle', () => {
  it('is built from the sources, and is stale as soon as one of them is newer', async () => {
    const url = await workerEntry();
    expect(url.pathname).toMatch(/node_modules\/\.cache\/prunelab\/worker\.mjs$/);
    expect(bundleIsFresh()).toBe(true);
    const source = fileURLToPath(new URL('../core/engine/train/loop.ts', import.meta.url));
    const { atime, mtime } = statSync(source);
    try {
      utimesSync(source, atime, new Date(Date.now() + 60_000));
      expect(bundleIsFresh()).toBe(false);
    } finally {
      utimesSync(source, atime, mtime);
    }
    expect(bundleIsFresh()).toBe(true);
  });
});

describe('a worker thread started from the bundle', () => {
  it('runs the WASM backend, as the main thread does (not a fallback), with the fused multiply-add kernels', async () => {
    const { Worker } = await import('node:worker_threads');
    const { wrap } = await import('comlink');
    const { default: nodeEndpoint } = await import('comlink/dist/esm/node-adapter.mjs');
    const worker = new Worker(await workerEntry());
    try {
      const api = wrap<{ init(choice: string): Promise<{ name: string; kernels?: string }> }>(nodeEndpoint(worker));
      expect(await api.init('auto')).toMatchObject({ name: 'wasm', kernels: 'fma' });
    } finally {
      await worker.terminate();
    }
  });
});
