import { CancelledError } from '../../errors';
import type { SensitivityFoldOutput, SensitivityTask } from '../../kinds/sensitivity';
import { magnitudeLayer } from '../../prune/methods/magnitudeLayer';
import type { Mask } from '../../prune/types';
import { createRng } from '../../rng';
import { seeds, streamSeed } from '../../seeds';
import { sensitivityGrid, type SensitivityPoint } from '../../sensitivity/curves';
import { loadWeights, MaskSet, prunableSlots, readSlots, readWeights } from '../prune/masks';
import { foldJob, offer, type JobContext } from './context';

/**
 * Sensitivity analysis (Distiller, `perform_sensitivity_analysis`), one fold: train the dense
 * model, then for each prunable tensor and each sparsity, prune that tensor alone by L1 magnitude
 * (exact-k) and score the held-out rows without fine-tuning. One curve per tensor.
 */
export async function runSensitivityJob(ctx: JobContext<SensitivityTask>): Promise<SensitivityFoldOutput> {
  const { spec, task } = ctx;
  const { fold, history, createNet, fit, score } = foldJob(ctx);
  const net = createNet();
  const slots = prunableSlots(net, task.scope);
  const maskSet = new MaskSet(slots);
  const points: SensitivityPoint[] = [];
  const rng = createRng(streamSeed(spec.seed, 'sensitivity', fold));
  try {
    await fit(net, spec.training.epochs, seeds.shuffle(spec.seed, fold), 'train');
    await offer(ctx, 'dense', net);
    const trained = await readWeights(net);
    const dense = await readSlots(slots);
    for (const [si, slot] of slots.entries()) {
      // 0 % is always measured: it is the unpruned reference every curve and target is read against.
      for (const sparsity of sensitivityGrid(task.sparsities)) {
        if (ctx.isCancelled()) throw new CancelledError();
        loadWeights(net, trained);
        const masks: Mask[] = dense.map((t) => new Uint8Array(t.values.length).fill(1));
        const tensor = dense[si];
        if (!tensor) throw new Error(`No weights read for ${slot.name}.`);
        const [pruned] = magnitudeLayer.prune([tensor], [masks[si] as Mask], { amount: sparsity, rng, nm: { n: 2, m: 4 }, semantics: { ties: 'exact-k', amountOf: 'total' } });
        if (!pruned) throw new Error(`Magnitude pruning returned no mask for ${slot.name}.`);
        masks[si] = pruned;
        maskSet.set(masks);
        const { accuracy } = await score(net);
        const point: SensitivityPoint = { fold, slot: slot.name, sparsity, accuracy };
        points.push(point);
        ctx.emit({ type: 'point', point });
      }
    }
    return { fold, points, history };
  } finally {
    maskSet.dispose();
    net.dispose();
  }
}
