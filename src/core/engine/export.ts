import * as tf from '@tensorflow/tfjs-core';
import { gzipSync } from 'fflate';
import type { Network } from './model/network';

export type { ModelFiles as ModelArtifacts } from '../run/protocol';
import type { ModelFiles } from '../run/protocol';

/** Saves a network as TF.js Layers files (softmax output), counting its parameters and zeros. */
export async function exportNetwork(net: Network, label: string): Promise<ModelFiles> {
  const model = await net.toLayersModel();
  try {
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
      generatedBy: a.generatedBy ?? 'TensorFlow.js tfjs-layers',
      convertedBy: 'PruneLab',
      weightsManifest: [{ paths: ['weights.bin'], weights: a.weightSpecs }],
    });
    const values = new Float32Array(weights);
    let zeros = 0;
    for (let i = 0; i < values.length; i++) {
      // Masking multiplies a negative weight by 0 and leaves -0: write every pruned weight as +0.
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
  } finally {
    model.dispose();
  }
}
