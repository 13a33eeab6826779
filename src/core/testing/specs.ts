import type { KindResult, ResultOf, RunKindId, TaskOf } from '../kinds/registry';
import { defaultSpec, defaultTask, type ExperimentSpec, type SpecOf } from '../spec/schema';

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

/** The spec with its task replaced by `kind`'s defaults, then `over` (typed by the kind). */
export function withTask<K extends RunKindId>(spec: ExperimentSpec, kind: K, over: Partial<Omit<TaskOf<K>, 'kind'>> = {}): SpecOf<K> {
  return { ...spec, task: { ...defaultTask(kind), ...over } } as SpecOf<K>;
}

/** A run's result, checked to be of `kind` (a run of another kind is a test failure, not a cast). */
export function resultOf<K extends RunKindId>(outcome: { result: KindResult }, kind: K): ResultOf<K> {
  if (outcome.result.kind !== kind) throw new Error(`Expected a ${kind} result, got ${outcome.result.kind}.`);
  return outcome.result as ResultOf<K>;
}
