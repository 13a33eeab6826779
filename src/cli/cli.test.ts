import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { fromJson } from '../core/run/json';
import type { ResultsFile } from '../core/run/results';
import { withoutTimings } from '../core/testing/timings';
import { main } from './main';

const bin = fileURLToPath(new URL('../../bin/prunelab.js', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'prunelab-cli-'));
const at = (f: string) => join(dir, f);

/** Runs `prunelab …` in a fresh Node process; resolves with its exit code and output. */
function prunelab(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [bin, ...args], { cwd: dir, maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      resolve({ code: err ? ((err as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

const results = (f: string) => fromJson(readFileSync(at(f), 'utf8')) as ResultsFile;
const foldAccuracies = (r: ResultsFile) => (r.result.kind === 'cv' ? r.result.folds.map((f) => f.accuracy) : []);

describe('prunelab run', () => {
  it('wine, 5 folds, cpu: prints mean ± std, writes the results file, and a second run gives identical numbers', async () => {
    // 100 epochs at a learning rate of 0.01: the reference setting's accuracy in a third of its time on the cpu backend.
    const a = await prunelab('run', '--dataset', 'wine', '--folds', '5', '--epochs', '100', '--set', 'training.learningRate=0.01', '--backend', 'cpu', '--jobs', '1', '--out', 'a.json');
    expect(a.code, a.stderr).toBe(0);
    expect(a.stdout).toMatch(/Mean accuracy of the trained model: 0\.\d{4} ± 0\.\d{4} \(5 folds\)/);
    const b = await prunelab('run', '--dataset', 'wine', '--folds', '5', '--epochs', '100', '--set', 'training.learningRate=0.01', '--backend', 'cpu', '--jobs', '1', '--out', 'b.json');
    expect(b.code, b.stderr).toBe(0);
    const [ra, rb] = [results('a.json'), results('b.json')];
    expect(ra).toMatchObject({ format: 'prunelab-results', specVersion: 2, result: { kind: 'cv', complete: true, summary: { metric: 'accuracy', n: 5 } } });
    expect(ra.spec.dataset).toEqual({ kind: 'builtin', name: 'wine' });
    expect(ra.environment).toMatchObject({ app: 'PruneLab', executor: 'in-thread', backend: { name: 'cpu' } });
    expect(foldAccuracies(ra)).toHaveLength(5);
    expect(foldAccuracies(rb)).toEqual(foldAccuracies(ra));
    expect(withoutTimings(rb.result)).toEqual(withoutTimings(ra.result));
    // The summary printed is the file's summary.
    const s = ra.result.summary;
    expect(a.stdout).toContain(`${s?.mean.toFixed(4)} ± ${s?.std.toFixed(4)}`);
    expect(s?.mean).toBeGreaterThan(0.9);
  }, 120_000);

  it('flags override the spec file, --set sets any field by path, and worker threads give the numbers of one thread', async () => {
    const spec = await prunelab('spec', '--dataset', 'iris');
    expect(spec.code).toBe(0);
    writeFileSync(at('iris.json'), spec.stdout);
    const args = ['run', 'iris.json', '--folds', '3', '--epochs', '12', '--seed', '9', '--backend', 'cpu', '--set', 'model.hidden.0.units=5', '--set', 'training.learningRate=0.05'];
    const one = await prunelab(...args, '--jobs', '1', '--out', 'one.json');
    const two = await prunelab(...args, '--jobs', '2', '--out', 'two.json');
    expect(one.code, one.stderr).toBe(0);
    expect(two.code, two.stderr).toBe(0);
    const [r1, r2] = [results('one.json'), results('two.json')];
    expect(r1.spec).toMatchObject({ seed: 9, cv: { folds: 3 }, training: { epochs: 12, learningRate: 0.05 }, model: { hidden: [{ units: 5 }] } });
    expect(r2.environment.executor).toBe('Node threads ×2');
    expect(withoutTimings(r2.result)).toEqual(withoutTimings(r1.result));
  }, 120_000);

  it('a bad spec or flag gets a specific message naming the field, exit code 2, and nothing is written (in-process)', async () => {
    const cases: [string[], RegExp][] = [
      [['--folds', '1'], /cv\.folds/],
      [['--epochs', 'ten'], /--epochs expects a whole number/],
      [['--dataset', 'mnist'], /Unknown dataset "mnist"/],
      [['--backend', 'webgl'], /--backend expects cpu, wasm or auto/],
      [['--set', 'training.learningRate=-1'], /training\.learningRate/],
      [['--set', 'model.hidden.4.units=8'], /index 4 is out of range/],
      [['--set', 'model.hiden.0.units=8'], /model has no field "hiden"/],
      [['--set', 'task.kind=everything'], /Unknown run kind "everything"/],
      [['--shard', '4/3'], /--shard 4\/3/],
      [['--jobs', '0'], /--jobs must be at least 1/],
      [['--nope'], /Unknown option '--nope'/],
      [['missing.json'], /Cannot read the spec file "missing.json": no such file/],
    ];
    const cwd = process.cwd();
    process.chdir(dir);
    try {
      for (const [flags, message] of cases) {
        let stderr = '';
        const code = await main(['run', ...flags, '--out', 'never.json'], { out: () => undefined, err: (t) => (stderr += t) });
        expect(code, flags.join(' ')).toBe(2);
        expect(stderr, flags.join(' ')).toMatch(message);
        expect(existsSync(at('never.json'))).toBe(false);
      }
    } finally {
      process.chdir(cwd);
    }
    // …and the same from a real process: the exit code is the process's.
    const r = await prunelab('run', '--folds', '1', '--out', 'never.json');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^prunelab: Invalid experiment spec — cv\.folds: /);
  }, 120_000);
});

describe('prunelab run: hyper-parameter search', () => {
  it('the seed’s example: learning rate ∈ {0.001, 0.01, 0.1} on breast cancer, 5-fold CV — ranked, the best refit, in the results file', async () => {
    // 40 epochs, as the gallery's example: the ranking is the point, not the last decimal.
    const r = await prunelab('run', '--dataset', 'breast_cancer', '--epochs', '40', '--grid', 'training.learningRate=0.001,0.01,0.1', '--jobs', '1', '--out', 'search.json');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('Hyper-parameter search (grid): 3 candidates, ranked');
    const file = results('search.json');
    if (file.result.kind !== 'search') throw new Error('not a search result');
    const { candidates, best, refit } = file.result;
    expect(candidates.map((c) => c.params['training.learningRate']).sort()).toEqual([0.001, 0.01, 0.1]);
    for (const c of candidates) {
      expect(c.folds).toHaveLength(5);
      expect(c.rank).toBe(1 + candidates.filter((o) => o.mean > c.mean).length);
    }
    expect(best?.rank).toBe(1);
    expect(best?.mean).toBeGreaterThan(0.95);
    expect(refit?.candidate).toBe(best?.index);
    expect(file.result.summary?.mean).toBe(best?.mean);
  }, 180_000);

  it('--grid, --random with --range, --halving and --nested build the search; a staged search refuses to shard', async () => {
    const { specFromFlags } = await import('./args');
    const random = (await specFromFlags(undefined, { dataset: 'iris', random: '5', range: ['training.learningRate=1e-4:1e-1:log'], grid: ['model.width=8,16'], nested: true })).spec;
    expect(random.task).toMatchObject({ kind: 'search', method: 'random', candidates: 5, nested: { enabled: true }, params: [{ path: 'model.width', values: [8, 16] }, { path: 'training.learningRate', range: { low: 1e-4, high: 0.1, log: true } }] });
    const halving = (await specFromFlags(undefined, { grid: ['training.optimizer=adam,sgd'], halving: true })).spec;
    expect(halving.task).toMatchObject({ kind: 'search', method: 'halving', params: [{ path: 'training.optimizer', values: ['adam', 'sgd'] }] });
    let stderr = '';
    const code = await main(['run', '--dataset', 'iris', '--grid', 'training.learningRate=0.001,0.01,0.1,0.3', '--halving', '--set', 'task.halving.factor=2', '--shard', '1/2'], { out: () => undefined, err: (t) => (stderr += t) });
    expect(code).toBe(2);
    expect(stderr).toContain('cannot be sharded: its jobs run in stages');
    stderr = '';
    expect(await main(['run', '--grid', 'cv.folds=3,5'], { out: () => undefined, err: (t) => (stderr += t) })).toBe(2);
    expect(stderr).toContain('"cv.folds" cannot be searched');
    stderr = '';
    expect(await main(['run', '--grid', 'training.learningRate'], { out: () => undefined, err: (t) => (stderr += t) })).toBe(2);
    expect(stderr).toContain('--grid expects PATH=V1,V2,…');
  }, 60_000);
});

describe('prunelab spec and validate', () => {
  it('spec prints a complete default spec; validate accepts it and explains a version 1 spec and an invalid one as the app does', async () => {
    const s = await prunelab('spec', '--dataset', 'wine', '--set', 'task.kind=sweep');
    expect(s.code).toBe(0);
    const spec = JSON.parse(s.stdout) as { version: number; task: { kind: string; methods: string[] } };
    expect(spec.version).toBe(2);
    expect(spec.task.kind).toBe('sweep');
    expect(spec.task.methods).toContain('random');
    writeFileSync(at('sweep.json'), s.stdout);
    const ok = await prunelab('validate', 'sweep.json');
    expect(ok.code).toBe(0);
    expect(ok.stdout).toContain('sweep.json: a valid version 2 spec — Pruning sweep on builtin wine.');

    const v1 = { ...JSON.parse(s.stdout), version: 1 } as Record<string, unknown>;
    const { task, ...rest } = v1 as { task: Record<string, unknown> };
    const { kind: _k, ...pruning } = task;
    writeFileSync(at('v1.json'), JSON.stringify({ ...rest, pruning }));
    const old = await prunelab('validate', 'v1.json');
    expect(old.code, old.stderr).toBe(0);
    expect(old.stderr).toContain('Migrated a version 1 spec to version 2: the run is now task.kind = "sweep".');

    writeFileSync(at('bad.json'), JSON.stringify({ ...JSON.parse(s.stdout), seed: -3 }));
    const bad = await prunelab('validate', 'bad.json');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('bad.json: Invalid experiment spec — seed:');
    writeFileSync(at('future.json'), JSON.stringify({ ...JSON.parse(s.stdout), version: 7 }));
    expect((await prunelab('validate', 'future.json')).stderr).toContain('this spec is version 7, written by a newer PruneLab');
  }, 60_000);
});

describe('prunelab --shard and merge', () => {
  it('3 shards in 3 processes, merged, equal the unsharded run bit for bit (timings aside)', async () => {
    const s = await prunelab('spec', '--dataset', 'iris', '--set', 'task.kind=sweep', '--set', 'task.sparsities=[0.5,0.9]', '--set', 'task.methods=["magnitude-global","random"]', '--set', 'task.finetuneEpochs=3', '--set', 'training.epochs=10', '--set', 'backend="cpu"');
    expect(s.code, s.stderr).toBe(0);
    writeFileSync(at('shard-spec.json'), s.stdout);
    const parts = await Promise.all([1, 2, 3].map((i) => prunelab('run', 'shard-spec.json', '--jobs', '1', '--shard', `${i}/3`, '--out', `part-${i}.json`)));
    parts.forEach((p) => expect(p.code, p.stderr).toBe(0));
    // 5 folds in 3 slices: 1, 2 and 2 jobs, each a partial result.
    expect([1, 2, 3].map((i) => results(`part-${i}.json`).shard?.jobs)).toEqual([[0], [1, 2], [3, 4]]);
    expect(results('part-1.json').result.complete).toBe(false);
    const merged = await prunelab('merge', 'part-3.json', 'part-1.json', 'part-2.json', '--out', 'merged.json');
    expect(merged.code, merged.stderr).toBe(0);
    const whole = await prunelab('run', 'shard-spec.json', '--jobs', '1', '--out', 'whole.json');
    expect(whole.code, whole.stderr).toBe(0);
    const [m, w] = [results('merged.json'), results('whole.json')];
    expect(m.result.complete).toBe(true);
    expect(m.spec).toEqual(w.spec);
    expect(withoutTimings(m.result)).toEqual(withoutTimings(w.result));
    expect(m.shard).toBeUndefined();
    expect(merged.stdout).toBe(whole.stdout);
  }, 180_000);

  it('merge refuses a missing shard, a duplicate, shards of another spec, and a complete run', async () => {
    const missing = await prunelab('merge', 'part-1.json', 'part-2.json');
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain('Missing shard 3/3.');
    const twice = await prunelab('merge', 'part-1.json', 'part-1.json', 'part-2.json');
    expect(twice.stderr).toContain('Shard 1/3 appears twice');
    const other = results('part-2.json');
    writeFileSync(at('part-other.json'), JSON.stringify({ ...other, spec: { ...other.spec, seed: 1 } }));
    expect((await prunelab('merge', 'part-1.json', 'part-other.json', 'part-3.json')).stderr).toContain('was run from a different spec than part 1');
    expect((await prunelab('merge', 'whole.json')).stderr).toContain('is a complete run, not a shard');
  }, 60_000);
});
