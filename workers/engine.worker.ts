import * as tf from '@tensorflow/tfjs';
import { expose } from 'comlink';
import { runFold } from '../src/core/experiment';
import { runSweepFold } from '../src/core/prune/sweep';
import { sensitivityFold } from '../src/core/sensitivity/analysis';
import { runFeatureSelection } from '../src/core/features/run';
import { runStructuralFold } from '../src/core/structural/structural';
import { runFilterPruningFold } from '../src/core/structural/filters';
import { runLayerRemovalFold } from '../src/core/structural/layerRemoval';
import type { StructuralStep } from '../src/core/structural/structural';
import type { EpochMetrics } from '../src/core/train/loop';
import type { EngineApi } from '../src/core/protocol';
import { selectBackend } from './backend';

/** A thin Comlink adapter: the engine lives in src/core; this file only wires it to a worker. */
const api = {
  init: (choice, hint) => selectBackend(choice, hint),
  runFold: (job, onEpoch) => runFold(job.spec, job.dataset, job.split, job.fold, { onEpoch: (fold, m) => void onEpoch(fold, m) }),
  runSweepFold: (job, l) =>
    runSweepFold(job.spec, job.dataset, job.split, job.fold, {
      onEpoch: (fold, m) => void l.onEpoch(fold, m),
      onRetrainEpoch: (fold) => void l.onRetrainEpoch(fold),
      onPoint: (p) => void l.onPoint(p),
      onDetail: (d) => void l.onDetail(d),
    }),
  runSensitivityFold: (job, l) =>
    sensitivityFold(job.spec, job.dataset, job.split, job.fold, {
      onEpoch: (fold, m) => void l.onEpoch(fold, m),
      onPoint: (p) => void l.onPoint(p),
    }),
  runFeatureSelection: async (job) => runFeatureSelection(job.spec, job.dataset),
  runStructuralFold: (job, l) => {
    const st = job.spec.structural;
    if (!st) throw new Error('This spec has no structural section.');
    const opts = { criterion: st.criterion, mode: st.mode, ratio: st.ratio, steps: st.steps, finetuneEpochs: st.finetuneEpochs };
    const hooks = { onEpoch: (fold: number, m: EpochMetrics) => void l.onEpoch(fold, m), onStep: (fold: number, step: StructuralStep) => void l.onStep(fold, step) };
    const { spec, dataset, split, fold } = job;
    if (st.action === 'layer') {
      if (spec.model.kind === 'cnn') throw new Error('Layer removal drops a dense hidden layer of an MLP.');
      return runLayerRemovalFold(spec, dataset, split, fold, st.layer - 1, opts, hooks);
    }
    return (spec.model.kind === 'cnn' ? runFilterPruningFold : runStructuralFold)(spec, dataset, split, fold, opts, hooks);
  },
  tensorCount: () => tf.memory().numTensors,
} satisfies EngineApi;

expose(api);
