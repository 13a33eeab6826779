import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel } from '@tensorflow/tfjs-layers';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from './inProcess';

const FIXTURE = join(__dirname, '../core/testdata/keras/keras2-legacy/model.json');
const tmp = mkdtempSync(join(tmpdir(), 'prunelab-model-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

const cli = runCli;

describe('prunelab model', () => {
  it('inspect prints every layer with its type, shape, parameters and MACs, and the totals', async () => {
    const r = await cli('model', 'inspect', FIXTURE);
    expect(r.code).toBe(0);
    expect(r.out).toContain('mobilenet_tiny — legacy (no format field)');
    expect(r.out).toMatch(/conv_dw_1\s+DepthwiseConv2D\s+8×8×8\s+72\s+4,608\s+9,216\s+depthwise_kernel/);
    expect(r.out).toMatch(/conv1_bn\s+BatchNormalization\s+8×8×8\s+32\s+0\s+0\s+—/);
    expect(r.out).toContain('1,722 parameters (1,392 prunable), 37,440 multiply-adds (74,890 FLOPs) per sample');
    expect(r.out).toContain('Left as they are (weights no method prunes): conv1_bn (BatchNormalization)');
  });

  it('prune writes a TF.js model that loads, holds the zeros and predicts finite outputs', async () => {
    const out = join(tmp, 'pruned');
    const r = await cli('model', 'prune', FIXTURE, '--method', 'magnitude-global', '--sparsity', '0.5', '--out', out);
    expect(r.code).toBe(0);
    expect(r.out).toContain('Prunable weights 50.00% zero; 1,026 of 1,722 parameters nonzero');
    const doc = JSON.parse(readFileSync(join(out, 'model.json'), 'utf8')) as { modelTopology: object; weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[] };
    const bin = readFileSync(join(out, 'weights.bin'));
    const model = await loadLayersModel(tf.io.fromMemory({ modelTopology: doc.modelTopology, weightSpecs: doc.weightsManifest[0]?.weights ?? [], weightData: bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength) }));
    const zeros = (await Promise.all(['conv1', 'conv_dw_1', 'conv_pw_1', 'conv_dw_2', 'conv_pw_2', 'predictions'].map(async (n) => (await model.getLayer(n).getWeights()[0]?.data()) as Float32Array))).reduce((k, w) => k + w.filter((v) => v === 0).length, 0);
    expect(zeros).toBe(696);
    const x = tf.ones([1, 16, 16, 3]);
    const y = model.predict(x) as tf.Tensor;
    const p = (await y.data()) as Float32Array;
    expect([...p].every(Number.isFinite)).toBe(true);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
    tf.dispose([x, y]);
    model.dispose();
  });

  it('refuses with the app’s messages and exit code 2: a missing weights file, a bad method or sparsity', async () => {
    const dir = join(tmp, 'lonely');
    cpSync(FIXTURE, join(dir, 'model.json'), { recursive: true });
    const missing = await cli('model', 'inspect', join(dir, 'model.json'));
    expect(missing).toMatchObject({ code: 2 });
    expect(missing.err).toContain('model.json names the weights file "group1-shard1of1", which was not given');
    const bad = await cli('model', 'prune', FIXTURE, '--method', 'biggest', '--sparsity', '0.5', '--out', join(tmp, 'x'));
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('--method must be one of magnitude-global, magnitude-layer, nm, random, filters-l1, got "biggest"');
    const over = await cli('model', 'prune', FIXTURE, '--method', 'random', '--sparsity', '1.5', '--out', join(tmp, 'x'));
    expect(over.err).toContain('--sparsity expects a number from 0 to 1, got "1.5"');
  });

  it('run --model picks a model kind; an RNN on plain feature columns is refused with the app\'s message', async () => {
    const r = await cli('run', '--dataset', 'iris', '--model', 'lstm', '--quiet');
    expect(r.code).toBe(2);
    expect(r.err).toContain('An RNN reads each row as a sequence');
    const bad = await cli('run', '--dataset', 'digits', '--model', 'transformer');
    expect(bad.err).toContain('--model expects mlp, cnn, rnn, lstm, gru, autoencoder or the path of a TF.js model.json, got "transformer"');
  });

  it('run --model PATH/model.json trains the user\'s model on the data (on worker threads); its spec replays only with the same files', async () => {
    const cnn = join(__dirname, '../core/testdata/keras/digits-cnn/model.json');
    const out = join(tmp, 'imported.json');
    const r = await cli('run', '--dataset', 'digits', '--model', cnn, '--folds', '2', '--epochs', '3', '--set', 'training.learningRate=0.01', '--jobs', '2', '--quiet', '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Mean accuracy of the trained model: 0\.[6-9]\d{3} ± /);
    const file = JSON.parse(readFileSync(out, 'utf8')) as { spec: { model: { kind: string; name: string; sha256: string; layers: unknown[] } } };
    expect(file.spec.model).toMatchObject({ kind: 'imported', name: 'digits_cnn' });
    expect(file.spec.model.layers).toHaveLength(2);
    const specFile = join(tmp, 'imported-spec.json');
    writeFileSync(specFile, JSON.stringify(file.spec));
    const replay = await cli('run', specFile, '--jobs', '1', '--quiet');
    expect(replay.code).toBe(2);
    expect(replay.err).toContain('This spec uses the model "digits_cnn": give its files with --model PATH/model.json.');
    const other = await cli('run', specFile, '--model', FIXTURE, '--jobs', '1', '--quiet');
    expect(other.err).toMatch(/are not "digits_cnn" the spec was run with: their SHA-256 \([0-9a-f]{12}…\) differs/);
    const shapes = await cli('run', '--dataset', 'iris', '--model', cnn, '--quiet');
    expect(shapes.err).toContain('The model takes inputs of shape 8×8×1 (64 values per row); the data has 4 features.');
  });

  it('--task regression on a CSV with a continuous target names the metric (R², MAE); --model autoencoder reconstructs with K-fold', async () => {
    const out = join(tmp, 'reg.json');
    const r = await cli('run', '--data', join(__dirname, '../../public/datasets/diabetes.csv'), '--task', 'regression', '--set', 'model.hidden=[]', '--set', 'training.learningRate=0.05', '--folds', '3', '--epochs', '60', '--jobs', '1', '--quiet', '--out', out);
    expect(r.code, r.err).toBe(0);
    expect(r.out).toMatch(/Mean r2 of the trained model: 0\.4\d{3} ± /);
    expect(r.out).toMatch(/mae\s+mse/);
    const file = JSON.parse(readFileSync(out, 'utf8')) as { spec: { learningTask: string; cv: { kind: string }; dataset: { targetColumn: string } }; result: { metric: string; summary: { metric: string } } };
    expect(file.spec).toMatchObject({ learningTask: 'regression', cv: { kind: 'kfold' }, dataset: { targetColumn: 'progression' } });
    expect(file.result).toMatchObject({ metric: 'r2', summary: { metric: 'r2' } });
    // Classification on it is refused with what to do.
    const cls = await cli('run', '--data', join(__dirname, '../../public/datasets/diabetes.csv'), '--quiet');
    expect(cls.code).toBe(2);
    expect(cls.err).toContain('"progression" is continuous (too many distinct values to be classes): choose the Regression task.');
    const ae = await cli('run', '--dataset', 'digits', '--model', 'autoencoder', '--folds', '2', '--epochs', '3', '--jobs', '1', '--quiet', '--out', join(tmp, 'ae.json'));
    expect(ae.code, ae.err).toBe(0);
    const aeFile = JSON.parse(readFileSync(join(tmp, 'ae.json'), 'utf8')) as { spec: { learningTask: string; model: { hidden: { units: number }[] } }; result: { summary: { metric: string; mean: number } } };
    expect(aeFile.spec.learningTask).toBe('reconstruction');
    expect(aeFile.spec.model.hidden.map((h) => h.units)).toEqual([32, 16, 32]);
    expect(aeFile.result.summary.metric).toBe('mse');
    expect(aeFile.result.summary.mean).toBeGreaterThan(0);
    expect((await cli('run', '--dataset', 'iris', '--task', 'clustering')).err).toContain('--task expects classification, regression, reconstruction, got "clustering"');
  });
});
