import type { Standardizer } from '../data/standardize';
import type { JobEvent, Phase } from '../kinds/types';
import type { Activation } from '../spec/sections';
import type { LayerSnapshot, NetSnapshot } from '../teach/snapshot';
import { DenseHeadNet } from './model/base';
import type { Network } from './model/network';

/** Fewest milliseconds between two live snapshots of training (the last epoch of a phase always sends one). */
export const SNAPSHOT_INTERVAL_MS = 200;

/**
 * Sends snapshots of a job's network for the teaching views: live (throttled) while it trains and
 * fine-tunes, and at each moment its runner offers (the trained model, each sweep point, the shrunk
 * network). Reading weights costs one download per layer; nothing is kept.
 */
export interface Teacher {
  /** The fold's scaler, set by foldJob, so the main thread can standardise its grid the same way. */
  scaler: Standardizer | undefined;
  /** `weightsReady` writes the trainer's weights into `net` (called before a snapshot reads them). */
  epoch(net: Network, phase: Phase, epoch: number, last: boolean, weightsReady?: () => void): Promise<void>;
  moment(tag: string, net: Network): Promise<void>;
}

async function readLayers(net: Network): Promise<LayerSnapshot[]> {
  const activations: Activation[] = net instanceof DenseHeadNet ? net.layers.map((l) => l.activation) : [];
  const layers = net.weightLayers;
  const dense = layers.filter((l) => l.type === 'dense');
  return Promise.all(
    layers.map(async (l) => ({
      name: l.name,
      type: l.type === 'conv2d' ? ('conv2d' as const) : ('dense' as const),
      shape: [...l.kernel.shape],
      kernel: (await l.kernel.data()) as Float32Array,
      bias: (await l.bias.data()) as Float32Array,
      activation: l.type === 'dense' ? (activations[dense.indexOf(l)] ?? 'linear') : 'relu',
    })),
  );
}

export function createTeacher(emit: (e: JobEvent) => void, now: () => number = Date.now): Teacher {
  const started = now();
  let last = -Infinity;
  const send = async (net: Network, tag: string, stage: NetSnapshot['stage'], epoch: number | null, scaler: Standardizer | undefined) => {
    if (net.kind === 'rnn') return; // the teaching views draw MLPs (diagram, boundary) and CNNs (filters)
    const snapshot: NetSnapshot = {
      tag,
      stage,
      epoch,
      kind: net.kind === 'cnn' ? 'cnn' : 'mlp',
      layers: await readLayers(net),
      scaler: scaler ? { mean: Array.from(scaler.mean), scale: Array.from(scaler.scale) } : null,
      atMs: now() - started,
    };
    emit({ type: 'snapshot', snapshot });
  };
  const teacher: Teacher = {
    scaler: undefined,
    async epoch(net, phase, epoch, isLast, weightsReady) {
      const t = now();
      if (!isLast && t - last < SNAPSHOT_INTERVAL_MS) return;
      last = t;
      weightsReady?.();
      await send(net, 'epoch', phase === 'train' ? 'training' : 'retraining', epoch, teacher.scaler);
    },
    moment: (tag, net) => send(net, tag, 'moment', null, teacher.scaler),
  };
  return teacher;
}
