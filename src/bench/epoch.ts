/**
 * The per-model-epoch measurement `npm run bench` makes in Node and in a headless-Chromium worker:
 * the same nets, rows, batch and epochs as scikit-learn's side. Pure core imports (no Node, no DOM).
 */
import { makeSplits } from '../core/cv/plan';
import type { Dataset } from '../core/data/dataset';
import { prepareFold } from '../core/engine/fold';
import { createNetwork } from '../core/engine/model/registry';
import { train } from '../core/engine/train/loop';
import { createRng } from '../core/rng';
import { defaultSpec, type ExperimentSpec } from '../core/spec/schema';

export const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** 1,000 rows × 784 features, 10 classes, seeded: Fashion-MNIST's shape (cost depends on the shape, not the pixels). */
export function wide(): Dataset {
  const rng = createRng(7);
  const n = 1000;
  const d = 784;
  const x = new Float64Array(n * d);
  for (let i = 0; i < x.length; i++) x[i] = Math.floor(rng.next() * 256);
  const y = Int32Array.from({ length: n }, (_, i) => i % 10);
  return { name: '1,000 × 784 (Fashion-MNIST-shaped)', featureNames: Array.from({ length: d }, (_, i) => `p${i}`), classNames: Array.from({ length: 10 }, (_, i) => String(i)), nRows: n, nFeatures: d, x, y };
}

/** The three nets: a built-in dataset (by file) or the generated wide one. */
export const NETS: { id: string; builtin: { name: 'breast_cancer' | 'digits'; file: string } | null; hidden: number[] }[] = [
  { id: 'breast cancer MLP(64,32)', builtin: { name: 'breast_cancer', file: 'breast_cancer.csv' }, hidden: [64, 32] },
  { id: 'digits MLP(32)', builtin: { name: 'digits', file: 'digits.csv' }, hidden: [32] },
  { id: '1,000 × 784 MLP(64)', builtin: null, hidden: [64] },
];

export const specFor = (hidden: number[]): ExperimentSpec => ({ ...defaultSpec(), model: { kind: 'mlp', hidden: hidden.map((units) => ({ units, activation: 'relu', dropout: 0 })), l1: 0, l2: 0 } });

/** Median milliseconds per epoch of training on fold 1's training rows (3 nets × `epochs`, the first 5 epochs left out as warm-up). */
export async function epochMs(spec: ExperimentSpec, ds: Dataset, epochs: number): Promise<number> {
  const [split] = makeSplits(spec, ds);
  if (!split) throw new Error('no split');
  const { trainRows } = prepareFold(spec, ds, split);
  const times: number[] = [];
  for (let r = 0; r < 3; r++) {
    const net = createNetwork(spec.model, { nInputs: ds.nFeatures, nOutputs: ds.classNames.length }, 1);
    let last = performance.now();
    await train(net, trainRows, {
      training: { ...spec.training, epochs },
      l1: 0,
      l2: 0,
      seed: 7,
      onEpoch: () => {
        const now = performance.now();
        times.push(now - last);
        last = now;
      },
    });
    net.dispose();
  }
  return median(times.slice(5));
}
