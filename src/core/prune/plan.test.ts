import { describe, expect, it } from 'vitest';
import { defaultPruning, defaultSpec, type ExperimentSpec, type PruningSpec } from '../spec/schema';
import { magnitudeGlobal } from './methods/magnitudeGlobal';
import { nmSparsity } from './methods/nm';
import { randomUnstructured } from './methods/random';
import { epochsPerFold, levelsFor, pointsPerFold } from './plan';

const pruning = (over: Partial<PruningSpec>): PruningSpec => ({ ...defaultPruning(), ...over });
const spec = (p: PruningSpec | undefined, epochs = 100): ExperimentSpec => {
  const s = defaultSpec();
  s.training.epochs = epochs;
  if (p) s.pruning = p;
  return s;
};

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
  const base = { methods: ['magnitude-global', 'nm'] as PruningSpec['methods'], sparsities: [0, 0.5, 0.9] };

  it('sums the levels of every method: 2 magnitude + 1 N:M = 3', () => {
    expect(pointsPerFold(pruning({ ...base, schedule: 'oneshot' }))).toBe(3);
    expect(pointsPerFold(pruning({ ...base, schedule: 'agp', randomReinit: true }))).toBe(3); // re-init is an IMP control only
    expect(pointsPerFold(pruning({ ...base, schedule: 'imp', randomReinit: false }))).toBe(3);
  });

  it('IMP with the random re-init control doubles the points', () => {
    expect(pointsPerFold(pruning({ ...base, schedule: 'imp', randomReinit: true }))).toBe(6);
  });

  it('the default sweep: 3 methods × 5 levels', () => {
    expect(pointsPerFold(defaultPruning())).toBe(15);
  });
});

describe('epochsPerFold', () => {
  it('without pruning: just the training epochs', () => {
    expect(epochsPerFold(spec(undefined, 123))).toBe(123);
  });

  it('oneshot and agp: dense epochs + finetune epochs per point', () => {
    const p = pruning({ methods: ['magnitude-global', 'random'], sparsities: [0.5, 0.9, 0.95], finetuneEpochs: 50 });
    expect(epochsPerFold(spec({ ...p, schedule: 'oneshot' }))).toBe(100 + 6 * 50);
    expect(epochsPerFold(spec({ ...p, schedule: 'agp' }))).toBe(100 + 6 * 50);
    expect(epochsPerFold(spec({ ...p, schedule: 'oneshot', finetuneEpochs: 0 }))).toBe(100);
  });

  it('imp: rounds × epochs per round (training epochs when finetune is 0), plus one more run for the re-init control', () => {
    const p = pruning({ schedule: 'imp', methods: ['magnitude-layer'], sparsities: [0.5, 0.9], finetuneEpochs: 0, impRounds: 3, randomReinit: true });
    expect(epochsPerFold(spec(p))).toBe(100 + 2 * (3 * 100 + 100)); // 900
    const q = pruning({ schedule: 'imp', methods: ['magnitude-global', 'random'], sparsities: [0.9], finetuneEpochs: 20, impRounds: 2, randomReinit: false });
    expect(epochsPerFold(spec(q))).toBe(100 + 2 * (2 * 20)); // 180
  });

  it('imp with N:M: one round only (its sparsity is fixed), as runSweepFold runs it', () => {
    const p = pruning({ schedule: 'imp', methods: ['nm', 'magnitude-global'], sparsities: [0.9], finetuneEpochs: 20, impRounds: 3, randomReinit: false });
    expect(epochsPerFold(spec(p))).toBe(100 + 1 * 20 + 1 * (3 * 20)); // 180
    expect(epochsPerFold(spec({ ...p, randomReinit: true }))).toBe(100 + (20 + 20) + (3 * 20 + 20)); // 220
  });
});
