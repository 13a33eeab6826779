/**
 * `npm run bench`, part 1: PruneLab against scikit-learn on this machine, the same nets on the same
 * rows, batch and epochs. Per model-epoch in one thread (Node, WASM backend) for three nets; 5-fold
 * CV on one thread and on every core; the default sweep's work. Ratios are PruneLab ÷ scikit-learn
 * (< 1: PruneLab is faster). scikit-learn runs each measurement twice: on float64 rows (its default
 * for data loaded by numpy or pandas) and on the same rows as float32 (PruneLab's precision). Prints a table and writes src/bench/results.json. scikit-learn runs
 * with /usr/bin/python3 (`apt-get install -y python3-sklearn`); without it the table says so.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { createNodeExecutor } from '../cli/nodePool';
import { makeSplits } from '../core/cv/plan';
import { prepareFold } from '../core/engine/fold';
import { inThreadExecutor } from '../core/engine/inThread';
import { kernelFlavour, kernelsOn } from '../core/engine/train/heapKernels';
import { runExperiment } from '../core/run/runExperiment';
import { loadBuiltinSync, useBackend } from '../core/testing/node';
import { browserEpochs } from './browser/run';
import { epochMs, median, NETS, specFor, wide } from './epoch';
import { cvSpec, sweepPoints, sweepSpec, type BrowserRunRow } from './runs';

const EPOCHS = Number(process.env.BENCH_EPOCHS ?? 30);
const tmp = mkdtempSync(join(tmpdir(), 'prunelab-bench-'));

/** BLAS pinned to one thread: without it numpy's OpenBLAS uses every core even with n_jobs=1 (measured here: 9.5 vs 14.4 ms per 784-wide epoch). */
const ONE_THREAD = { OPENBLAS_NUM_THREADS: '1', OMP_NUM_THREADS: '1', MKL_NUM_THREADS: '1' };

function sklearn(job: Record<string, unknown>, x: Float32Array | Float64Array, nF: number, y: Int32Array, oneThread = false): Record<string, number | string> | null {
  const xf = join(tmp, 'x.csv');
  const yf = join(tmp, 'y.csv');
  const rows: string[] = [];
  for (let r = 0; r < y.length; r++) rows.push(Array.from(x.subarray(r * nF, (r + 1) * nF), (v) => v.toPrecision(7)).join(','));
  writeFileSync(xf, rows.join('\n'));
  writeFileSync(yf, Array.from(y).join('\n'));
  try {
    const out = execFileSync('/usr/bin/python3', [join(import.meta.dirname, 'sklearn_side.py')], { input: JSON.stringify({ ...job, x: xf, y: yf }), encoding: 'utf8', stdio: ['pipe', 'pipe', 'pipe'], env: { ...process.env, ...(oneThread ? ONE_THREAD : {}) } });
    return JSON.parse(out) as Record<string, number | string>;
  } catch (e) {
    if (sklearnMissing === null) sklearnMissing = String((e as { stderr?: string }).stderr ?? e).split('\n').filter(Boolean).at(-1) ?? 'unknown error';
    return null;
  }
}
let sklearnMissing: string | null = null;

interface Row {
  what: string;
  prunelabMs: number;
  /** The same measurement in headless Chromium: a worker (per-epoch rows), the app's worker pool, warm (whole runs). */
  browserMs?: number | null;
  /** Whole runs: the first run on a fresh pool, its workers starting. */
  browserColdMs?: number;
  /** scikit-learn on float64 rows (its default for numpy/pandas data). */
  sklearnMs: number | null;
  /** scikit-learn on the same rows as float32: MLPClassifier then computes in float32, as PruneLab does. */
  sklearn32Ms: number | null;
  ratio: number | null;
  /** PruneLab ÷ scikit-learn on float32 rows. */
  ratio32: number | null;
  /** Whole runs: the model-epochs they train (5 folds × 200 for CV; the sweep's dense and fine-tuning epochs). */
  modelEpochs?: number;
  /** Per-epoch and CV rows: PruneLab ÷ scikit-learn (float64) in each interleaved round. */
  roundRatios?: number[];
  /** Per-epoch rows: the SIMD product's speed on a cache-resident problem just before each round's PruneLab side (GFLOP/s): the machine's state. */
  roundGflops?: number[];
}

await useBackend('wasm');
const rows: Row[] = [];
const row = (what: string, prunelabMs: number, [sklearnMs, sklearn32Ms]: [number | null, number | null], inBrowser?: BrowserRunRow) => {
  const r: Row = { what, prunelabMs, sklearnMs, sklearn32Ms, ratio: sklearnMs ? prunelabMs / sklearnMs : null, ratio32: sklearn32Ms ? prunelabMs / sklearn32Ms : null, ...(inBrowser ? { browserMs: inBrowser.ms, browserColdMs: inBrowser.coldMs } : {}) };
  rows.push(r);
  console.error(`${what}: PruneLab ${prunelabMs.toFixed(2)} ms${inBrowser ? ` (Chromium, ${inBrowser.workers} worker(s): ${inBrowser.ms.toFixed(0)} ms)` : ''}, scikit-learn ${sklearnMs?.toFixed(2) ?? '—'} ms (float32: ${sklearn32Ms?.toFixed(2) ?? '—'} ms)`);
};
let version = '';

/**
 * Per-epoch rows, interleaved: ROUNDS rounds of (scikit-learn, PruneLab), so a slow spell of the
 * machine (this VM's speed drifts by ~30 % over minutes) falls on both sides. Each side's figure is
 * its median over the rounds; the round-by-round ratios are printed beside it.
 */
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 5);

/**
 * GFLOP/s of the kernels' product on a 64×64·64×32 problem that stays in the L1 cache (best of 5
 * × 2,000 calls): what this machine gives SIMD arithmetic right now. On this shared VM it moved
 * between ~22 and ~36 within an hour, and the 784-wide row moves with it.
 */
function probeGflops(): number {
  const memory = new WebAssembly.Memory({ initial: 2 });
  const k = kernelsOn(memory);
  if (!k) return Number.NaN;
  new Float32Array(memory.buffer).fill(0.5);
  let best = Infinity;
  for (let r = 0; r < 5; r++) {
    const t = performance.now();
    for (let i = 0; i < 2000; i++) k.gemm(0, 64, 1, 16384, 32, 32768, 32, 64, 64, 32, 0, 0);
    best = Math.min(best, (performance.now() - t) / 2000);
  }
  return (2 * 64 * 64 * 32) / (best * 1e6);
}
for (const n of NETS) {
  const ds = n.builtin ? loadBuiltinSync(n.builtin.name, n.builtin.file) : wide();
  const spec = specFor(n.hidden);
  const [split] = makeSplits(spec, ds);
  const { trainRows } = prepareFold(spec, ds, split as NonNullable<typeof split>);
  const ours: number[] = [];
  const theirs: number[] = [];
  const theirs32: number[] = [];
  const gflops: number[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const sk = sklearn({ kind: 'epoch', hidden: n.hidden, epochs: EPOCHS, repeats: 1 }, trainRows.x, ds.nFeatures, trainRows.y, true);
    version = String(sk?.sklearn ?? version);
    if (typeof sk?.msPerEpoch === 'number') theirs.push(sk.msPerEpoch);
    if (typeof sk?.msPerEpoch32 === 'number') theirs32.push(sk.msPerEpoch32);
    gflops.push(probeGflops());
    ours.push(await epochMs(spec, ds, EPOCHS));
  }
  const paired = theirs.length === ours.length ? ours.map((o, i) => o / (theirs[i] as number)) : [];
  if (paired.length) console.error(`${n.id}: ratio round by round ${paired.map((r) => r.toFixed(2)).join(', ')} (SIMD product ${gflops.map((g) => g.toFixed(0)).join(', ')} GFLOP/s)`);
  row(`per model-epoch, one thread: ${n.id}`, median(ours), [theirs.length ? median(theirs) : null, theirs32.length ? median(theirs32) : null]);
  if (paired.length) Object.assign(rows.at(-1) as Row, { roundRatios: paired, roundGflops: gflops });
}

// The same per-epoch measurement in a headless-Chromium worker (the app's WASM backend selection).
// BENCH_PARTS=epoch measures the per-epoch rows only (quick checks while optimising).
const all = process.env.BENCH_PARTS !== 'epoch';
const browser = await browserEpochs(EPOCHS, all);
const browserRun = (id: BrowserRunRow['id']) => (typeof browser === 'string' ? undefined : browser.runs?.find((r) => r.id === id));
if (typeof browser === 'string') console.error(`headless Chromium: not measured (${browser})`);
else
  NETS.forEach((n, i) => {
    const r = rows[i];
    if (r) r.browserMs = browser.rows.find((b) => b.id === n.id)?.ms ?? null;
    console.error(`per model-epoch, headless-Chromium worker (${browser.backend}${browser.kernels ? `, SIMD kernels: ${browser.kernels}` : ', no SIMD kernels: XNNPACK'}): ${n.id}: ${r?.browserMs?.toFixed(2) ?? '—'} ms`);
  });

// 5-fold CV of the breast-cancer net, 200 epochs: one thread, then every core.
const bc = loadBuiltinSync('breast_cancer', 'breast_cancer.csv');
const cv = cvSpec();
const std = prepareFold(cv, bc, { train: Int32Array.from({ length: bc.nRows }, (_, i) => i), test: new Int32Array(0) }).trainRows;
const cores = availableParallelism();
const timed = async (run: () => Promise<unknown>) => {
  const t = performance.now();
  await run();
  return performance.now() - t;
};
/**
 * The CV rows, interleaved like the per-epoch ones: CV_ROUNDS rounds of (PruneLab on a fresh
 * executor: a first run, then a second on the same one; scikit-learn in a fresh Python process:
 * the same two calls), each figure the median over the rounds. One run of each varied by up to
 * ±25 % on this machine (Node's first run on 2 cores read 407–683 ms in a day's bench runs).
 */
const CV_ROUNDS = Number(process.env.BENCH_CV_ROUNDS ?? 3);
for (const jobs of all ? [1, cores] : []) {
  const cold: number[] = [];
  const warm: number[] = [];
  const theirs: Record<string, number[]> = {};
  for (let round = 0; round < CV_ROUNDS; round++) {
    const executor = jobs === 1 ? inThreadExecutor() : createNodeExecutor(Math.min(jobs, 5));
    // Twice on the same executor: the first run starts the worker threads, the second finds them ready.
    cold.push(await timed(() => runExperiment(cv, bc, { executor })));
    warm.push(await timed(() => runExperiment(cv, bc, { executor })));
    executor.dispose();
    const sk = sklearn({ kind: 'cv', hidden: [64, 32], epochs: 200, jobs: jobs === 1 ? 1 : -1 }, std.x, bc.nFeatures, std.y, jobs === 1);
    for (const [key, value] of Object.entries(sk ?? {})) if (typeof value === 'number') (theirs[key] ??= []).push(value);
  }
  const skMs = (key: string) => (theirs[key]?.length ? median(theirs[key]) : null);
  const what = `5-fold CV, breast cancer MLP(64,32), 200 epochs, ${jobs === 1 ? 'one thread' : `${cores} cores`}`;
  const rounds = (ours: number[], key: string) => (theirs[key]?.length === ours.length ? ours.map((o, i) => (o / (theirs[key]?.[i] as number)).toFixed(2)).join(', ') : '—');
  const inBrowser = browserRun(jobs === 1 ? 'cv-one' : 'cv-all');
  if (jobs === 1) {
    row(what, median(warm), [skMs('warmMs'), skMs('warmMs32')], inBrowser);
    console.error(`${what}: ratio round by round ${rounds(warm, 'warmMs')}`);
  } else {
    // Like with like: first runs (PruneLab's workers and joblib's processes starting), then second runs (both ready).
    row(`${what}, first run`, median(cold), [skMs('ms'), skMs('ms32')], inBrowser ? { ...inBrowser, ms: inBrowser.coldMs } : undefined);
    row(`${what}, second run`, median(warm), [skMs('warmMs'), skMs('warmMs32')], inBrowser);
    console.error(`${what}: ratio round by round, first run ${rounds(cold, 'ms')}; second run ${rounds(warm, 'warmMs')}`);
  }
  const last = rows.at(-1) as Row;
  if (jobs !== 1) Object.assign(rows.at(-2) as Row, { modelEpochs: 1000, roundRatios: cold.map((o, i) => o / (theirs.ms?.[i] ?? Number.NaN)) });
  Object.assign(last, { modelEpochs: 1000, roundRatios: warm.map((o, i) => o / (theirs.warmMs?.[i] ?? Number.NaN)) });
}

// The default sweep: 5 folds × (200 dense epochs + methods × sparsities × 50 fine-tune epochs), every core.
const sweep = sweepSpec();
const points = sweepPoints(sweep);
if (all) {
  const executor = createNodeExecutor(Math.min(cores, 5));
  const t = performance.now();
  await runExperiment(sweep, bc, { executor });
  const ms = performance.now() - t;
  executor.dispose();
  const sk = sklearn({ kind: 'sweep', hidden: [64, 32], dense: 200, points, finetune: 50 }, std.x, bc.nFeatures, std.y);
  row(`default sweep (${5 * (200 + points * 50)} model-epochs), PruneLab on ${cores} cores vs scikit-learn work-matched, one process`, ms, [(sk?.ms as number | undefined) ?? null, (sk?.ms32 as number | undefined) ?? null], browserRun('sweep-all'));
  (rows.at(-1) as Row).modelEpochs = 5 * (200 + points * 50);
}
rmSync(tmp, { recursive: true, force: true });

const machine = `${cpus()[0]?.model ?? 'unknown CPU'} × ${cores} cores, Node ${process.version}, TF.js ${tf.version_core} (${tf.getBackend()}, SIMD kernels: ${kernelFlavour() ?? 'none'})${version ? `, scikit-learn ${version}` : ''}`;
const ratio = (a: number | null | undefined, b: number | null) => (a && b ? (a / b).toFixed(2) : '—');
const table = [
  '| measurement | PruneLab, Node (ms) | PruneLab, Chromium (ms) | scikit-learn, float64 (ms) | scikit-learn, float32 (ms) | Node ÷ sklearn, f64 · f32 | Chromium ÷ sklearn, f64 · f32 |',
  '|---|---:|---:|---:|---:|---:|---:|',
  ...rows.map(
    (r) =>
      `| ${r.what} | ${r.prunelabMs.toFixed(2)} | ${r.browserMs?.toFixed(2) ?? '—'} | ${r.sklearnMs?.toFixed(2) ?? '—'} | ${r.sklearn32Ms?.toFixed(2) ?? '—'} | ${ratio(r.prunelabMs, r.sklearnMs)} · ${ratio(r.prunelabMs, r.sklearn32Ms)} | ${ratio(r.browserMs, r.sklearnMs)} · ${ratio(r.browserMs, r.sklearn32Ms)} |`,
  ),
].join('\n');
console.log(`\n${machine}\n\n${table}\n`);
// Whole runs per model-epoch (wall time ÷ model-epochs trained), the unit of the per-epoch rows.
const perEpoch = (ms: number | null | undefined, n: number) => (ms ? (ms / n).toFixed(3) : '—');
for (const r of rows) if (r.modelEpochs) console.log(`${r.what}: per model-epoch ${perEpoch(r.prunelabMs, r.modelEpochs)} ms (Node), ${perEpoch(r.browserMs, r.modelEpochs)} ms (Chromium), scikit-learn ${perEpoch(r.sklearnMs, r.modelEpochs)} ms (float32 ${perEpoch(r.sklearn32Ms, r.modelEpochs)} ms).`);
const cold = typeof browser === 'string' ? [] : (browser.runs ?? []);
for (const r of cold) if (r.spans && r.id !== 'sweep-all') console.log(`Chromium ${r.id} (${r.workers} worker(s)), each job from its first event to its end (ms): cold ${r.spans.cold.map(([a, b]) => `${a}–${b}`).join(', ')}; warm ${r.spans.warm.map(([a, b]) => `${a}–${b}`).join(', ')}.`);
const probes = rows.flatMap((r) => r.roundGflops ?? []).filter(Number.isFinite);
if (probes.length) console.log(`SIMD product speed on this machine during the per-epoch rounds (64×64·64×32, cache-resident): ${Math.min(...probes).toFixed(0)}–${Math.max(...probes).toFixed(0)} GFLOP/s.`);
if (cold.length) console.log(`Chromium: per-epoch rows in one worker; whole runs on the app's worker pool, warm (its workers already started, as on a second run) except the "first run" row. Cold, workers starting: ${cold.map((r) => `${r.id} ${r.coldMs.toFixed(0)} ms`).join(', ')}.`);
if (sklearnMissing) console.log(`scikit-learn did not run (${sklearnMissing}): apt-get install -y python3-sklearn, then run again.`);
if (typeof browser === 'string') console.log(`Headless Chromium not measured: ${browser}.`);
if (all) writeFileSync(join(import.meta.dirname, 'results.json'), `${JSON.stringify({ date: new Date().toISOString(), machine, epochs: EPOCHS, rows, sklearnMissing, browser: typeof browser === 'string' ? { missing: browser } : { backend: browser.backend, kernels: browser.kernels ?? null } }, null, 2)}\n`);
