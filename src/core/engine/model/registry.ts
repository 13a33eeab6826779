import { describeModel, sequenceShape, type ModelIo } from '../../model/describe';
import type { ModelSpec } from '../../spec/sections';
import { CnnNet } from './cnn';
import { MlpNet } from './mlp';
import { RnnNet } from './rnn';
import type { Network } from './network';
import { ImportedNet, type ImportedTemplate } from '../imported/net';

/**
 * Every model kind: how to build a Network from its spec section. The layers come from
 * describeModel (tensor-free), so names, shapes and costs agree everywhere. A new kind is one
 * class implementing Network plus one line here (and its spec schema in spec/sections.ts).
 */
export const MODEL_KINDS: { [K in ModelSpec['kind']]: (spec: Extract<ModelSpec, { kind: K }>, io: ModelIo, seed: number, imported?: ImportedTemplate) => Network } = {
  mlp: (spec, io, seed) => MlpNet.create(describeModel(spec, io), io.nInputs, io.nOutputs, seed),
  cnn: (spec, io, seed) => {
    const layers = describeModel(spec, io);
    if (!io.imageShape) throw new Error('A CNN needs image data.');
    return CnnNet.create(layers, io.imageShape, io.nInputs, io.nOutputs, seed);
  },
  rnn: (spec, io, seed) => {
    const layers = describeModel(spec, io);
    const [steps, features] = sequenceShape(io) ?? [0, 0];
    return RnnNet.create(layers, steps, features, io.nInputs, io.nOutputs, seed);
  },
  // The user's own model starts from its file's weights (the seed does not enter); its files must be held by this host.
  imported: (spec, io, _seed, imported) => {
    describeModel(spec, io);
    if (!imported) throw new Error(`This experiment uses the model "${spec.name}"; open its files again to run it.`);
    return ImportedNet.create(imported, spec, io.nInputs, io.nOutputs);
  },
};

/** Builds the network a model spec describes, initialised from `seed` (the fold's init stream). */
export function createNetwork(spec: ModelSpec, io: ModelIo, seed: number, imported?: ImportedTemplate): Network {
  return (MODEL_KINDS[spec.kind] as (s: ModelSpec, io: ModelIo, seed: number, imported?: ImportedTemplate) => Network)(spec, io, seed, imported);
}

/** An MLP, for code that prunes neurons (and tests). Throws when the spec is not an MLP. */
export function createMlp(spec: ModelSpec, io: ModelIo, seed: number): MlpNet {
  const net = createNetwork(spec, io, seed);
  if (!(net instanceof MlpNet)) {
    net.dispose();
    throw new Error(`Expected an MLP spec, got "${spec.kind}".`);
  }
  return net;
}
