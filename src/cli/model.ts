import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { openModel, saveModel } from '../core/engine/imported/model';
import { pruneImported } from '../core/engine/imported/prune';
import { ImportError, parseModelJson, type ModelFile } from '../core/imported/modelJson';
import { IMPORTED_METHOD_IDS, IMPORTED_METHODS, shapeText, type ImportedMethod, type ImportedPruneReport, type ImportedSummary } from '../core/imported/report';
import { parse } from './args';
import { selectNodeBackend } from './backend';
import { EXIT, UsageError } from './errors';
import { formatTable } from './table';
import type { Io } from './commands';
import { countText, kbText } from '../core/format';

export const MODEL_USAGE = `prunelab model — inspect and prune a TF.js LayersModel (model.json + weight files)

Usage:
  prunelab model inspect PATH/model.json
  prunelab model prune PATH/model.json --method METHOD --sparsity S --out DIR [--n N --m M] [--seed S]

  METHOD: ${IMPORTED_METHOD_IDS.join(', ')}
${IMPORTED_METHOD_IDS.map((m) => `    ${m.padEnd(17)}${IMPORTED_METHODS[m]}`).join('\n')}
  The weight files are read from model.json's folder, as its manifest names them. DIR receives
  model.json and weights.bin (float32), loadable with tf.loadLayersModel.
`;

const MODEL_OPTIONS = {
  method: { type: 'string' },
  sparsity: { type: 'string' },
  out: { type: 'string' },
  n: { type: 'string' },
  m: { type: 'string' },
  seed: { type: 'string' },
  backend: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** model.json and the shards its manifest names, from its folder. */
export async function readModelFiles(path: string): Promise<ModelFile[]> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch {
    throw new UsageError(`Cannot read ${path}: give the path of a model.json.`);
  }
  const doc = parseModelJson(text);
  const dir = dirname(path);
  const present = new Set(await readdir(dir));
  const files: ModelFile[] = [{ name: basename(path), data: new TextEncoder().encode(text).buffer as ArrayBuffer }];
  for (const p of new Set(doc.weightsManifest.flatMap((g) => g.paths))) {
    if (!present.has(p)) continue; // assembleWeights names the missing file
    const b = await readFile(join(dir, p));
    files.push({ name: p, data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer });
  }
  return files;
}

const int = countText;
const kb = kbText;

export function summaryTable(s: ImportedSummary): string {
  const table = formatTable({
    title: `${s.name} — ${s.format}${s.generatedBy ? `, ${s.generatedBy}` : ''}${s.quantized ? ', quantized weights' : ''}`,
    columns: ['layer', 'type', 'output', 'params', 'MACs', 'FLOPs', 'prunable'],
    rows: s.layers.map((l) => [l.name, l.className, l.outputShape, int(l.params), int(l.macs), int(l.flops), l.prunable.join(', ') || '—']),
  });
  return `${table}\n\nInput ${shapeText(s.inputShape)}, output ${shapeText(s.outputShape)}. ${int(s.totalParams)} parameters (${int(s.prunableParams)} prunable), ${int(s.totalMacs)} multiply-adds (${int(s.totalFlops)} FLOPs) per sample, ${kb(s.storedBytes)} stored, ${kb(s.gzipBytes)} gzip (float32).\n${s.notPruned.length ? `Left as they are (weights no method prunes): ${s.notPruned.join(', ')}.\n` : ''}`;
}

export function pruneTable(r: ImportedPruneReport): string {
  const table = formatTable({
    title: `${IMPORTED_METHODS[r.method].split(':')[0]}${r.method === 'nm' ? '' : ` at ${(100 * r.sparsity).toFixed(1)}%`}`,
    columns: ['layer', 'weight', 'shape', 'zeros', 'sparsity'],
    rows: r.slots.map((s) => [s.layer, s.slot, s.shape.join('×'), `${int(s.zeros)} / ${int(s.total)}`, `${((100 * s.zeros) / s.total).toFixed(1)}%${s.channels ? ` (${s.channels.zeroed}/${s.channels.total} channels)` : ''}`]),
  });
  return `${table}\n\nPrunable weights ${(100 * r.achieved).toFixed(2)}% zero; ${int(r.nonzeroParams)} of ${int(r.totalParams)} parameters nonzero; gzip ${kb(r.gzipBefore)} → ${kb(r.gzipAfter)}.\n`;
}

function numberFlag(name: string, value: string | undefined, lo: number, hi: number): number | undefined {
  if (value === undefined) return undefined;
  const x = Number(value);
  if (value.trim() === '' || !Number.isFinite(x) || x < lo || x > hi) throw new UsageError(`--${name} expects a number from ${lo} to ${hi}, got "${value}".`);
  return x;
}

/** `prunelab model inspect|prune …`: the app's import panel in Node, with the same messages. */
export async function modelCommand(args: string[], io: Io): Promise<number> {
  const [sub, ...rest] = args;
  const { values: v, positionals } = parse(rest, MODEL_OPTIONS);
  if (v.help || sub === undefined || sub === 'help') {
    io.out(MODEL_USAGE);
    return sub === undefined ? EXIT.usage : EXIT.ok;
  }
  if (sub !== 'inspect' && sub !== 'prune') throw new UsageError(`Unknown model command "${sub}": use inspect or prune (prunelab model --help).`);
  if (positionals.length !== 1) throw new UsageError(`model ${sub} takes the path of one model.json, got ${positionals.length ? positionals.join(' ') : 'none'}.`);
  const backend = v.backend ?? 'cpu';
  if (backend !== 'cpu' && backend !== 'wasm' && backend !== 'auto') throw new UsageError(`--backend must be cpu, wasm or auto, got "${backend}".`);
  let method: ImportedMethod | undefined;
  let sparsity = 0;
  if (sub === 'prune') {
    if (!v.out) throw new UsageError('model prune needs --out DIR for the pruned model.');
    if (!v.method || !(IMPORTED_METHOD_IDS as string[]).includes(v.method)) throw new UsageError(`--method must be one of ${IMPORTED_METHOD_IDS.join(', ')}${v.method ? `, got "${v.method}"` : ''}.`);
    method = v.method as ImportedMethod;
    if (method !== 'nm' && v.sparsity === undefined) throw new UsageError('model prune needs --sparsity S (a fraction from 0 to 1).');
    sparsity = numberFlag('sparsity', v.sparsity, 0, 1) ?? 0;
  }
  await selectNodeBackend(backend);
  let opened;
  try {
    opened = await openModel(await readModelFiles(positionals[0] as string), basename(positionals[0] as string));
  } catch (e) {
    if (e instanceof ImportError) throw new UsageError(e.message);
    throw e;
  }
  try {
    io.out(summaryTable(opened.summary));
    if (sub === 'inspect' || !method || !v.out) return EXIT.ok;
    const nm = { n: numberFlag('n', v.n, 1, 64) ?? 2, m: numberFlag('m', v.m, 2, 64) ?? 4 };
    if (!(Number.isInteger(nm.n) && Number.isInteger(nm.m) && nm.n < nm.m)) throw new UsageError(`N:M needs whole numbers with N < M, got ${nm.n}:${nm.m}.`);
    const report = await pruneImported(opened, { method, sparsity, nm, seed: numberFlag('seed', v.seed, 0, 2 ** 31) ?? 42 });
    io.out(`\n${pruneTable(report)}`);
    const files = await saveModel(opened, `${opened.summary.name} pruned`);
    await mkdir(v.out, { recursive: true });
    // weights first, model.json last and atomically: a folder with a model.json is a complete model.
    await writeFile(join(v.out, 'weights.bin'), new Uint8Array(files.weights));
    await writeFile(join(v.out, 'model.json.tmp'), files.modelJson);
    await rename(join(v.out, 'model.json.tmp'), join(v.out, 'model.json'));
    io.err(`Wrote ${join(v.out, 'model.json')} and weights.bin (${kb(files.rawBytes)}, ${kb(files.gzipBytes)} gzip).\n`);
    return EXIT.ok;
  } finally {
    opened.model.dispose();
  }
}
