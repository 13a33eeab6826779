import { describe, expect, it } from 'vitest';
import { cvKind } from '../kinds/cv';
import { defaultSweep, sweepKind, type SweepTask } from '../kinds/sweep';
import { defaultBase } from '../spec/sections';
import { magnitudeGlobal } from './methods/magnitudeGlobal';
import { nmSparsity } from './methods/nm';
import { randomUnstructured } from './methods/random';
import { levelsFor, pointsPerFold, sweepEpochs } from './plan';

const pruning = (over: Partial<SweepTask>): SweepTask => ({ ...defaultSweep(), ...over });

describe('levelsFor', () => {
  it('a sparsity-targeting method runs at every nonzero target, in order', () => {
    const p = pruning({ sparsities: [0, 0.5, 0.9, 0.95] });
    expect(levelsFor(magnitudeGlobal, p)).toEqual([0.5, 0.9, 0.95]);
    expect(levelsFor(randomUnstructured, p)).toEqual([0.5, 0.9, 0.95]);
  });

  it('N:M gives one level, 1 − N/M, whatever the targets', () => {
    expect(levelsFor(nmSparsity, pruning({ sparsities: [0.5, 0.9], nm: { n: 2, m: 4 } }))).toEqual([0.5]);
    expect(levelsFor(nmSparsity, pruning({ sparsities: [0.5, 0.9], nm: { n: 1, m: 4 } }))).toEqual([0.75]);
    expect(levelsFor(nmSparsity, pruning({ sparsities: [0.5], nm: { n: 3, m: 8 } }))).toEqual([0.625]);
  });
});

describe('pointsPerFold', () => {
  const base = { methods: ['magnitude-global', 'nm'] as SweepTask['methods'], sparsities: [0, 0.5, 0.9] };

  it('sums the levels of every method: 2 magnitude + 1 N:M = 3', () => {
    expect(pointsPerFold(pruning({ ...base, schedule: 'oneshot' }))).toBe(3);
    expect(pointsPerFold(pruning({ ...base, schedule: 'agp', randomReinit: true }))).toBe(3); // re-init is an IMP control only
    expect(pointsPerFold(pruning({ ...base, schedule: 'imp', randomReinit: false }))).toBe(3);
  });

  it('IMP with the random re-init control doubles the points', () => {
    expect(pointsPerFold(pruning({ ...base, schedule: 'imp', randomReinit: true }))).toBe(6);
  });

  it('the default sweep: 3 methods × 5 levels', () => {
    expect(pointsPerFold(defaultSweep())).toBe(15);
  });
});

describe('sweepEpochs', () => {
  it('without pruning (a cv run), or when no pruned point retrains: just the training epochs', () => {
    const base = { ...defaultBase(), training: { ...defaultBase().training, epochs: 123 } };
    const data = { nRows: 100, nFeatures: 4, nClasses: 2, featureNames: ['a', 'b', 'c', 'd'] };
    expect(cvKind.plan(base, { kind: 'cv' }, data).map((j) => j.epochs)).toEqual([123, 123, 123, 123, 123]);
    // A sweep's plan reports sweepEpochs per fold job.
    expect(sweepKind.plan(base, pruning({ finetuneEpochs: 10 }), data).map((j) => j.epochs)).toEqual(Array(5).fill(123 + 15 * 10));
    expect(sweepEpochs(123, pruning({ finetuneEpochs: 0 }))).toBe(123);
    expect(sweepEpochs(123, pruning({ methods: ['magnitude-global'], sparsities: [0], finetuneEpochs: 50 }))).toBe(123);
  });

  it('oneshot and agp: dense epochs + finetune epochs per point', () => {
    const p = pruning({ methods: ['magnitude-global', 'random'], sparsities: [0.5, 0.9, 0.95], finetuneEpochs: 50 });
    expect(sweepEpochs(100, { ...p, schedule: 'oneshot' })).toBe(100 + 6 * 50);
    expect(sweepEpochs(100, { ...p, schedule: 'agp' })).toBe(100 + 6 * 50);
    expect(sweepEpochs(100, { ...p, schedule: 'oneshot', finetuneEpochs: 0 })).toBe(100);
  });

  it('imp: rounds × epochs per round (training epochs when finetune is 0), plus one more run for the re-init control', () => {
    const p = pruning({ schedule: 'imp', methods: ['magnitude-layer'], sparsities: [0.5, 0.9], finetuneEpochs: 0, impRounds: 3, randomReinit: true });
    expect(sweepEpochs(100, p)).toBe(100 + 2 * (3 * 100 + 100)); // 900
    const q = pruning({ schedule: 'imp', methods: ['magnitude-global', 'random'], sparsities: [0.9], finetuneEpochs: 20, impRounds: 2, randomReinit: false });
    expect(sweepEpochs(100, q)).toBe(100 + 2 * (2 * 20)); // 180
  });

  it('imp with N:M: one round only (its sparsity is fixed), as runSweepJob runs it', () => {
    const p = pruning({ schedule: 'imp', methods: ['nm', 'magnitude-global'], sparsities: [0.9], finetuneEpochs: 20, impRounds: 3, randomReinit: false });
    expect(sweepEpochs(100, p)).toBe(100 + 1 * 20 + 1 * (3 * 20)); // 180
    expect(sweepEpochs(100, { ...p, randomReinit: true })).toBe(100 + (20 + 20) + (3 * 20 + 20)); // 220
  });
});
