import { describe, expect, it } from 'vitest';
import { defaultSpecFor, withTask } from '../spec/edit';
import { baseOf } from '../spec/schema';
import { removedLabel, structuralKind, type StructuralTask } from './structural';

const task = (over: Partial<StructuralTask>): StructuralTask => ({ ...structuralKind.defaults(), ...over });

describe('structural pruning says what it removed', () => {
  it('neurons and filters by fraction; layer removal by which layer (not "0% of neurons removed")', () => {
    expect(removedLabel(task({ ratio: 0.5 }), 'mlp')).toBe('50% of neurons removed');
    expect(removedLabel(task({ ratio: 0.25 }), 'cnn')).toBe('25% of filters removed');
    expect(removedLabel(task({ action: 'layer', layer: 2, ratio: 0 }), 'mlp')).toBe('hidden layer 2 removed');
  });

  it('plans one job per fold, and refuses what cannot run with a specific message', () => {
    const spec = withTask(defaultSpecFor('wine'), 'structural');
    const data = { nRows: 178, nFeatures: 13, nClasses: 3, featureNames: [] };
    expect(structuralKind.plan(baseOf(spec), task({ steps: 3, finetuneEpochs: 10 }), data).map((j) => [j.epochs, j.points])).toEqual(Array(5).fill([300 + 30, 3]));
    expect(() => structuralKind.plan(baseOf(spec), task({ action: 'layer', layer: 2 }), data)).toThrow('the model has 1 hidden layer(s); there is no layer 2 to drop');
    expect(() => structuralKind.plan({ ...baseOf(spec), model: { kind: 'mlp', hidden: [], l1: 0, l2: 0 } }, task({}), data)).toThrow('needs at least one hidden layer');
  });
});
