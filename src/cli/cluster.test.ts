import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseAllDocuments } from 'yaml';
import { fromJson } from '../core/run/json';
import type { ResultsFile } from '../core/run/results';
import { withoutTimings } from '../core/testing/timings';

const repo = fileURLToPath(new URL('../../', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'prunelab-cluster-'));

function sh(script: string, env: Record<string, string>, args: string[] = []): Promise<{ code: number; stderr: string }> {
  return new Promise((resolve) => {
    execFile('/bin/bash', ['-c', script, 'script', ...args], { cwd: repo, env: { ...process.env, ...env } }, (err, _out, stderr) => resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stderr }));
  });
}

const read = (f: string) => fromJson(readFileSync(f, 'utf8')) as ResultsFile;

/** A small sweep on iris (5 folds = 5 jobs) and its unsharded result. */
async function specAndWhole(): Promise<{ spec: string; whole: ResultsFile }> {
  const spec = join(dir, 'spec.json');
  const made = await sh(`node bin/prunelab.js spec --dataset iris --set task.kind=sweep --set 'task.sparsities=[0.5,0.9]' --set 'task.methods=["magnitude-global"]' --set task.finetuneEpochs=2 --set training.epochs=8 --set 'backend="cpu"' > "${spec}"`, {});
  expect(made.code, made.stderr).toBe(0);
  const w = await sh(`node bin/prunelab.js run "${spec}" --jobs 1 --quiet --out "${join(dir, 'whole.json')}"`, {});
  expect(w.code, w.stderr).toBe(0);
  return { spec, whole: read(join(dir, 'whole.json')) };
}

/** Made once and shared by both recipes (two processes fewer in the suite). */
let shared: ReturnType<typeof specAndWhole> | null = null;
const specAndWholeOnce = () => (shared ??= specAndWhole());

describe('the cluster recipes under docs/cluster shard as --shard does', () => {
  it('the Kubernetes Indexed Job: each index runs its shard; the merge Job combines them into the unsharded result', async () => {
    const { spec, whole } = await specAndWholeOnce();
    const docs = parseAllDocuments(readFileSync(join(repo, 'docs/cluster/k8s-indexed-job.yaml'), 'utf8')).map((d) => d.toJS());
    const job = docs.find((d) => d.kind === 'Job');
    expect(job.spec.completionMode).toBe('Indexed');
    const container = job.spec.template.spec.containers[0];
    const env = Object.fromEntries(container.env.map((e: { name: string; value: string }) => [e.name, e.value]));
    expect(Number(env.SHARDS)).toBe(job.spec.completions);
    expect(job.spec.parallelism).toBe(job.spec.completions);
    const script = [...container.command.slice(2), ...container.args].join(' ');
    const results = join(dir, 'k8s');
    mkdirSync(results);
    // Run each pod's command here: the index from JOB_COMPLETION_INDEX, npx prunelab from the repository.
    const pods = await Promise.all(
      Array.from({ length: job.spec.completions }, (_, k) => sh(script, { ...env, SPEC: spec, RESULTS: results, JOB_COMPLETION_INDEX: String(k) })),
    );
    pods.forEach((p) => expect(p.code, p.stderr).toBe(0));
    const merge = parseAllDocuments(readFileSync(join(repo, 'docs/cluster/k8s-merge-job.yaml'), 'utf8'))[0]?.toJS();
    const m = await sh(merge.spec.template.spec.containers[0].args.join(' '), { RESULTS: results });
    expect(m.code, m.stderr).toBe(0);
    const merged = read(join(results, 'results.json'));
    expect(withoutTimings(merged.result)).toEqual(withoutTimings(whole.result));
    expect(merged.environment.executor).toContain(`${job.spec.completions} shards`);
  }, 180_000);

  it('the Slurm job array: task i of N runs shard i/N (arrays from 0 or 1), then merge', async () => {
    const { spec, whole } = await specAndWholeOnce();
    const out = join(dir, 'slurm');
    const tasks = await Promise.all(
      [0, 1, 2].map((id) => sh('bash docs/cluster/slurm-array.sh "$@"', { SLURM_ARRAY_TASK_COUNT: '3', SLURM_ARRAY_TASK_MIN: '0', SLURM_ARRAY_TASK_ID: String(id), SLURM_CPUS_PER_TASK: '1', PRUNELAB_DIR: repo }, [spec, out])),
    );
    tasks.forEach((t) => expect(t.code, t.stderr).toBe(0));
    expect([1, 2, 3].map((i) => read(join(out, `part-${i}.json`)).shard?.index)).toEqual([1, 2, 3]);
    const m = await sh(`node bin/prunelab.js merge "${out}"/part-*.json --out "${join(out, 'results.json')}"`, {});
    expect(m.code, m.stderr).toBe(0);
    expect(withoutTimings(read(join(out, 'results.json')).result)).toEqual(withoutTimings(whole.result));
    const missing = await sh('bash docs/cluster/slurm-array.sh "$@"', {}, [spec, out]);
    expect(missing.code).not.toBe(0);
    expect(missing.stderr).toContain('run it as a job array');
  }, 180_000);
});
