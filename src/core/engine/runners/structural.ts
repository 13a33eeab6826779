import { fitPca, pcaReconstructionError, PCA_MAX_FEATURES } from '../../task/pca';
import { codeLayerIndex } from '../../task/learning';
import { structuralAction, type CodeReference, type StructuralFoldResult, type StructuralSnapshot, type StructuralStep, type StructuralTask } from '../../kinds/structural';
import { keptAfterStep, selectGlobal, selectLayerwise } from '../../structural/select';
import { seeds, streamSeed } from '../../seeds';
import { CnnNet } from '../model/cnn';
import { MlpNet } from '../model/mlp';
import { RnnNet } from '../model/rnn';
import type { Network } from '../model/network';
import { scoreUnits } from '../structural/criteria';
import { filterNorms } from '../structural/filters';
import { recurrentUnitNorms } from '../structural/recurrent';
import { flopsSpeedup, latencyBatch, measurePair, type LatencyOptions } from '../structural/latency';
import { removeLayer } from '../structural/shrink';
import { expandWeights } from '../../model/expand';
import { loadWeights, readWeights } from '../prune/masks';
import { foldJob, offer, type JobContext } from './context';

export interface StructuralJobOptions {
  /** Latency measurement: timed repeats, warm-up runs, the timed batch's rows (default 256), the clock. */
  latency?: LatencyOptions & { batch?: number };
  /** Rows per scoring pass of the data-driven criteria (default 256). */
  scoreBatchSize?: number;
}

/**
 * One fold of structural pruning. Train the dense network with the spec's settings, then:
 * - neurons (MLP): score every hidden unit with the criterion on the fold's training rows, remove
 *   the lowest (per layer or globally), physically shrink the network, fine-tune; with k steps
 *   each keeps (1 − ratio)^(1/k) of what is left, rescoring each time, so after k steps exactly
 *   the one-shot count is gone;
 * - filters (CNN): rank each conv layer's filters by L1/L2 norm (Li et al. 2017), remove the same
 *   fraction per layer, rebuild, fine-tune;
 * - layer (MLP): drop one hidden layer (a fresh bridge joins its neighbours), retrain.
 * Both networks are measured the same way: held-out accuracy, parameters, FLOPs, and median
 * latency at batch 256 and batch 1 on the current backend, the dense model (kept as a copy) and the
 * pruned one timed in turns so that the machine's drift falls on both alike. Every tensor is disposed before it returns.
 */
export async function runStructuralJob(ctx: JobContext<StructuralTask>, opts: StructuralJobOptions = {}): Promise<StructuralFoldResult> {
  const started = Date.now();
  const { spec, task } = ctx;
  const action = structuralAction(task, spec.model.kind);
  const { fold, trainRows, testRows, history, createNet, fit, score, learning } = foldJob(ctx);
  // An autoencoder's reference: PCA fitted on the same training rows, scored on the same held-out rows.
  const pca = learning.id === 'reconstruction' && ctx.data.nFeatures <= PCA_MAX_FEATURES ? fitPca(trainRows.x, trainRows.n, ctx.data.nFeatures) : null;
  const codeOf = (net: Network): { code: CodeReference } | object => {
    if (!pca) return {};
    const units = net.unitGroups().map((g) => g.units);
    const code = units[codeLayerIndex(units)] ?? 0;
    return { code: { units: code, pcaError: pcaReconstructionError(pca, testRows.x, testRows.n, code) } };
  };
  const lat = opts.latency ?? {};
  const batch = latencyBatch(testRows.x, ctx.data.nFeatures, lat.batch ?? 256);
  const one = latencyBatch(testRows.x, ctx.data.nFeatures, 1);
  // Latency is measured at the end, the dense model (kept as a copy) and the pruned one interleaved.
  const snapshot = async (net: Network): Promise<StructuralSnapshot> => {
    const e = await score(net);
    return { params: net.params(), flops: net.flops(), hiddenUnits: net.unitGroups().map((g) => g.units), accuracy: e.accuracy, testLoss: e.loss, latency: emptyLatency(), ...codeOf(net) };
  };
  const finetuneSeed = (step: number) => streamSeed(spec.seed, 'finetune', fold, step);
  const prunedAfterEpoch: number[] = [];
  const steps: StructuralStep[] = [];
  let net: Network = createNet();
  let dense: Network | null = null;
  const replace = (next: Network) => {
    net.dispose();
    net = next;
    prunedAfterEpoch.push(history.length);
  };
  const finishStep = async (step: number) => {
    const s: StructuralStep = { step, hiddenUnits: net.unitGroups().map((g) => g.units), accuracy: (await score(net)).accuracy, ...codeOf(net) };
    steps.push(s);
    ctx.emit({ type: 'point', point: s });
  };
  try {
    await fit(net, spec.training.epochs, seeds.shuffle(spec.seed, fold), 'train');
    await offer(ctx, 'dense', net);
    const before = await snapshot(net);
    dense = net.clone();
    const original = net.unitGroups().map((g) => g.units);
    let keptOriginal = original.map((n) => Array.from({ length: n }, (_, j) => j));
    if (action === 'layer') {
      if (!(net instanceof MlpNet)) throw new Error('Layer removal drops a dense hidden layer of an MLP.');
      replace(removeLayer(net, task.layer - 1, streamSeed(spec.seed, 'layerRemoval', fold)));
      keptOriginal = [];
      await fit(net, task.finetuneEpochs, streamSeed(spec.seed, 'layerRemoval', fold, 1), 'finetune');
      await finishStep(1);
    } else {
      const nSteps = action === 'neurons' ? task.steps : 1;
      const total = original.reduce((s, n) => s + n, 0);
      for (let s = 1; s <= nSteps; s++) {
        const current = net.unitGroups().map((g) => g.units);
        let kept: number[][];
        if (net instanceof CnnNet) {
          if (task.criterion !== 'l1' && task.criterion !== 'l2') throw new Error('Filter pruning ranks filters by their L1 or L2 norm: choose one of those criteria.');
          kept = selectLayerwise(await filterNorms(net, task.criterion), current.map((n, i) => n - keptAfterStep(original[i] ?? n, task.ratio, s, nSteps)));
        } else if (net instanceof RnnNet) {
          if (task.criterion !== 'l1' && task.criterion !== 'l2') throw new Error('Recurrent units are ranked by the L1 or L2 norm of their weights (all gates together): choose one of those criteria.');
          const scores = await recurrentUnitNorms(net, task.criterion);
          if (task.mode === 'layer') kept = selectLayerwise(scores, current.map((n, i) => n - keptAfterStep(original[i] ?? n, task.ratio, s, nSteps)));
          else kept = selectGlobal(scores, current.reduce((t, n) => t + n, 0) - Math.max(current.length, keptAfterStep(total, task.ratio, s, nSteps)), 'max');
        } else if (net instanceof MlpNet) {
          const scores = await scoreUnits(net, task.criterion, { rows: trainRows, ...(opts.scoreBatchSize ? { batchSize: opts.scoreBatchSize } : {}) });
          if (task.mode === 'layer') kept = selectLayerwise(scores, current.map((n, i) => n - keptAfterStep(original[i] ?? n, task.ratio, s, nSteps)));
          else kept = selectGlobal(scores, current.reduce((t, n) => t + n, 0) - Math.max(current.length, keptAfterStep(total, task.ratio, s, nSteps)), 'max');
        } else {
          throw new Error(`Structural pruning does not know the ${net.kind} model kind.`);
        }
        replace(net.shrink(kept));
        keptOriginal = keptOriginal.map((orig, i) => (kept[i] ?? []).map((j) => orig[j] as number));
        if (task.finetuneEpochs > 0) await fit(net, task.finetuneEpochs, finetuneSeed(s), 'finetune');
        await finishStep(s);
      }
    }
    const after = await snapshot(net);
    const denseNet = dense as Network;
    [before.latency, after.latency] = await measurePair(denseNet, net, batch, lat);
    [before.latency1, after.latency1] = await measurePair(denseNet, net, one, lat);
    await ctx.teach?.moment('shrunk', net);
    if (ctx.capture) {
      await ctx.capture('shrunk', net);
      if (action !== 'layer' && !(net instanceof RnnNet)) {
        // The masked twin: the dense architecture holding the pruned weights, zeros where units went.
        const full = createNet();
        try {
          loadWeights(full, expandWeights(await readWeights(net), keptOriginal, full.weightLayers.map((l) => ({ name: l.name, shape: l.kernel.shape, positions: l.positions }))));
          await ctx.capture('masked', full);
        } finally {
          full.dispose();
        }
      }
    }
    return {
      fold,
      action,
      criterion: task.criterion,
      mode: action === 'neurons' ? task.mode : 'layer',
      ratio: action === 'layer' ? 0 : task.ratio,
      ...(action === 'layer' ? { removedLayer: task.layer } : {}),
      before,
      after,
      theoreticalSpeedup: flopsSpeedup(before, after),
      measuredSpeedup: before.latency.medianMs / after.latency.medianMs,
      measuredSpeedup1: (before.latency1?.medianMs ?? Number.NaN) / (after.latency1?.medianMs ?? Number.NaN),
      steps,
      keptOriginal,
      history,
      prunedAfterEpoch,
      ms: Date.now() - started,
    };
  } finally {
    net.dispose();
    dense?.dispose();
  }
}

/** A placeholder until the interleaved measurement fills it in. */
const emptyLatency = (): StructuralSnapshot['latency'] => ({ medianMs: Number.NaN, p10: Number.NaN, p90: Number.NaN, runs: [], backend: '', batch: 0 });
