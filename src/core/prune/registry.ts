import { magnitudeGlobal } from './methods/magnitudeGlobal';
import { layerTargets } from './methods/layerTargets';
import { magnitudeLayer } from './methods/magnitudeLayer';
import { nmSparsity } from './methods/nm';
import { randomUnstructured } from './methods/random';
import type { PruneMethod } from './types';

/** Every parameter-pruning method: add a file in methods/ and one line here. */
export const PRUNE_METHODS = {
  'magnitude-layer': magnitudeLayer,
  'magnitude-global': magnitudeGlobal,
  random: randomUnstructured,
  nm: nmSparsity,
  'layer-targets': layerTargets,
} as const satisfies Record<string, PruneMethod>;

export type PruneMethodId = keyof typeof PRUNE_METHODS;
export const PRUNE_METHOD_IDS = Object.keys(PRUNE_METHODS) as [PruneMethodId, ...PruneMethodId[]];
