import * as tf from '@tensorflow/tfjs';
import { expose } from 'comlink';
import { runFold } from '../src/core/experiment';
import { runSweepFold } from '../src/core/prune/sweep';
import { sensitivityFold } from '../src/core/sensitivity/analysis';
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
  tensorCount: () => tf.memory().numTensors,
} satisfies EngineApi;

expose(api);
