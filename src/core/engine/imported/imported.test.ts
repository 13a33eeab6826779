import * as tf from '@tensorflow/tfjs-core';
import { loadLayersModel } from '@tensorflow/tfjs-layers';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { assembleWeights, ImportError, type ModelFile } from '../../imported/modelJson';
import { useBackend } from '../../testing/node';
import { selectNodeBackend } from '../../../cli/backend';
import { createModelHost } from './host';
import { openModel, prunableWeights, saveModel } from './model';
import { pruneImported } from './prune';

/**
 * The fixtures are a tiny MobileNet-style model (Conv2D, DepthwiseConv2D, BatchNormalization, ReLU6,
 * global pooling, Dense) written without TF.js, as the Keras converter lays it out
 * (scripts/fixtures/make_keras_mobilenet.py), with its outputs from a numpy forward pass.
 */
const ROOT = join(__dirname, '../../testdata/keras');
const filesOf = (dir: string): ModelFile[] =>
  readdirSync(join(ROOT, dir)).map((name) => {
    const b = readFileSync(join(ROOT, dir, name));
    return { name, data: b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer };
  });
const ref = JSON.parse(readFileSync(join(ROOT, 'reference.json'), 'utf8')) as { input: number[][]; inputShape: number[]; output: number[][]; params: number };

beforeAll(async () => {
  await useBackend('cpu');
});

async function predict(model: { predict(x: tf.Tensor): tf.Tensor | tf.Tensor[] }): Promise<number[][]> {
  const x = tf.tensor(ref.input.flat(), ref.inputShape);
  const y = model.predict(x) as tf.Tensor;
  const out = (await y.array()) as number[][];
  tf.dispose([x, y]);
  return out;
}

describe('importing a Keras-converted model', () => {
  it('reads the legacy Keras 2 layout: layers, shapes, parameters and multiply-adds exact, outputs equal to numpy’s', async () => {
    const start = tf.memory().numTensors;
    const opened = await openModel(filesOf('keras2-legacy'));
    const s = opened.summary;
    expect(s.name).toBe('mobilenet_tiny');
    expect(s.format).toBe('legacy (no format field)');
    expect(s.totalParams).toBe(ref.params);
    expect(s.totalParams).toBe(1722);
    const row = (name: string) => s.layers.find((l) => l.name === name);
    expect(row('conv1')).toMatchObject({ className: 'Conv2D', outputShape: '8×8×8', params: 216, macs: 8 * 8 * 8 * 27, prunable: ['kernel'] });
    expect(row('conv_dw_1')).toMatchObject({ className: 'DepthwiseConv2D', outputShape: '8×8×8', params: 72, macs: 8 * 8 * 8 * 9, prunable: ['depthwise_kernel'] });
    expect(row('conv_dw_2')).toMatchObject({ outputShape: '4×4×16', macs: 4 * 4 * 16 * 9 });
    expect(row('conv_pw_2')).toMatchObject({ outputShape: '4×4×32', macs: 4 * 4 * 32 * 16 });
    expect(row('conv1_bn')).toMatchObject({ className: 'BatchNormalization', params: 32, macs: 0, prunable: [] });
    expect(row('predictions')).toMatchObject({ className: 'Dense', outputShape: '10', params: 330, macs: 320, flops: 2 * 320 + 10 });
    expect(row('conv1')?.flops).toBe(2 * 8 * 8 * 8 * 27); // no bias (use_bias: false)
    expect(s.totalMacs).toBe(13824 + 4608 + 8192 + 2304 + 8192 + 320);
    expect(s.totalFlops).toBe(2 * s.totalMacs + 10);
    expect(s.prunableParams).toBe(216 + 72 + 128 + 144 + 512 + 320);
    expect(s.notPruned).toEqual(['conv1_bn (BatchNormalization)', 'conv_dw_1_bn (BatchNormalization)', 'conv_pw_1_bn (BatchNormalization)', 'conv_dw_2_bn (BatchNormalization)', 'conv_pw_2_bn (BatchNormalization)']);
    expect(s.storedBytes).toBe(1722 * 4);
    const out = await predict(opened.model);
    out.flat().forEach((v, i) => expect(v).toBeCloseTo(ref.output.flat()[i] ?? NaN, 5));
    opened.model.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('prunes 50 % by global magnitude, exports, and the export loads with tf.loadLayersModel holding the zeros', async () => {
    const start = tf.memory().numTensors;
    const opened = await openModel(filesOf('keras2-legacy'));
    const kernels = async () => (await Promise.all(opened.model.layers.flatMap(prunableWeights).map(async (w) => [...((await w.read().data()) as Float32Array)]))).flat();
    const original = await kernels();
    const report = await pruneImported(opened, { method: 'magnitude-global', sparsity: 0.5 });
    expect(report.slots.map((s) => `${s.layer}/${s.slot}`)).toEqual(['conv1/kernel', 'conv_dw_1/depthwise_kernel', 'conv_pw_1/kernel', 'conv_dw_2/depthwise_kernel', 'conv_pw_2/kernel', 'predictions/kernel']);
    expect(report.slots.reduce((n, s) => n + s.zeros, 0)).toBe(696); // exactly round(0.5 · 1392)
    expect(report.achieved).toBe(0.5);
    expect(report.totalParams).toBe(1722);
    expect(report.nonzeroParams).toBe(1722 - 696);
    expect(report.gzipAfter).toBeLessThan(report.gzipBefore);
    // Global: one threshold across every kernel, so every surviving |w| is ≥ every pruned one.
    const after = await kernels();
    const gone = original.filter((_, i) => after[i] === 0).map(Math.abs);
    const kept = original.filter((_, i) => after[i] !== 0).map(Math.abs);
    expect(gone).toHaveLength(696);
    expect(Math.max(...gone)).toBeLessThanOrEqual(Math.min(...kept));
    const pruned = await predict(opened.model);
    const files = await saveModel(opened, 'pruned');
    expect(files.zeros).toBe(696);
    const doc = JSON.parse(files.modelJson) as { format: string; convertedBy: string };
    expect(doc).toMatchObject({ format: 'layers-model', convertedBy: 'PruneLab' });
    const back = await loadLayersModel(tf.io.fromMemory({ modelTopology: JSON.parse(files.modelJson).modelTopology, weightSpecs: JSON.parse(files.modelJson).weightsManifest[0].weights, weightData: files.weights }));
    const kernel = (await back.getLayer('conv_pw_2').getWeights()[0]?.data()) as Float32Array;
    expect(kernel.filter((v) => v === 0).length).toBe(report.slots.find((s) => s.layer === 'conv_pw_2')?.zeros);
    const again = await predict(back);
    expect(again.flat().every(Number.isFinite)).toBe(true);
    again.flat().forEach((v, i) => expect(v).toBeCloseTo(pruned.flat()[i] ?? NaN, 6));
    // Pruning changed the outputs (it is not a no-op) yet they still sum to 1.
    expect(Math.max(...pruned.flat().map((v, i) => Math.abs(v - (ref.output.flat()[i] ?? 0))))).toBeGreaterThan(1e-4);
    back.dispose();
    opened.model.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('layer-wise, N:M and filters give their own exact counts', async () => {
    const opened = await openModel(filesOf('keras2-legacy'));
    const layer = await pruneImported(opened, { method: 'magnitude-layer', sparsity: 0.25 });
    // round(0.25 · n) per kernel (Python rounding): 216 → 54, 72 → 18, 128 → 32, 144 → 36, 512 → 128, 320 → 80.
    expect(layer.slots.map((s) => s.zeros)).toEqual([54, 18, 32, 36, 128, 80]);
    // Already-zero weights count: pruning to 25 % again changes nothing.
    expect((await pruneImported(opened, { method: 'magnitude-layer', sparsity: 0.25 })).slots.map((s) => s.zeros)).toEqual([54, 18, 32, 36, 128, 80]);
    opened.model.dispose();

    const nmModel = await openModel(filesOf('keras2-legacy'));
    const nm = await pruneImported(nmModel, { method: 'nm', sparsity: 0, nm: { n: 2, m: 4 } });
    // 2:4 along each kernel's input axis: conv1 has 27 inputs per filter → groups of 4,4,…,3 keep 2 each: 7·2 = 14 of 27 per filter.
    expect(nm.slots[0]).toMatchObject({ total: 216, zeros: 8 * (27 - 14) });
    expect(nm.slots.find((s) => s.layer === 'predictions')).toMatchObject({ total: 320, zeros: 160 });
    nmModel.model.dispose();

    const fModel = await openModel(filesOf('keras2-legacy'));
    const filters = await pruneImported(fModel, { method: 'filters-l1', sparsity: 0.5 });
    expect(filters.slots.map((s) => s.channels)).toEqual([
      { zeroed: 4, total: 8 },
      { zeroed: 4, total: 8 }, // depthwise: channels are cin · multiplier
      { zeroed: 8, total: 16 },
      { zeroed: 8, total: 16 },
      { zeroed: 16, total: 32 },
      { zeroed: 5, total: 10 },
    ]);
    const k = (await fModel.model.getLayer('conv1').getWeights()[0]?.data()) as Float32Array;
    const zeroFilters = [...Array(8).keys()].filter((c) => k.filter((_, i) => i % 8 === c).every((v) => v === 0));
    expect(zeroFilters).toHaveLength(4);
    fModel.model.dispose();
  });

  it('reads uint8-quantized weights in two shards (Functional, format layers-model) close to the float model', async () => {
    const opened = await openModel(filesOf('quantized'));
    expect(opened.summary).toMatchObject({ quantized: true, format: 'layers-model', generatedBy: 'keras v2.2.4', totalParams: 1722, storedBytes: 1722 });
    const out = await predict(opened.model);
    // 8-bit weights: outputs within a few hundredths of the float model's.
    out.flat().forEach((v, i) => expect(Math.abs(v - (ref.output.flat()[i] ?? 0))).toBeLessThan(0.03));
    opened.model.dispose();
  });
});

describe('refusing a model, with a message naming what is wrong', () => {
  const legacy = () => filesOf('keras2-legacy');
  const json = (files: ModelFile[]) => JSON.parse(new TextDecoder().decode(files.find((f) => f.name === 'model.json')?.data)) as Record<string, unknown>;
  const withJson = (files: ModelFile[], doc: unknown): ModelFile[] => files.map((f) => (f.name === 'model.json' ? { name: f.name, data: new TextEncoder().encode(JSON.stringify(doc)).buffer as ArrayBuffer } : f));

  it('a missing weights file, a truncated one, no model.json, not JSON, a graph model', async () => {
    await expect(openModel(legacy().filter((f) => f.name === 'model.json'))).rejects.toThrow('model.json names the weights file "group1-shard1of1", which was not given');
    const cut = legacy().map((f) => (f.name === 'model.json' ? f : { name: f.name, data: f.data.slice(0, 100) }));
    await expect(openModel(cut)).rejects.toThrow('hold 100 bytes, but model.json\'s manifest needs 6,888 for its 27 weights');
    await expect(openModel(legacy().filter((f) => f.name !== 'model.json'))).rejects.toThrow('No model.json among the files');
    await expect(openModel([{ name: 'model.json', data: new TextEncoder().encode('{"modelTopology": ').buffer as ArrayBuffer }])).rejects.toThrow('model.json is not valid JSON');
    await expect(openModel(withJson(legacy(), { format: 'graph-model', modelTopology: { node: [] }, weightsManifest: [] }))).rejects.toThrow('This is a TF.js GraphModel');
  });

  it('an unknown layer type is named, and a model over the size limit says the limit', async () => {
    const doc = json(legacy());
    const layers = ((doc.modelTopology as { model_config: { config: { layers: { class_name: string }[] } } }).model_config.config.layers);
    (layers[3] as { class_name: string }).class_name = 'SwishPlusPlus';
    await expect(openModel(withJson(legacy(), doc))).rejects.toThrow(ImportError);
    await expect(openModel(withJson(legacy(), doc))).rejects.toThrow('layer types TF.js cannot load: SwishPlusPlus');
    expect(() => assembleWeights(legacy(), 1024)).toThrow('This model has 6.7 KB of weights; PruneLab opens models up to 1.0 KB in a tab.');
  });
});

describe('the model host (what the app\'s model worker exposes)', () => {
  it('keeps the open model when another is refused; every prune starts from the model as opened; close frees every tensor', async () => {
    const start = tf.memory().numTensors;
    const host = createModelHost(() => selectNodeBackend('cpu'));
    expect((await host.open(filesOf('keras2-legacy'))).totalParams).toBe(1722);
    await expect(host.open(filesOf('keras2-legacy').filter((f) => f.name === 'model.json'))).rejects.toThrow('which was not given');
    expect((await host.prune({ method: 'magnitude-layer', sparsity: 0.5 })).achieved).toBeCloseTo(0.5, 2);
    // 25 % after 50 %: starts again from the dense model, so it is 25 %, not 50 %.
    const again = await host.prune({ method: 'magnitude-layer', sparsity: 0.25 });
    expect(again.slots.map((x) => x.zeros)).toEqual([54, 18, 32, 36, 128, 80]);
    expect((await host.save('pruned')).zeros).toBe(54 + 18 + 32 + 36 + 128 + 80);
    await host.close();
    expect(await host.tensorCount()).toBe(start);
  });
});
