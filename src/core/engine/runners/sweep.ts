import { sweepPointTag, type SweepDetail, type SweepFoldOutput, type SweepPoint, type SweepTask } from '../../kinds/sweep';
import { accountModel, type LayerWeights } from '../../prune/accounting';
import { levelsFor } from '../../prune/plan';
import { PRUNE_METHODS, type PruneMethodId } from '../../prune/registry';
import { agpShouldPrune, agpSparsity } from '../../prune/schedule';
import type { Mask } from '../../prune/types';
import { createRng } from '../../rng';
import { seeds, streamSeed } from '../../seeds';
import { loadWeights, MaskSet, prunableSlots, readSlots, readWeights } from '../prune/masks';
import { foldJob, offer, type FitHooks, type JobContext } from './context';

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
export async function runSweepJob(ctx: JobContext<SweepTask>): Promise<SweepFoldOutput> {
  const p = ctx.task;
  const { spec } = ctx;
  const { fold, trainRows, history, createNet, fit, score: evalTest } = foldJob(ctx);
  const net = createNet();
  const slots = prunableSlots(net, p.scope);
  const maskSet = new MaskSet(slots);
  const points: SweepPoint[] = [];
  let detail: SweepDetail | undefined;
  try {
    let rewind: LayerWeights[] = await readWeights(net);
    await fit(net, spec.training.epochs, seeds.shuffle(spec.seed, fold), 'train', {
      afterEpoch: async (m, weightsReady) => {
        if (p.schedule !== 'imp' || m.epoch !== p.rewindEpoch) return;
        weightsReady();
        rewind = await readWeights(net);
      },
    });
    const trained = await readWeights(net);
    const score = async (series: string, method: PruneMethodId | 'dense', target: number, masks: Mask[]): Promise<void> => {
      await offer(ctx, series === 'dense' ? 'dense' : sweepPointTag(series, target), net);
      const { accuracy } = await evalTest(net);
      const point: SweepPoint = { fold, series, method, targetSparsity: target, achievedSparsity: zeroFraction(masks), accuracy, account: accountModel(await readWeights(net)) };
      if (fold === 0) point.masks = masks.map((m) => Uint8Array.from(m));
      points.push(point);
      ctx.emit({ type: 'point', point });
    };
    await score('dense', 'dense', 0, slots.map((s) => ones(s.variable.size)));
    if (fold === 0) {
      const dense = await readSlots(slots);
      detail = { slots: dense.map((t) => ({ name: t.name, shape: t.shape })), denseValues: dense.map((t) => t.values) };
    }

    const retrain = async (epochs: number, seedPath: number[], hook?: Pick<FitHooks, 'beforeStep' | 'beforeStepWhen'>) => {
      if (epochs <= 0) return;
      await fit(net, epochs, streamSeed(spec.seed, 'retrain', fold, ...seedPath), 'retrain', { holdMasks: maskSet, ...hook });
    };

    for (const [mi, id] of p.methods.entries()) {
      const method = PRUNE_METHODS[id];
      for (const [li, target] of levelsFor(method, p).entries()) {
        const rng = createRng(streamSeed(spec.seed, 'pruneSelect', fold, mi, li));
        const prune = async (masks: Mask[], amount: number, amountOf: 'remaining' | 'total') =>
          method.prune(await readSlots(slots), masks, { amount, rng, nm: p.nm, semantics: { ties: p.semantics.ties, amountOf }, ...(p.layerTargets ? { layerTargets: p.layerTargets } : {}) });
        const fresh = () => slots.map((s) => ones(s.variable.size));
        if (p.schedule === 'oneshot') {
          loadWeights(net, trained);
          maskSet.set(await prune(fresh(), target, 'total'));
          await retrain(p.finetuneEpochs, [mi, li]);
        } else if (p.schedule === 'agp') {
          loadWeights(net, trained);
          maskSet.set(fresh());
          const stepsPerEpoch = Math.ceil(trainRows.n / Math.min(spec.training.batchSize, trainRows.n));
          const total = p.finetuneEpochs * stepsPerEpoch;
          // Prune once per epoch over the first three quarters of fine-tuning, then recover at the final sparsity.
          const schedule = { initialSparsity: 0, finalSparsity: target, beginStep: 0, endStep: Math.max(0, Math.round(0.75 * total) - 1), frequency: stepsPerEpoch };
          if (total === 0) maskSet.set(await prune(fresh(), target, 'total'));
          await retrain(p.finetuneEpochs, [mi, li], {
            beforeStepWhen: (step) => agpShouldPrune(schedule, step),
            beforeStep: async (step) => maskSet.set(await prune(maskSet.masks, agpSparsity(schedule, step), 'total')),
          });
        } else {
          const rounds = method.targetsSparsity ? p.impRounds : 1;
          const epochs = p.finetuneEpochs || spec.training.epochs;
          let masks = fresh();
          loadWeights(net, trained);
          for (let r = 1; r <= rounds; r++) {
            // Geometric (a fraction of what remains, Frankle & Carbin) or linear (of all weights) steps to the target.
            const amount = p.semantics.amountOf === 'remaining' ? 1 - (1 - target) ** (1 / rounds) : (target * r) / rounds;
            masks = await prune(masks, amount, p.semantics.amountOf);
            loadWeights(net, rewind);
            maskSet.set(masks);
            await retrain(epochs, [mi, li, r]);
          }
          if (p.randomReinit) {
            await score(id, id, target, masks);
            const reinit = createNet(streamSeed(spec.seed, 'reinit', fold, mi, li));
            try {
              loadWeights(net, await readWeights(reinit));
            } finally {
              reinit.dispose();
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
    return { fold, points, history, ...(detail ? { detail } : {}) };
  } finally {
    maskSet.dispose();
    net.dispose();
  }
}
