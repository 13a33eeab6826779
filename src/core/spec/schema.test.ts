import { hiddenOf } from './sections';
import { describe, expect, it } from 'vitest';
import { defaultSweep } from '../kinds/sweep';
import { parseSpec } from './parse';
import { defaultSpec, defaultTask, SPEC_VERSION, type ExperimentSpec } from './schema';

/** Parses, expecting failure, and returns the message. */
function rejection(input: unknown): string {
  const r = parseSpec(input);
  if (r.ok) throw new Error(`expected the spec to be rejected: ${JSON.stringify(input)}`);
  expect(r.error).toMatch(/^Invalid experiment spec — /);
  return r.error;
}

const base = (): ExperimentSpec => defaultSpec();

/** The version 1 default spec (before the engine redesign): the shared sections, no run section. */
function v1Default(): Record<string, unknown> {
  return {
    version: 1,
    seed: 42,
    dataset: { kind: 'builtin', name: 'breast_cancer' },
    preprocessing: { standardize: true },
    model: { kind: 'mlp', hidden: [{ units: 32, activation: 'relu', dropout: 0 }], l1: 0, l2: 0 },
    training: {
      optimizer: 'adam',
      learningRate: 0.001,
      momentum: 0.9,
      batchSize: 200,
      epochs: 300,
      earlyStopping: { enabled: false, patience: 10, minDelta: 0.0001 },
    },
    cv: { kind: 'stratified-kfold', folds: 5, shuffle: true, testFraction: 0.2 },
    backend: 'auto',
  };
}

/** Version 1's defaultPruning(): a section without a kind. */
const v1Pruning = () => ({
  methods: ['magnitude-global', 'magnitude-layer', 'random'],
  sparsities: [0.5, 0.75, 0.9, 0.95, 0.98],
  schedule: 'oneshot',
  finetuneEpochs: 50,
  impRounds: 3,
  rewindEpoch: 0,
  randomReinit: false,
  semantics: { ties: 'exact-k', amountOf: 'remaining' },
  nm: { n: 2, m: 4 },
  scope: { biases: false, outputLayer: true },
});

/** Parses, expecting success, and returns the result. */
function accepted(input: unknown) {
  const r = parseSpec(input);
  if (!r.ok) throw new Error(`expected the spec to be accepted: ${r.error}`);
  return r;
}

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
    expect(hiddenOf(d.model)).toEqual([{ units: 32, activation: 'relu', dropout: 0 }]);
    expect(d.training).toMatchObject({ optimizer: 'adam', learningRate: 0.001, batchSize: 200, epochs: 300 });
    expect(d.cv).toMatchObject({ kind: 'stratified-kfold', folds: 5, shuffle: true });
    expect(d.preprocessing.standardize).toBe(true);
  });

  it('accepts synthetic and csv datasets', () => {
    expect(parseSpec({ ...base(), dataset: { kind: 'synthetic', name: 'spirals', samples: 200, noise: 0.1 } }).ok).toBe(true);
    expect(parseSpec({ ...base(), dataset: { kind: 'csv', name: 'a.csv', targetColumn: 'y', rows: 10 } }).ok).toBe(true);
  });

  it('the spec is version 2, with a task', () => {
    expect(SPEC_VERSION).toBe(2);
    expect(base().version).toBe(2);
    expect(base().task).toEqual({ kind: 'cv' });
    const r = accepted({ ...base(), version: 2 });
    expect(r.spec.version).toBe(2);
    expect(r.migratedFrom).toBeUndefined();
    expect(r.notes).toBeUndefined();
  });

  it('refuses a newer version by name, and rejects a wrong version', () => {
    const msg = rejection({ ...base(), version: 3 });
    expect(msg).toMatch(/^Invalid experiment spec — version: /);
    expect(msg).toMatch(/version 3\b/);
    expect(msg).toMatch(/newer PruneLab/);
    expect(rejection({ ...base(), version: 17 })).toMatch(/version 17\b/);
    expect(rejection({ ...base(), version: '1' })).toMatch(/version:/);
    expect(rejection({ ...base(), version: 0 })).toMatch(/version: .*expected 2/);
    expect(rejection({ ...base(), version: 2.5 })).toMatch(/version:/);
    const noVersion: Partial<ExperimentSpec> = base();
    delete noVersion.version;
    expect(rejection(noVersion)).toMatch(/version:/);
  });

  it('migrates the version 1 default to a version 2 cross-validation run, with a note', () => {
    const r = accepted(v1Default());
    expect(r.migratedFrom).toBe(1);
    expect(r.spec).toEqual(base());
    expect(r.notes).toHaveLength(1);
    expect(r.notes?.[0]).toMatch(/version 1 .*version 2/);
    expect(r.notes?.[0]).toContain('task.kind = "cv"');
    // …after a JSON round trip too.
    expect(accepted(JSON.parse(JSON.stringify(v1Default()))).spec).toEqual(base());
  });

  it('a version 1 spec with a pruning section becomes a sweep task', () => {
    const r = accepted({ ...v1Default(), pruning: v1Pruning() });
    expect(r.migratedFrom).toBe(1);
    expect(r.spec.task.kind).toBe('sweep');
    expect(r.spec.task).toEqual(defaultSweep());
    expect({ ...r.spec, task: { kind: 'cv' } }).toEqual(base());
    expect(r.notes).toHaveLength(1);
    expect(r.notes?.[0]).toContain('task.kind = "sweep"');
    // The v1 section is gone: v2 has no `pruning` key.
    expect(r.spec).not.toHaveProperty('pruning');
  });

  it('a version 1 spec with featureSelection and pruning becomes a features task; a note says pruning was dropped', () => {
    const featureSelection = { estimator: 'linear-svm', importance: 'permutation', step: 2, minFeatures: 3 };
    const r = accepted({ ...v1Default(), pruning: v1Pruning(), featureSelection });
    expect(r.migratedFrom).toBe(1);
    expect(r.spec.task).toEqual({ kind: 'features', ...featureSelection });
    expect(r.spec).not.toHaveProperty('pruning');
    expect(r.spec).not.toHaveProperty('featureSelection');
    expect(r.notes?.[0]).toContain('task.kind = "features"');
    const dropped = r.notes?.find((n) => /dropped/.test(n));
    expect(dropped).toBeDefined();
    expect(dropped).toContain('pruning');
    expect(dropped).toContain('featureSelection');
  });

  it('a version 1 sensitivity section takes the pruning scope (else the default scope)', () => {
    const sensitivity = { sparsities: [0, 0.5, 0.9], tolerance: 0.02 };
    const scope = { biases: true, outputLayer: false };
    const withScope = accepted({ ...v1Default(), sensitivity, pruning: { ...v1Pruning(), scope } });
    expect(withScope.spec.task).toEqual({ kind: 'sensitivity', ...sensitivity, scope });
    const alone = accepted({ ...v1Default(), sensitivity });
    expect(alone.spec.task).toEqual({ ...defaultTask('sensitivity'), sparsities: sensitivity.sparsities, tolerance: 0.02 });
    expect(alone.notes).toHaveLength(1);
  });

  it('rejects an invalid version 1 spec against version 1, and v1 sections in a version 2 spec', () => {
    expect(rejection({ ...v1Default(), pruning: { ...v1Pruning(), schedule: 'never' } })).toMatch(/\(version 1\) pruning\.schedule:/);
    expect(rejection({ ...v1Default(), task: { kind: 'cv' } })).toMatch(/\(version 1\) .*"task"/);
    expect(rejection({ ...base(), pruning: v1Pruning() })).toMatch(/spec: .*"pruning"/);
  });

  it('accepts every kind\'s default task, and rejects a task of unknown kind naming task.kind', () => {
    for (const kind of ['cv', 'sweep', 'sensitivity', 'structural', 'features'] as const) {
      expect(accepted({ ...base(), task: defaultTask(kind) }).spec.task.kind).toBe(kind);
    }
    expect(rejection({ ...base(), task: { kind: 'distill' } })).toMatch(/task\.kind:/);
    expect(rejection({ ...base(), task: {} })).toMatch(/task\.kind:/);
    const noTask: Partial<ExperimentSpec> = base();
    delete noTask.task;
    expect(rejection(noTask)).toMatch(/task:/);
    // A known kind is checked against its own schema.
    expect(rejection({ ...base(), task: { ...defaultSweep(), schedule: 'never' } })).toMatch(/task\.schedule:/);
    expect(rejection({ ...base(), task: { kind: 'cv', extra: 1 } })).toMatch(/task: .*"extra"/);
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
    // (A newer version is refused before anything else is checked: one message, see above.)
    const msg = rejection({ ...base(), version: 0, seed: -1, backend: 'tpu', extra: true, cv: null });
    expect(msg.split('; ')).toHaveLength(3);
  });
});
