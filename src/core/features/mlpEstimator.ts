import { glorotUniform } from '../model/init';
import { createRng } from '../rng';
import { accuracyScore, checkColumns, type Estimator, type FittedClassifier } from './estimator';
import { encodeClasses } from './classes';
import type { LabeledTable } from './table';

export interface MlpEstimatorOptions {
  hidden: number;
  epochs: number;
  learningRate: number;
  seed: number;
}

export const DEFAULT_MLP_ESTIMATOR: MlpEstimatorOptions = { hidden: 16, epochs: 200, learningRate: 0.01, seed: 0 };

/**
 * A one-hidden-layer ReLU network (softmax output), trained full-batch with Adam in Float64 — small
 * and synchronous, so RFE can refit it at every step. Its importance is the network's first-layer
 * weight norm per feature: Σ_j W1[f, j]², the squared L2 norm of the feature's outgoing weights.
 */
export function fitMlpEstimator(data: LabeledTable, options: Partial<MlpEstimatorOptions> = {}): FittedClassifier {
  const o = { ...DEFAULT_MLP_ESTIMATOR, ...options };
  const { classes, encoded } = encodeClasses(data.y);
  const F = data.nFeatures;
  const H = o.hidden;
  const K = Math.max(2, classes.length);
  const N = data.nRows;
  const rng = createRng(o.seed);
  const glorot = (fanIn: number, fanOut: number) => glorotUniform(fanIn, fanOut, rng);
  const params = [glorot(F, H), new Float64Array(H), glorot(H, K), new Float64Array(K)];
  const [w1, b1, w2, b2] = params as [Float64Array, Float64Array, Float64Array, Float64Array];
  const m = params.map((p) => new Float64Array(p.length));
  const v = params.map((p) => new Float64Array(p.length));
  const grads = params.map((p) => new Float64Array(p.length));
  const hidden = new Float64Array(N * H);
  const logits = new Float64Array(K);

  const forwardRow = (x: Float64Array, r: number, h: Float64Array, hOff: number) => {
    for (let j = 0; j < H; j++) {
      let z = b1[j] ?? 0;
      for (let f = 0; f < F; f++) z += (x[r * F + f] ?? 0) * (w1[f * H + j] ?? 0);
      h[hOff + j] = z > 0 ? z : 0;
    }
    for (let k = 0; k < K; k++) {
      let z = b2[k] ?? 0;
      for (let j = 0; j < H; j++) z += (h[hOff + j] ?? 0) * (w2[j * K + k] ?? 0);
      logits[k] = z;
    }
  };

  for (let t = 1; t <= o.epochs; t++) {
    grads.forEach((g) => g.fill(0));
    const [g1, gb1, g2, gb2] = grads as [Float64Array, Float64Array, Float64Array, Float64Array];
    for (let r = 0; r < N; r++) {
      forwardRow(data.x, r, hidden, r * H);
      const max = Math.max(...logits);
      let sum = 0;
      for (let k = 0; k < K; k++) sum += Math.exp((logits[k] ?? 0) - max);
      const dh = new Float64Array(H);
      for (let k = 0; k < K; k++) {
        const d = (Math.exp((logits[k] ?? 0) - max) / sum - (encoded[r] === k ? 1 : 0)) / N;
        gb2[k] = (gb2[k] ?? 0) + d;
        for (let j = 0; j < H; j++) {
          g2[j * K + k] = (g2[j * K + k] ?? 0) + d * (hidden[r * H + j] ?? 0);
          dh[j] = (dh[j] ?? 0) + d * (w2[j * K + k] ?? 0);
        }
      }
      for (let j = 0; j < H; j++) {
        if ((hidden[r * H + j] ?? 0) <= 0) continue;
        const d = dh[j] ?? 0;
        gb1[j] = (gb1[j] ?? 0) + d;
        for (let f = 0; f < F; f++) g1[f * H + j] = (g1[f * H + j] ?? 0) + d * (data.x[r * F + f] ?? 0);
      }
    }
    // Adam (β1 0.9, β2 0.999, ε 1e-8).
    params.forEach((p, i) => {
      const g = grads[i] as Float64Array;
      const mi = m[i] as Float64Array;
      const vi = v[i] as Float64Array;
      for (let q = 0; q < p.length; q++) {
        mi[q] = 0.9 * (mi[q] ?? 0) + 0.1 * (g[q] ?? 0);
        vi[q] = 0.999 * (vi[q] ?? 0) + 0.001 * (g[q] ?? 0) ** 2;
        p[q] = (p[q] ?? 0) - (o.learningRate * ((mi[q] ?? 0) / (1 - 0.9 ** t))) / (Math.sqrt((vi[q] ?? 0) / (1 - 0.999 ** t)) + 1e-8);
      }
    });
  }

  const model: FittedClassifier = {
    nFeatures: F,
    classes,
    predict(x, nRows) {
      checkColumns(model, x, nRows);
      const h = new Float64Array(H);
      return Int32Array.from({ length: nRows }, (_, r) => {
        forwardRow(x, r, h, 0);
        let best = 0;
        for (let k = 1; k < K; k++) if ((logits[k] ?? 0) > (logits[best] ?? 0)) best = k;
        return classes[best] ?? 0;
      });
    },
    importance: () => Float64Array.from({ length: F }, (_, f) => w1.subarray(f * H, (f + 1) * H).reduce((s, w) => s + w * w, 0)),
    score: (x, nRows, y) => accuracyScore(model, x, nRows, y),
  };
  return model;
}

export function mlpEstimator(options: Partial<MlpEstimatorOptions> = {}): Estimator {
  const o = { ...DEFAULT_MLP_ESTIMATOR, ...options };
  return { name: `MLP(${o.hidden} relu, Adam, ${o.epochs} epochs)`, fit: (d) => fitMlpEstimator(d, o) };
}
