import * as tf from '@tensorflow/tfjs-core';
import type { TrainingSpec } from '../../spec/sections';

/**
 * SGD, heavy-ball momentum, Adam (β1 0.9, β2 0.999, ε 1e-8 as scikit-learn's MLP) and
 * RMSprop (ρ 0.9, no momentum, as Keras' defaults), all from tf.train.
 */
export function createOptimizer(t: TrainingSpec): tf.Optimizer {
  switch (t.optimizer) {
    case 'sgd':
      return tf.train.sgd(t.learningRate);
    case 'momentum': {
      const opt = tf.train.momentum(t.learningRate, t.momentum, t.nesterov ?? false);
      // tfjs 4.22's MomentumOptimizer.dispose() skips SGDOptimizer.dispose(), leaking the −lr scalar: free it too.
      const disposeMomentum = opt.dispose.bind(opt);
      opt.dispose = () => {
        disposeMomentum();
        tf.SGDOptimizer.prototype.dispose.call(opt);
      };
      return opt;
    }
    case 'adam':
      return tf.train.adam(t.learningRate, t.beta1 ?? 0.9, t.beta2 ?? 0.999, 1e-8);
    case 'rmsprop':
      return tf.train.rmsprop(t.learningRate, 0.9, 0, 1e-7);
  }
}

/** Sets the learning rate an optimizer uses from its next step on (a schedule's per-epoch value). */
export function setLearningRate(opt: tf.Optimizer, lr: number): void {
  // SGD and momentum keep −lr as a tensor and have a setter; Adam and RMSprop read the number each step.
  // (tfjs optimizers override instanceof, so the method itself is what is tested.)
  const sgd = opt as unknown as { setLearningRate?: (lr: number) => void; learningRate: number };
  if (typeof sgd.setLearningRate === 'function') sgd.setLearningRate(lr);
  else sgd.learningRate = lr;
}
