import type * as tf from '@tensorflow/tfjs-core';
import type { TrainingSpec } from '../../spec/sections';
import type { MlpNet } from '../model/mlp';
import type { LearningTask } from '../task';
import { FlatOptimizer } from './flatOptimizer';
import { maskOffsets, type HeldMasks, type Ranges } from './fusedMath';

/**
 * What both fused trainers keep about an MLP's parameters (with the task and the L1/L2 weights): its variables in order (kernel, bias,
 * per layer), where each starts in the flat buffer, the kernels' ranges (for L1/L2), the flat
 * optimizer, masks held on the buffer, and whether the variables changed outside the trainer.
 */
export abstract class FlatParams {
  protected readonly vars: tf.Variable[];
  protected readonly offsets: number[] = [];
  protected readonly kernels: Ranges;
  protected readonly size: number;
  protected readonly optimizer: FlatOptimizer;
  /** The variables changed outside this trainer (or it has not read them yet): read them before the next step. */
  protected stale = true;
  protected held: { masks: HeldMasks; offsets: number[] } | null = null;

  constructor(
    protected readonly net: MlpNet,
    protected readonly task: LearningTask,
    t: TrainingSpec,
    protected readonly l1: number,
    protected readonly l2: number,
  ) {
    this.vars = net.layers.flatMap((l) => [l.kernel, l.bias]);
    let size = 0;
    for (const v of this.vars) {
      this.offsets.push(size);
      size += v.size;
    }
    this.size = size;
    this.kernels = net.layers.map((_, i) => [this.offsets[2 * i] as number, (this.offsets[2 * i] as number) + (this.vars[2 * i] as tf.Variable).size] as const);
    this.optimizer = new FlatOptimizer(t, size);
  }

  refresh(): void {
    this.stale = true;
  }

  setLearningRate(lr: number): void {
    this.optimizer.learningRate = lr;
  }

  holdMasks(masks: HeldMasks): boolean {
    const offsets = maskOffsets(masks, this.vars, this.offsets);
    this.held = offsets ? { masks, offsets } : null;
    return offsets !== null;
  }
}
