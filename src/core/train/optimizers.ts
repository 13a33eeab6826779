import * as tf from '@tensorflow/tfjs';
import type { TrainingSpec } from '../spec/schema';

/**
 * SGD, heavy-ball momentum, Adam (β1 0.9, β2 0.999, ε 1e-8 as scikit-learn's MLP) and
 * RMSprop (ρ 0.9, no momentum, as Keras' defaults), all from tf.train.
 */
export function createOptimizer(t: TrainingSpec): tf.Optimizer {
  switch (t.optimizer) {
    case 'sgd':
      return tf.train.sgd(t.learningRate);
    case 'momentum':
      return tf.train.momentum(t.learningRate, t.momentum);
    case 'adam':
      return tf.train.adam(t.learningRate, 0.9, 0.999, 1e-8);
    case 'rmsprop':
      return tf.train.rmsprop(t.learningRate, 0.9, 0, 1e-7);
  }
}
