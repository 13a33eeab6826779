import type { Split } from '../cv/splits';
import type { Dataset } from '../data/dataset';
import { prepareFold, type FoldHooks } from '../experiment';
import { seeds } from '../cv/plan';
import { createMlp, disposeMlp } from '../model/mlp';
import { createRng, deriveSeed } from '../rng';
import type { ExperimentSpec } from '../spec/schema';
import { evaluate, train } from '../train/loop';
import { accountModel, type LayerWeights, type ModelAccount } from './accounting';
import { loadWeights, MaskSet, prunableSlots, readSlots, readWeights } from './masks';
import { PRUNE_METHODS, type PruneMethodId } from './registry';
import { levelsFor } from './plan';
import { agpShouldPrune, agpSparsity } from './schedule';

export { epochsPerFold, levelsFor, pointsPerFold } from './plan';
import type { Mask } from './types';

/** One measured point of the sweep: a (method, target sparsity) pair on one fold. */
export interface SweepPoint {
  fold: number;
  /** 'dense', a method id, or a method id + ' (random re-init)' for the lottery-ticket control. */
  series: string;
  method: PruneMethodId | 'dense';
  targetSparsity: number;
  /** Zero fraction of the prunable tensors, from the masks. */
  achievedSparsity: number;
  accuracy: number;
  account: ModelAccount;
  /** Fold 0 only, for the charts: the final masks, one per prunable tensor. */
  masks?: Mask[];
}

export interface SweepDetail {
  /** Names and shapes of the prunable tensors, in mask order. */
  slots: { name: string; shape: readonly number[] }[];
  /** The trained dense model's prunable weights (fold 0), for the magnitude histogram. */
  denseValues: Float32Array[];
}

export interface SweepHooks extends FoldHooks {
  onPoint?: (p: SweepPoint) => void;
  /** Ticks once per epoch of pruned (re)training, for progress. */
  onRetrainEpoch?: (fold: number) => void;
  /** Receives fold 0's dense weights once, before its first pruned point. */
  onDetail?: (d: SweepDetail) => void;
}

const ones = (n: number): Mask => new Uint8Array(n).fill(1);
const zeroFraction = (masks: readonly Mask[]): number => {
  const total = masks.reduce((n, m) => n + m.length, 0);
  const zeros = masks.reduce((n, m) => n + m.reduce((z, v) => z + (v === 0 ? 1 : 0), 0), 0);
  return total ? zeros / total : 0;
};

/**
 * One fold of a pruning sweep: train the dense model, then for every method × target sparsity
 * start again from the trained (or, for IMP, rewound) weights, prune, (re)train with the masks
 * held, and score on the fold's held-out rows. Every tensor is disposed before it returns.
 */
export async function runSweepFold(spec: ExperimentSpec, ds: Dataset, split: Split, fold: number, hooks: SweepHooks = {}): Promise<SweepPoint[]> {
  const p = spec.pruning;
  if (!p) throw new Error('This spec has no pruning section.');
  const { trainRows, testRows } = prepareFold(spec, ds, split);
  const mlp = createMlp(spec.model, ds.nFeatures, ds.classNames.length, seeds.init(spec.seed, fold), ds.imageShape);
  const slots = prunableSlots(mlp, p.scope);
  const maskSet = new MaskSet(slots);
  const points: SweepPoint[] = [];
  const base = { training: spec.training, l1: spec.model.l1, l2: spec.model.l2, ...(hooks.isCancelled ? { isCancelled: hooks.isCancelled } : {}) };
  try {
    let rewind: LayerWeights[] = await readWeights(mlp);
    await train(mlp, trainRows, {
      ...base,
      seed: seeds.shuffle(spec.seed, fold),
      val: testRows,
      onEpoch: async (m) => {
        hooks.onEpoch?.(fold, m);
        if (p.schedule === 'imp' && m.epoch === p.rewindEpoch) rewind = await readWeights(mlp);
      },
    });
    const trained = await readWeights(mlp);
    const score = async (series: string, method: PruneMethodId | 'dense', target: number, masks: Mask[]): Promise<void> => {
      const { accuracy } = await evaluate(mlp, testRows);
      const point: SweepPoint = { fold, series, method, targetSparsity: target, achievedSparsity: zeroFraction(masks), accuracy, account: accountModel(await readWeights(mlp)) };
      if (fold === 0) point.masks = masks.map((m) => Uint8Array.from(m));
      points.push(point);
      hooks.onPoint?.(point);
    };
    await score('dense', 'dense', 0, slots.map((s) => ones(s.variable.size)));
    if (fold === 0) {
      const dense = await readSlots(slots);
      hooks.onDetail?.({ slots: dense.map((t) => ({ name: t.name, shape: t.shape })), denseValues: dense.map((t) => t.values) });
    }

    const retrain = async (epochs: number, seedPath: number[], beforeStep?: (step: number) => Promise<void>) => {
      if (epochs <= 0) return;
      await train(mlp, trainRows, {
        ...base,
        training: { ...spec.training, epochs, earlyStopping: { ...spec.training.earlyStopping, enabled: false } },
        seed: deriveSeed(spec.seed, 5, fold, ...seedPath),
        onEpoch: () => hooks.onRetrainEpoch?.(fold),
        afterStep: () => maskSet.apply(),
        ...(beforeStep ? { beforeStep } : {}),
      });
    };

    for (const [mi, id] of p.methods.entries()) {
      const method = PRUNE_METHODS[id];
      for (const [li, target] of levelsFor(method, p).entries()) {
        const rng = createRng(deriveSeed(spec.seed, 4, fold, mi, li));
        const ctx = (amount: number, amountOf: 'remaining' | 'total') => ({ amount, rng, nm: p.nm, semantics: { ties: p.semantics.ties, amountOf }, ...(p.layerTargets ? { layerTargets: p.layerTargets } : {}) });
        const fresh = () => slots.map((s) => ones(s.variable.size));
        if (p.schedule === 'oneshot') {
          loadWeights(mlp, trained);
          maskSet.set(method.prune(await readSlots(slots), fresh(), ctx(target, 'total')));
          await retrain(p.finetuneEpochs, [mi, li]);
        } else if (p.schedule === 'agp') {
          loadWeights(mlp, trained);
          maskSet.set(fresh());
          const stepsPerEpoch = Math.ceil(trainRows.n / Math.min(spec.training.batchSize, trainRows.n));
          const total = p.finetuneEpochs * stepsPerEpoch;
          // Prune once per epoch over the first three quarters of fine-tuning, then recover at the final sparsity.
          const schedule = { initialSparsity: 0, finalSparsity: target, beginStep: 0, endStep: Math.max(0, Math.round(0.75 * total) - 1), frequency: stepsPerEpoch };
          if (total === 0) maskSet.set(method.prune(await readSlots(slots), fresh(), ctx(target, 'total')));
          await retrain(p.finetuneEpochs, [mi, li], async (step) => {
            if (agpShouldPrune(schedule, step)) maskSet.set(method.prune(await readSlots(slots), maskSet.masks, ctx(agpSparsity(schedule, step), 'total')));
          });
        } else {
          const rounds = method.targetsSparsity ? p.impRounds : 1;
          const epochs = p.finetuneEpochs || spec.training.epochs;
          let masks = fresh();
          loadWeights(mlp, trained);
          for (let r = 1; r <= rounds; r++) {
            // Geometric (a fraction of what remains, Frankle & Carbin) or linear (of all weights) steps to the target.
            const amount = p.semantics.amountOf === 'remaining' ? 1 - (1 - target) ** (1 / rounds) : (target * r) / rounds;
            masks = method.prune(await readSlots(slots), masks, ctx(amount, p.semantics.amountOf));
            loadWeights(mlp, rewind);
            maskSet.set(masks);
            await retrain(epochs, [mi, li, r]);
          }
          if (p.randomReinit) {
            await score(id, id, target, masks);
            const reinit = createMlp(spec.model, ds.nFeatures, ds.classNames.length, deriveSeed(spec.seed, 6, fold, mi, li), ds.imageShape);
            try {
              loadWeights(mlp, await readWeights(reinit));
            } finally {
              disposeMlp(reinit);
            }
            maskSet.set(masks);
            await retrain(epochs, [mi, li, 99]);
            await score(`${id} (random re-init)`, id, target, masks);
            continue;
          }
        }
        await score(id, id, target, maskSet.masks);
      }
    }
    return points;
  } finally {
    maskSet.dispose();
    disposeMlp(mlp);
  }
}
