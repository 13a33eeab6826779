/**
 * The one naming rule for weight layers, shared by the models, pruning slots, accounting, charts
 * and exported TF.js models: convolutions `conv_1…`, dense hidden layers `dense_1…`, and the
 * classifier layer `output`. A prunable tensor is `<layer>/kernel` or `<layer>/bias`.
 */
export function layerName(type: 'conv2d' | 'dense', index: number, isOutput = false): string {
  if (isOutput) return 'output';
  return type === 'conv2d' ? `conv_${index + 1}` : `dense_${index + 1}`;
}

export const tensorName = (layer: string, part: 'kernel' | 'bias'): string => `${layer}/${part}`;
