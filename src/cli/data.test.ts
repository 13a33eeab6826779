import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './inProcess';

const tmp = mkdtempSync(join(tmpdir(), 'prunelab-data-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

/** 80 rows of a 6-step signal, one value per step; "up" when it rises, "down" when it falls. */
function trendsCsv(): string {
  const lines = ['s1,s2,s3,s4,s5,s6,trend,note'];
  for (let i = 0; i < 80; i++) {
    const up = i % 2 === 0;
    const v = Array.from({ length: 6 }, (_, t) => ((up ? t : 5 - t) + ((i * 7 + t * 3) % 5) / 10).toFixed(2));
    lines.push([...v, up ? 'up' : 'down', i % 3].join(','));
  }
  return lines.join('\n');
}

const csv = join(tmp, 'trends.csv');
writeFileSync(csv, trendsCsv());

const cli = runCli;

describe('prunelab run --data FILE.csv', () => {
  it('trains on a CSV with a named target (the app\'s upload semantics), as plain columns and as sequences read by an RNN', async () => {
    const plain = await cli('run', '--data', csv, '--target', 'trend', '--folds', '2', '--epochs', '60', '--jobs', '1', '--quiet', '--out', join(tmp, 'plain.json'));
    expect(plain.code, plain.err).toBe(0);
    const file = JSON.parse(readFileSync(join(tmp, 'plain.json'), 'utf8')) as { spec: { dataset: { kind: string; name: string; targetColumn: string; rows: number; sha256: string } }; result: { summary: { mean: number } } };
    expect(file.spec.dataset).toMatchObject({ kind: 'csv', name: 'trends.csv', targetColumn: 'trend', rows: 80 });
    expect(file.spec.dataset.sha256).toMatch(/^[0-9a-f]{64}$/);
    expect(file.result.summary.mean).toBeGreaterThan(0.9);
    // Declared as sequences (6 steps of 1 value), an RNN reads it; without the note column, so every column is a step.
    const seqCsv = join(tmp, 'trends6.csv');
    writeFileSync(seqCsv, trendsCsv().split('\n').map((l) => l.split(',').slice(0, 7).join(',')).join('\n'));
    const rnn = await cli('run', '--data', seqCsv, '--model', 'rnn', '--set', 'dataset.sequenceSteps=6', '--set', 'model.units=8', '--set', 'training.learningRate=0.02', '--folds', '2', '--epochs', '40', '--jobs', '1', '--quiet', '--out', join(tmp, 'rnn.json'));
    expect(rnn.code, rnn.err).toBe(0);
    const r = JSON.parse(readFileSync(join(tmp, 'rnn.json'), 'utf8')) as { spec: { dataset: { sequenceSteps: number; targetColumn: string }; model: { kind: string } }; result: { summary: { mean: number } } };
    expect(r.spec.dataset).toMatchObject({ sequenceSteps: 6, targetColumn: 'trend' }); // the last column by default, as the app
    expect(r.spec.model.kind).toBe('rnn');
    expect(r.result.summary.mean).toBeGreaterThan(0.9);
    const bad = await cli('run', '--data', seqCsv, '--model', 'rnn', '--set', 'dataset.sequenceSteps=4');
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('The CSV has 6 feature columns, which do not split into 4 steps of equal width');
  });

  it('refuses a missing column, a missing file, --dataset with --data, and another file than the spec names', async () => {
    expect((await cli('run', '--data', csv, '--target', 'colour')).err).toContain('Could not use "trends.csv": there is no column "colour"; the columns are s1, s2, s3, s4, s5, s6, trend, note.');
    expect((await cli('run', '--data', join(tmp, 'nope.csv'))).err).toContain('--data: cannot read');
    expect((await cli('run', '--data', csv, '--dataset', 'iris')).err).toContain('Give either --dataset (a built-in or synthetic set) or --data (a CSV file), not both.');
    const spec = join(tmp, 'spec.json');
    const printed = await cli('spec', '--dataset', 'iris');
    const s = JSON.parse(printed.out) as { dataset: unknown };
    s.dataset = { kind: 'csv', name: 'trends.csv', targetColumn: 'trend', rows: 80, sha256: 'a'.repeat(64) };
    writeFileSync(spec, JSON.stringify(s));
    const other = await cli('run', spec, '--data', csv);
    expect(other.code).toBe(2);
    expect(other.err).toContain('differs from the one the spec names');
    expect((await cli('run', spec)).err).toContain('This spec uses the CSV file "trends.csv": give it with --data PATH');
  });
});
