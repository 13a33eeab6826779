import * as tf from '@tensorflow/tfjs-core';
import type { ModelFile } from '../../imported/modelJson';
import type { ModelHostApi } from '../../imported/protocol';
import type { SelectBackend } from '../host';
import { loadModel, openModel, saveModel, type OpenedModel } from './model';
import { pruneImported } from './prune';
import { importedSpecOf } from './net';
import { modelFilesSha256 } from '../../imported/modelJson';

/**
 * Holds one imported model for a caller (the app's model worker, tests). Every prune starts again
 * from the files as opened, so changing the sparsity and pruning again never compounds.
 */
export function createModelHost(selectBackend: SelectBackend): ModelHostApi {
  let files: ModelFile[] | null = null;
  let opened: OpenedModel | null = null;
  let ready: Promise<unknown> | null = null;
  // Data-free pruning is a few passes over the weights: WASM or the CPU (Auto with no work to speak of).
  const backend = () => (ready ??= selectBackend('auto', { macsPerStep: 0 }));
  const drop = () => {
    opened?.model.dispose();
    opened = null;
  };
  // Reloads the weights as opened; the summary (parameters, MACs, gzip size) is the same, so it is kept, not recomputed.
  const reopen = async () => {
    if (!files || !opened) throw new Error('No model is open; open model.json and its weight files first.');
    const { summary } = opened;
    drop();
    const { model, doc } = await loadModel(files);
    opened = { model, doc, summary };
    return opened;
  };
  return {
    async open(next) {
      await backend();
      const fresh = await openModel(next); // a refused model leaves the one held as it was
      drop();
      opened = fresh;
      files = next;
      return fresh.summary;
    },
    async prune(req) {
      await backend();
      return pruneImported(await reopen(), req);
    },
    async save(label) {
      if (!opened) throw new Error('No model is open to export.');
      return saveModel(opened, label);
    },
    async specOf(penalties) {
      if (!files) throw new Error('No model is open; open model.json and its weight files first.');
      await backend();
      return importedSpecOf(files, await modelFilesSha256(files), penalties);
    },
    async close() {
      drop();
      files = null;
    },
    tensorCount: async () => tf.memory().numTensors,
  };
}
