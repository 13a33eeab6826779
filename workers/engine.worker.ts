import * as tf from '@tensorflow/tfjs';
import { expose } from 'comlink';
import { runFold } from '../src/core/experiment';
import type { EngineApi } from '../src/core/protocol';
import { selectBackend } from './backend';

/** A thin Comlink adapter: the engine lives in src/core; this file only wires it to a worker. */
const api = {
  init: (choice, hint) => selectBackend(choice, hint),
  runFold: (job, onEpoch) => runFold(job.spec, job.dataset, job.split, job.fold, { onEpoch: (fold, m) => void onEpoch(fold, m) }),
  tensorCount: () => tf.memory().numTensors,
} satisfies EngineApi;

expose(api);
