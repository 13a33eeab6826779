import { readFile, rename, writeFile } from 'node:fs/promises';
import { availableParallelism, platform, arch } from 'node:os';
import { fileURLToPath } from 'node:url';
import { CancelledError, explainFailure } from '../core/errors';
import { inThreadExecutor } from '../core/engine/inThread';
import { RUN_KINDS, type KindResult } from '../core/kinds/registry';
import type { ResultTable, RunKindDef } from '../core/kinds/types';
import { fromJson, toJson } from '../core/run/json';
import { mergeResults, MergeError, parseShard, resultsFile, shardJobs, type ResultsFile } from '../core/run/results';
import { planExperiment, runExperiment } from '../core/run/runExperiment';
import { parseSpec } from '../core/spec/parse';
import { defaultSpecFor } from '../core/spec/edit';
import { applySets, intFlag, parse, readSpecFile, RUN_OPTIONS, specFromFlags } from './args';
import { selectNodeBackend } from './backend';
import { loadSpecData } from './data';
import { EXIT, UsageError } from './errors';
import { createNodeExecutor } from './nodePool';
import { progressBar } from './progress';
import { formatTable } from './table';

export interface Io {
  out: (text: string) => void;
  err: (text: string) => void;
  stderr?: NodeJS.WriteStream;
}

async function appVersion(): Promise<string> {
  const pkg = JSON.parse(await readFile(fileURLToPath(new URL('../../package.json', import.meta.url)), 'utf8')) as { version: string };
  return pkg.version;
}

const runtime = () => `Node ${process.versions.node} (${platform()} ${arch()})`;

/** Writes a file whole or not at all (a temp file renamed into place). */
async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.tmp`;
  await writeFile(tmp, text);
  await rename(tmp, path);
}

export function summaryText(result: KindResult): string {
  const kind = RUN_KINDS[result.kind] as unknown as RunKindDef<string, { kind: string }, unknown, unknown, KindResult>;
  const table: ResultTable = kind.table(result);
  const s = result.summary;
  const head = s ? `Mean ${s.metric} of ${s.of}: ${s.mean.toFixed(4)} ± ${s.std.toFixed(4)} (${s.n} fold${s.n === 1 ? '' : 's'})${result.complete ? '' : ' — partial'}` : 'No result yet.';
  return `${formatTable(table)}\n\n${head}\n`;
}

export async function runCommand(args: string[], io: Io): Promise<number> {
  const { values: v, positionals } = parse(args, RUN_OPTIONS);
  if (v.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  if (positionals.length > 1) throw new UsageError(`run takes one spec file, got ${positionals.length}: ${positionals.join(' ')}.`);
  const { spec: unchecked, notes, uploaded, model } = await specFromFlags(positionals[0], v);
  const checked = parseSpec(unchecked);
  if (!checked.ok) throw new UsageError(checked.error);
  const spec = checked.spec;
  for (const n of notes) io.err(`${n}\n`);
  const jobs = v.jobs === undefined ? availableParallelism() : intFlag('jobs', v.jobs);
  if (jobs < 1) throw new UsageError(`--jobs must be at least 1, got ${jobs}.`);
  const data = await loadSpecData(spec, uploaded);
  let plan;
  try {
    plan = planExperiment(spec, data).plan;
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
  const shard = v.shard !== undefined ? wrapUsage(() => parseShard(v.shard as string)) : undefined;
  const only = shard ? wrapUsage(() => shardJobs(plan, shard.index, shard.count)) : undefined;
  const ran = only ?? plan.map((j) => j.index);
  const executor = jobs === 1 || ran.length <= 1 ? inThreadExecutor() : createNodeExecutor(Math.min(jobs, ran.length));
  if (jobs === 1 || ran.length <= 1) await selectNodeBackend(spec.backend);
  io.err(`PruneLab: ${RUN_KINDS[spec.task.kind].label} on ${data.name} — ${ran.length} of ${plan.length} job(s)${shard ? ` (shard ${shard.index}/${shard.count})` : ''} on ${executor.name}\n`);
  const bar = v.quiet ? null : progressBar(io.stderr);
  const abort = new AbortController();
  const onSigint = () => abort.abort();
  process.once('SIGINT', onSigint);
  try {
    const outcome = await runExperiment(spec, data, {
      executor,
      signal: abort.signal,
      ...(only ? { only } : {}),
      ...(model ? { model } : {}),
      onEvent: (e) => {
        if (e.type === 'progress') bar?.update(e.progress);
        if (e.type === 'backend') io.err(`Backend: ${e.info.name} — ${e.info.reason}\n`);
      },
    });
    bar?.stop();
    io.out(summaryText(outcome.result));
    if (v.out) {
      const file = resultsFile(outcome, { version: await appVersion(), runtime: runtime() }, data.name, shard);
      await writeAtomic(v.out, `${toJson(file, 2)}\n`);
      io.err(`Wrote ${v.out}${shard ? ` (shard ${shard.index}/${shard.count}: merge the parts with prunelab merge)` : ''}.\n`);
    }
    return EXIT.ok;
  } catch (e) {
    bar?.stop();
    if (e instanceof CancelledError) {
      io.err('Interrupted; nothing written.\n');
      return EXIT.interrupted;
    }
    if (e instanceof Error) e.message = explainFailure(e.message);
    throw e;
  } finally {
    process.off('SIGINT', onSigint);
    executor.dispose();
  }
}

function wrapUsage<T>(f: () => T): T {
  try {
    return f();
  } catch (e) {
    throw new UsageError(e instanceof Error ? e.message : String(e));
  }
}

export async function specCommand(args: string[], io: Io): Promise<number> {
  const { values: v, positionals } = parse(args, { dataset: { type: 'string' }, set: { type: 'string', multiple: true }, help: { type: 'boolean', short: 'h' } });
  if (v.help) {
    io.out(USAGE);
    return EXIT.ok;
  }
  if (positionals.length) throw new UsageError(`spec takes no file, got ${positionals.join(' ')}.`);
  const base = wrapUsage(() => defaultSpecFor(v.dataset));
  const spec = applySets(base, v.set ?? []);
  const checked = parseSpec(spec);
  if (!checked.ok) throw new UsageError(checked.error);
  io.out(`${JSON.stringify(checked.spec, null, 2)}\n`);
  return EXIT.ok;
}

export async function validateCommand(args: string[], io: Io): Promise<number> {
  const { positionals } = parse(args, {});
  if (positionals.length !== 1) throw new UsageError('validate takes one spec file: prunelab validate spec.json');
  const file = positionals[0] as string;
  const { spec, notes } = await readSpecFile(file);
  for (const n of notes) io.err(`${n}\n`);
  io.out(`${file}: a valid version ${spec.version} spec — ${RUN_KINDS[spec.task.kind].label} on ${spec.dataset.kind === 'csv' ? spec.dataset.name : `${spec.dataset.kind} ${spec.dataset.name}`}.\n`);
  return EXIT.ok;
}

export async function mergeCommand(args: string[], io: Io): Promise<number> {
  const { values: v, positionals } = parse(args, { out: { type: 'string' } });
  if (positionals.length === 0) throw new UsageError('merge takes the shard files: prunelab merge part-*.json [--out FILE]');
  const parts: ResultsFile[] = [];
  for (const p of positionals) {
    let text: string;
    try {
      text = await readFile(p, 'utf8');
    } catch {
      throw new UsageError(`Cannot read "${p}".`);
    }
    try {
      parts.push(fromJson(text) as ResultsFile);
    } catch (e) {
      throw new UsageError(`${p} is not a results file: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  let merged: ResultsFile;
  try {
    merged = mergeResults(parts);
  } catch (e) {
    if (e instanceof MergeError) throw new UsageError(e.message);
    throw e;
  }
  io.out(summaryText(merged.result));
  if (v.out) {
    await writeAtomic(v.out, `${toJson(merged, 2)}\n`);
    io.err(`Wrote ${v.out} (${parts.length} shards merged).\n`);
  }
  return EXIT.ok;
}

export const USAGE = `prunelab — run PruneLab experiments in Node (the same engine as the app)

Usage:
  prunelab run [spec.json] [--dataset NAME | --data FILE.csv [--target COLUMN]]
               [--model mlp|cnn|rnn|lstm|gru|autoencoder|PATH/model.json] [--task classification|regression|reconstruction]
               [--folds K] [--epochs N] [--seed S]
               [--backend cpu|wasm|auto] [--jobs N] [--set PATH=VALUE]… [--out results.json]
               [--shard i/n] [--quiet]
               [--grid PATH=V1,V2,…]… [--random N] [--range PATH=LO:HI[:log]]… [--halving] [--nested]
  prunelab spec [--dataset NAME] [--set PATH=VALUE]…   print a complete default spec to edit
  prunelab validate spec.json                          check a spec (the app's messages)
  prunelab merge part-*.json [--out FILE]              combine shard files into the whole run
  prunelab model inspect PATH/model.json               a TF.js LayersModel's layers, parameters, MACs
  prunelab model prune PATH/model.json --method M --sparsity S --out DIR   prune it, data-free

run:
  Flags override the spec file (no file: the app's default spec for --dataset). --set sets any
  field by its path, array items by index; the value is read as JSON when it parses:
    --set model.hidden.0.units=64   --set 'model.hidden=[{"units":16,"activation":"relu","dropout":0}]'
    --set task.kind=sweep           (switches the run kind, starting from its defaults)
  --model PATH/model.json   your own TF.js LayersModel, trained from its weights on each fold (its
               weight files are read from its folder; a spec naming a model accepts only those files)
  --task       what the model learns: classes (accuracy), a continuous target (regression: R², MAE;
               K-fold), or its input (reconstruction: an autoencoder's MSE; --model autoencoder implies it)
  --jobs N     worker threads (default: one per core; 1 runs in this thread)
  --shard i/n  run only the i-th of n slices of the job list and write a partial file
  --grid PATH=V1,V2,…   a hyper-parameter search (GridSearchCV) over these values; repeat per field
  --random N --range PATH=LO:HI[:log]   random search (RandomizedSearchCV): N candidates drawn
  --halving    successive halving (HalvingGridSearchCV) over the epochs; --nested  nested CV
  Progress goes to stderr, the summary table to stdout, the results file to --out.
  Exit codes: 0 done, 1 the run failed, 2 a bad spec or flag (nothing written), 130 interrupted.
`;
