// The spec helpers the benches use (one import line for them).
export { defaultSpec, type ExperimentSpec } from '../core/spec/schema';
export { withTask as withTaskSpec } from '../core/spec/edit';
