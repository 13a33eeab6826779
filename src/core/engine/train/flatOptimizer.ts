import type { TrainingSpec } from '../../spec/sections';

/**
 * The optimizers of `createOptimizer`, as one update loop over every parameter held in a single
 * flat buffer (the fused training path). Same rules and constants as tf.train's:
 * - SGD: w ← w − lr·g
 * - momentum: a ← μ·a + g; w ← w − lr·a (Nesterov: w ← w − lr·(g + μ·a))
 * - Adam (β1, β2, ε 1e-8): m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²;
 *   w ← w − lr·(m / (1−β1ᵗ)) / (√(v / (1−β2ᵗ)) + ε)
 * - RMSprop (ρ 0.9, no momentum, ε 1e-7): s ← ρ·s + (1−ρ)·g²; w ← w − lr·g / √(s + ε)
 * State is float32, as the variables it replaces; arithmetic is in double precision.
 */
export class FlatOptimizer {
  learningRate: number;
  private readonly first: Float32Array;
  private readonly second: Float32Array;
  private accBeta1: number;
  private accBeta2: number;

  constructor(
    private readonly t: TrainingSpec,
    size: number,
  ) {
    this.learningRate = t.learningRate;
    const needsFirst = t.optimizer === 'momentum' || t.optimizer === 'adam';
    const needsSecond = t.optimizer === 'adam' || t.optimizer === 'rmsprop';
    this.first = new Float32Array(needsFirst ? size : 0);
    this.second = new Float32Array(needsSecond ? size : 0);
    this.accBeta1 = t.beta1 ?? 0.9;
    this.accBeta2 = t.beta2 ?? 0.999;
  }

  /** This step's Adam constants (α = lr/(1−β1ᵗ), c = 1/(1−β2ᵗ)), advancing t: for a kernel that updates its own moments. */
  adamStep(): { alpha: number; c: number; beta1: number; beta2: number } {
    const beta1 = this.t.beta1 ?? 0.9;
    const beta2 = this.t.beta2 ?? 0.999;
    const out = { alpha: this.learningRate / (1 - this.accBeta1), c: 1 / (1 - this.accBeta2), beta1, beta2 };
    this.accBeta1 *= beta1;
    this.accBeta2 *= beta2;
    return out;
  }

  /** One update of every parameter `w[k]` by its gradient `g[k]` (one loop per rule, so each stays monomorphic). */
  step(w: Float32Array, g: Float32Array): void {
    switch (this.t.optimizer) {
      case 'sgd':
        return sgd(w, g, this.learningRate);
      case 'momentum':
        return momentum(w, g, this.first, this.learningRate, this.t.momentum, this.t.nesterov ?? false);
      case 'adam': {
        const { alpha, c, beta1, beta2 } = this.adamStep();
        adam(w, g, this.first, this.second, alpha, c, beta1, beta2);
        return;
      }
      case 'rmsprop':
        return rmsprop(w, g, this.second, this.learningRate);
    }
  }
}

function sgd(w: Float32Array, g: Float32Array, lr: number): void {
  for (let k = 0; k < w.length; k++) w[k] = (w[k] as number) - lr * (g[k] as number);
}

function momentum(w: Float32Array, g: Float32Array, acc: Float32Array, lr: number, mu: number, nesterov: boolean): void {
  for (let k = 0; k < w.length; k++) {
    const gk = g[k] as number;
    const a = mu * (acc[k] as number) + gk;
    acc[k] = a;
    w[k] = (w[k] as number) - lr * (nesterov ? gk + mu * a : a);
  }
}

/** w ← w − lr·(m/c1) / (√(v/c2) + ε), with a = lr/c1 and b = 1/c2 folded in. */
function adam(w: Float32Array, g: Float32Array, m: Float32Array, v: Float32Array, a: number, b: number, b1: number, b2: number): void {
  for (let k = 0; k < w.length; k++) {
    const gk = g[k] as number;
    const mk = b1 * (m[k] as number) + (1 - b1) * gk;
    const vk = b2 * (v[k] as number) + (1 - b2) * gk * gk;
    m[k] = mk;
    v[k] = vk;
    w[k] = (w[k] as number) - (a * mk) / (Math.sqrt(vk * b) + 1e-8);
  }
}

function rmsprop(w: Float32Array, g: Float32Array, s: Float32Array, lr: number): void {
  for (let k = 0; k < w.length; k++) {
    const gk = g[k] as number;
    const sk = 0.9 * (s[k] as number) + 0.1 * gk * gk;
    s[k] = sk;
    w[k] = (w[k] as number) - (lr * gk) / Math.sqrt(sk + 1e-7);
  }
}
