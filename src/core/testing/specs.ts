import { defaultSpec, type ExperimentSpec } from '../spec/schema';

/** A CNN on digits for tests: two conv blocks (`filters`, 3×3, ReLU, max-pool) and one dense layer. */
export function digitsCnnSpec(filters: readonly [number, number], dense: number, training: Partial<ExperimentSpec['training']>): ExperimentSpec {
  const spec = defaultSpec();
  spec.dataset = { kind: 'builtin', name: 'digits' };
  spec.model = {
    kind: 'cnn',
    conv: filters.map((f) => ({ filters: f, kernelSize: 3, activation: 'relu' as const, pool: 'max' as const })),
    hidden: [{ units: dense, activation: 'relu', dropout: 0 }],
    l1: 0,
    l2: 0,
  };
  spec.training = { ...spec.training, ...training };
  return spec;
}
