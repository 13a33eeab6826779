import { type MlpModelSpec } from '../core/spec/sections';
/**
 * `npm run bench`: the cost of masked training against dense training, and a sweep's wall time,
 * on breast cancer with MLP 64-32 (the reference setting), Node + the WASM backend.
 * Medians of repeated runs after a JIT warm-up; machines are noisy, so compare ratios.
 */
import * as tf from '@tensorflow/tfjs-core';
import { makeSplits } from '../core/cv/plan';
import { prepareFold } from '../core/engine/fold';
import { createNetwork } from '../core/engine/model/registry';
import { MaskSet, prunableSlots, readSlots } from '../core/engine/prune/masks';
import { train } from '../core/engine/train/loop';
import { PRUNE_METHODS } from '../core/prune/registry';
import { createRng } from '../core/rng';
import { defaultSpec } from '../core/spec/schema';
import { loadBuiltinSync, useBackend } from '../core/testing/node';
import { runInThread } from '../core/testing/run';
import { resultOf, withTask } from '../core/testing/specs';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

const spec = defaultSpec();
(spec.model as MlpModelSpec).hidden = [
  { units: 64, activation: 'relu', dropout: 0 },
  { units: 32, activation: 'relu', dropout: 0 },
];
const ds = loadBuiltinSync('breast_cancer', 'breast_cancer.csv');

await useBackend((process.env.BACKEND as 'wasm' | 'cpu' | undefined) ?? 'wasm');
const [split] = makeSplits(spec, ds);
if (!split) throw new Error('no split');
const { trainRows } = prepareFold(spec, ds, split);
const epochs = 40;
const training = { ...spec.training, epochs };
const stepsPerEpoch = Math.ceil(trainRows.n / training.batchSize);

async function epochMs(masked: boolean): Promise<number> {
  const mlp = createNetwork(spec.model, { nInputs: ds.nFeatures, nOutputs: 2 }, 1);
  const masks = new MaskSet(prunableSlots(mlp, { biases: false, outputLayer: true }));
  const ctx = { amount: 0.9, rng: createRng(1), nm: { n: 2, m: 4 }, semantics: { ties: 'exact-k' as const, amountOf: 'total' as const } };
  if (masked) masks.set(PRUNE_METHODS['magnitude-global'].prune(await readSlots(masks.slots), masks.masks, ctx));
  const times: number[] = [];
  let last = performance.now();
  await train(mlp, trainRows, {
    training,
    l1: 0,
    l2: 0,
    seed: 7,
    // As a sweep's fine-tuning holds them: on the fused trainer's own buffers where it can (loop.ts).
    ...(masked ? { holdMasks: masks } : {}),
    onEpoch: () => {
      const now = performance.now();
      times.push(now - last);
      last = now;
    },
  });
  masks.dispose();
  mlp.dispose();
  return median(times.slice(15)); // after the JIT warm-up
}

const dense: number[] = [];
const masked: number[] = [];
for (let r = 0; r < 5; r++) {
  dense.push(await epochMs(false));
  masked.push(await epochMs(true));
}
const d = median(dense);
const m = median(masked);
console.log(`backend ${tf.getBackend()}, breast cancer 455 training rows, MLP 30-64-32-2, batch ${training.batchSize} (${stepsPerEpoch} steps/epoch)`);
console.log(`dense  epoch: ${d.toFixed(2)} ms  (${(d / stepsPerEpoch).toFixed(3)} ms/step)`);
console.log(`masked epoch: ${m.toFixed(2)} ms  (${(m / stepsPerEpoch).toFixed(3)} ms/step)`);
console.log(`masked / dense step cost: ${(m / d).toFixed(3)}× (goal ≤ 1.10×)`);

const sweepSpec = withTask({ ...spec, training: { ...spec.training, epochs: 200 } }, 'sweep', { finetuneEpochs: 50 });
const t0 = performance.now();
const points = resultOf(await runInThread(sweepSpec, ds), 'sweep').points.length;
const wall = (performance.now() - t0) / 1000;
console.log(
  `sweep: 5 folds × (dense 200 epochs + ${sweepSpec.task.methods.length} methods × ${sweepSpec.task.sparsities.length} sparsities × 50 fine-tune epochs) = ${points} points in ${wall.toFixed(1)} s (one thread; the app runs jobs on all cores)`,
);
