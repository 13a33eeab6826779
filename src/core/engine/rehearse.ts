import type { Dataset } from '../data/dataset';
import { createRng } from '../rng';
import { defaultSpec, type ExperimentSpec } from '../spec/schema';

/** Rows, features and epochs of the rehearsal: ~80 training steps, ~30 ms on WASM once warm. */
const ROWS = 240;
const FEATURES = 30;
const EPOCHS = 20;

/**
 * A small job a host runs once while the page is idle, before any real run: the default MLP trained
 * and scored on made-up rows through the same runner, so the JS engine has compiled and optimised
 * the training step, and the backend has its kernels, before the user's first run needs them (the
 * first job in a fresh worker took ~200–300 ms longer than the next). Nothing of it is kept: its
 * own network, its own seed, its tensors disposed; a run's numbers are the same with or without it.
 */
export function rehearsal(): { spec: ExperimentSpec; data: Dataset } {
  const base = defaultSpec();
  const rng = createRng(1);
  const x = Float64Array.from({ length: ROWS * FEATURES }, () => rng.next() * 2 - 1);
  // A learnable target (the sign of the first feature plus a little of the second), so the step runs as in a real fit.
  const y = Int32Array.from({ length: ROWS }, (_, i) => ((x[i * FEATURES] ?? 0) + 0.3 * (x[i * FEATURES + 1] ?? 0) > 0 ? 1 : 0));
  const data: Dataset = {
    name: 'rehearsal',
    featureNames: Array.from({ length: FEATURES }, (_, i) => `f${i}`),
    classNames: ['0', '1'],
    nRows: ROWS,
    nFeatures: FEATURES,
    x,
    y,
  };
  return { spec: { ...base, training: { ...base.training, epochs: EPOCHS } }, data };
}
