// The page `npm run bench` opens in headless Chromium (served by Vite's dev server): runs the
// per-epoch measurement in a module worker, as the app trains, and leaves the result on window.
import type { BrowserBenchResult } from './epoch.worker';

const epochs = Number(new URLSearchParams(location.search).get('epochs') ?? 30);
const worker = new Worker(new URL('./epoch.worker.ts', import.meta.url), { type: 'module' });
const status = document.getElementById('status');
worker.onmessage = (e: MessageEvent<BrowserBenchResult>) => {
  (window as unknown as { __bench: BrowserBenchResult }).__bench = e.data;
  if (status) status.textContent = JSON.stringify(e.data);
};
worker.onerror = (e) => {
  (window as unknown as { __bench: BrowserBenchResult }).__bench = { error: e.message, backend: '', rows: [] };
};
worker.postMessage({ epochs });
