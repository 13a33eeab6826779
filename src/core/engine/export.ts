import * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import { gzipSync } from 'fflate';
import type { Network } from './model/network';

export type { ModelFiles as ModelArtifacts } from '../run/protocol';
import type { ModelFiles } from '../run/protocol';

/**
 * A LayersModel as TF.js Layers files (model.json + one weights.bin, float32), counting its parameters
 * and zeros; pruned weights are written as +0 (masking leaves -0 behind), so zeros compress alike.
 */
export async function saveLayersModel(model: LayersModel, label: string, generatedBy?: string): Promise<ModelFiles> {
  let saved: tf.io.ModelArtifacts | null = null;
  await model.save(
    tf.io.withSaveHandler(async (a) => {
      saved = a;
      return { modelArtifactsInfo: { dateSaved: new Date(0), modelTopologyType: 'JSON' } };
    }),
  );
  const a = saved as tf.io.ModelArtifacts | null;
  if (!a?.weightData || !a.weightSpecs) throw new Error('TF.js saved the model without weights.');
  const weights = tf.io.CompositeArrayBuffer.join(a.weightData);
  const modelJson = JSON.stringify({
    modelTopology: a.modelTopology,
    format: 'layers-model',
    generatedBy: generatedBy ?? a.generatedBy ?? 'TensorFlow.js tfjs-layers',
    convertedBy: 'PruneLab',
    weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }],
  });
  const values = new Float32Array(weights);
  let zeros = 0;
  for (let i = 0; i < values.length; i++) {
    if (values[i] === 0) {
      values[i] = 0;
      zeros++;
    }
  }
  const json = new TextEncoder().encode(modelJson);
  return {
    label,
    modelJson,
    weights,
    params: values.length,
    zeros,
    rawBytes: json.length + weights.byteLength,
    gzipBytes: gzipSync(json, { level: 9, mtime: 0 }).length + gzipSync(new Uint8Array(weights), { level: 9, mtime: 0 }).length,
  };
}

/** Saves a network as TF.js Layers files (softmax output). */
export async function exportNetwork(net: Network, label: string, head: 'softmax' | 'linear' = 'softmax'): Promise<ModelFiles> {
  const model = await net.toLayersModel(head);
  try {
    return await saveLayersModel(model, label);
  } finally {
    model.dispose();
  }
}
