import { describe, expect, it } from 'vitest';
import { defaultSpec, parseSpec, SPEC_VERSION, type ExperimentSpec } from './schema';

/** Parses, expecting failure, and returns the message. */
function rejection(input: unknown): string {
  const r = parseSpec(input);
  if (r.ok) throw new Error(`expected the spec to be rejected: ${JSON.stringify(input)}`);
  expect(r.error).toMatch(/^Invalid experiment spec — /);
  return r.error;
}

const base = (): ExperimentSpec => defaultSpec();

describe('parseSpec', () => {
  it('accepts the default spec unchanged, and after a JSON round trip', () => {
    const d = base();
    const r = parseSpec(d);
    expect(r).toEqual({ ok: true, spec: d });
    expect(parseSpec(JSON.parse(JSON.stringify(d)))).toEqual({ ok: true, spec: d });
  });

  it('the default is the scikit-learn reference setting', () => {
    const d = base();
    expect(d.version).toBe(SPEC_VERSION);
    expect(d.dataset).toEqual({ kind: 'builtin', name: 'breast_cancer' });
    expect(d.model.hidden).toEqual([{ units: 32, activation: 'relu', dropout: 0 }]);
    expect(d.training).toMatchObject({ optimizer: 'adam', learningRate: 0.001, batchSize: 200, epochs: 300 });
    expect(d.cv).toMatchObject({ kind: 'stratified-kfold', folds: 5, shuffle: true });
    expect(d.preprocessing.standardize).toBe(true);
  });

  it('accepts synthetic and csv datasets', () => {
    expect(parseSpec({ ...base(), dataset: { kind: 'synthetic', name: 'spirals', samples: 200, noise: 0.1 } }).ok).toBe(true);
    expect(parseSpec({ ...base(), dataset: { kind: 'csv', name: 'a.csv', targetColumn: 'y', rows: 10 } }).ok).toBe(true);
  });

  it('rejects a wrong version', () => {
    expect(rejection({ ...base(), version: 2 })).toMatch(/version: .*expected 1/);
    expect(rejection({ ...base(), version: '1' })).toMatch(/version:/);
  });

  it('rejects a negative or zero learning rate, naming training.learningRate', () => {
    expect(rejection({ ...base(), training: { ...base().training, learningRate: -0.1 } })).toMatch(/training\.learningRate: .*>0/);
    expect(rejection({ ...base(), training: { ...base().training, learningRate: 0 } })).toMatch(/training\.learningRate:/);
  });

  it('rejects an unknown dataset, naming dataset.name', () => {
    const msg = rejection({ ...base(), dataset: { kind: 'builtin', name: 'mnist' } });
    expect(msg).toMatch(/dataset\.name: /);
    expect(msg).toContain('breast_cancer');
    expect(rejection({ ...base(), dataset: { kind: 'parquet', name: 'x' } })).toMatch(/dataset\.kind/);
  });

  it('rejects extra keys at the top level and nested, naming the key and where it is', () => {
    expect(rejection({ ...base(), extra: 1 })).toMatch(/spec: .*"extra"/);
    expect(rejection({ ...base(), training: { ...base().training, foo: 1 } })).toMatch(/training: .*"foo"/);
    expect(rejection({ ...base(), model: { ...base().model, hidden: [{ units: 4, activation: 'relu', dropout: 0, bias: true }] } })).toMatch(
      /model\.hidden\.0: .*"bias"/,
    );
  });

  it('rejects non-integer folds, naming cv.folds', () => {
    expect(rejection({ ...base(), cv: { ...base().cv, folds: 2.5 } })).toMatch(/cv\.folds: .*int/);
    expect(rejection({ ...base(), cv: { ...base().cv, folds: 1 } })).toMatch(/cv\.folds:/);
  });

  it('names array paths and other bounds', () => {
    expect(rejection({ ...base(), model: { ...base().model, hidden: [{ units: 0, activation: 'relu', dropout: 0 }] } })).toMatch(/model\.hidden\.0\.units:/);
    expect(rejection({ ...base(), seed: -1 })).toMatch(/seed:/);
    expect(rejection({ ...base(), training: { ...base().training, epochs: 0 } })).toMatch(/training\.epochs:/);
    expect(rejection({ ...base(), training: { ...base().training, momentum: 1 } })).toMatch(/training\.momentum:/);
  });

  it('rejects missing fields and non-objects', () => {
    const noCv: Partial<ExperimentSpec> = base();
    delete noCv.cv;
    expect(rejection(noCv)).toMatch(/cv:/);
    expect(rejection('nope')).toMatch(/spec: .*object/);
    expect(rejection(null)).toMatch(/spec:/);
  });

  it('reports at most three issues', () => {
    const msg = rejection({ ...base(), version: 3, seed: -1, backend: 'tpu', extra: true, cv: null });
    expect(msg.split('; ')).toHaveLength(3);
  });
});
