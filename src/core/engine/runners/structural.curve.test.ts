import { type MlpModelSpec } from '../../spec/sections';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultTask } from '../../spec/schema';
import { defaultSpecFor } from '../../spec/edit';
import { loadBuiltinSync, useBackend } from '../../testing/node';
import { runJob } from '../../testing/run';

const wine = loadBuiltinSync('wine', 'wine_data.csv');

beforeAll(async () => {
  await useBackend('cpu');
});

describe('a structural run draws one curve per fold (fine-tuning used to restart at epoch 1: a zig-zag)', () => {
  it('fine-tuning epochs continue the training curve, and the pruning steps are marked where they happened', async () => {
    const spec = defaultSpecFor('wine');
    spec.cv.folds = 3;
    spec.training.epochs = 6;
    (spec.model as MlpModelSpec).hidden = [{ units: 12, activation: 'relu', dropout: 0 }, { units: 8, activation: 'relu', dropout: 0 }];
    spec.task = { ...defaultTask('structural'), steps: 2, finetuneEpochs: 3 };
    const { output, events } = await runJob(spec as typeof spec & { task: { kind: 'structural' } }, wine, 1);
    if (!('history' in output) || !('prunedAfterEpoch' in output)) throw new Error('expected a structural fold result');
    expect(output.history.map((m) => m.epoch)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    expect(output.prunedAfterEpoch).toEqual([6, 9]);
    const streamed = events.flatMap((e) => (e.type === 'epoch' && e.metrics ? [e.metrics.epoch] : []));
    expect(streamed).toEqual(output.history.map((m) => m.epoch));
    expect(events.filter((e) => e.type === 'epoch').map((e) => (e.type === 'epoch' ? e.phase : ''))).toEqual([...Array(6).fill('train'), ...Array(6).fill('finetune')]);
  });
});
