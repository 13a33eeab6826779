import type { LayerDesc } from '../model/describe';

/**
 * How an imported model's prunable weights are named and typed in PruneLab (pruning slots, charts,
 * specs): a layer's 'kernel' is the layer's own name, as the built-in models' are; its other
 * kernels are `<layer>_recurrent` (as the built-in RNNs'), `<layer>.depthwise`, `<layer>.pointwise`.
 * A slot's tensor is then `<name>/kernel` everywhere.
 */
export function importedWeightName(layer: string, slot: string): string {
  switch (slot) {
    case 'kernel':
      return layer;
    case 'recurrent_kernel':
      return `${layer}_recurrent`;
    case 'depthwise_kernel':
      return `${layer}.depthwise`;
    case 'pointwise_kernel':
      return `${layer}.pointwise`;
    default:
      return `${layer}.${slot}`;
  }
}

const RECURRENT = new Set(['LSTM', 'GRU', 'SimpleRNN']);

/** The weight layer type of a kernel slot of a TF.js layer class. */
export function importedWeightType(className: string, slot: string): LayerDesc['type'] {
  if (RECURRENT.has(className)) return slot === 'recurrent_kernel' ? 'rnn-recurrent' : 'rnn';
  return className === 'Dense' ? 'dense' : 'conv2d';
}
