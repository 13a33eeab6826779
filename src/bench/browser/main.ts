// The page `npm run bench` opens in headless Chromium (served by Vite's dev server): runs the
// per-epoch measurement in a module worker, as the app trains, then whole runs on the app's own
// worker pool, and leaves the results on window.
import { createBrowserExecutor } from '../../app/engine/pool';
import { parseBuiltin } from '../../core/data/builtin';
import { runExperiment } from '../../core/run/runExperiment';
import { cvSpec, sweepSpec, type BrowserRunRow } from '../runs';
import type { ExperimentSpec } from '../specs';
import type { BrowserBenchResult } from './epoch.worker';

const params = new URLSearchParams(location.search);
const epochs = Number(params.get('epochs') ?? 30);
const status = document.getElementById('status');
const done = (result: BrowserBenchResult) => {
  (window as unknown as { __bench: BrowserBenchResult }).__bench = result;
  if (status) status.textContent = JSON.stringify(result);
};

function perEpoch(): Promise<BrowserBenchResult> {
  const worker = new Worker(new URL('./epoch.worker.ts', import.meta.url), { type: 'module' });
  return new Promise((resolve) => {
    worker.onmessage = (e: MessageEvent<BrowserBenchResult>) => {
      worker.terminate();
      resolve(e.data);
    };
    worker.onerror = (e) => resolve({ error: e.message, backend: '', rows: [] });
    worker.postMessage({ epochs });
  });
}

/** A run on a fresh pool of `workers` (cold: the workers start), then the same run again on it (warm). */
async function timedRuns(id: BrowserRunRow['id'], spec: ExperimentSpec, workers: number): Promise<BrowserRunRow> {
  const data = parseBuiltin('breast_cancer', await (await fetch('/datasets/breast_cancer.csv')).text());
  const executor = createBrowserExecutor(workers);
  try {
    let spans: [number, number][] = [];
    const once = async () => {
      const t = performance.now();
      spans = [];
      await runExperiment({ ...spec, backend: 'wasm' }, data, {
        executor,
        onEvent: (e) => {
          const now = Math.round(performance.now() - t);
          if (e.type === 'job') spans[e.job] ??= [now, now];
          else if (e.type === 'job-done') spans[e.job] = [spans[e.job]?.[0] ?? now, now];
        },
      });
      return performance.now() - t;
    };
    const coldMs = await once();
    const coldSpans = spans;
    return { id, workers, coldMs, ms: await once(), spans: { cold: coldSpans, warm: spans } };
  } finally {
    executor.dispose();
  }
}

const result = await perEpoch();
if (!result.error && params.get('runs') !== '0') {
  try {
    const all = Math.max(1, Math.min(8, navigator.hardwareConcurrency || 2));
    result.runs = [await timedRuns('cv-one', cvSpec(), 1), await timedRuns('cv-all', cvSpec(), Math.min(all, 5)), await timedRuns('sweep-all', sweepSpec(), Math.min(all, 5))];
  } catch (e) {
    result.error = `whole runs: ${String(e)}`;
  }
}
done(result);
