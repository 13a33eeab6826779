import { cvKind } from './cv';
import { featuresKind } from './features';
import { searchKind } from './search';
import { sensitivityKind } from './sensitivity';
import { structuralKind } from './structural';
import { sweepKind } from './sweep';

/**
 * Every run kind, by id: add a module in kinds/ and one line here (then its runner in
 * engine/runners/registry.ts and its panels in src/app/kinds.tsx; the compiler asks for both).
 * The order is the order the UI offers them in.
 */
export const RUN_KINDS = {
  cv: cvKind,
  sweep: sweepKind,
  sensitivity: sensitivityKind,
  structural: structuralKind,
  features: featuresKind,
  search: searchKind,
} as const;

export type RunKinds = typeof RUN_KINDS;
export type RunKindId = keyof RunKinds;
export const RUN_KIND_IDS = Object.keys(RUN_KINDS) as [RunKindId, ...RunKindId[]];

type Def<K extends RunKindId> = RunKinds[K];
type TaskOfDef<D> = D extends { defaults(): infer T } ? T : never;
type ResultOfDef<D> = D extends { reduce(...args: never[]): infer R } ? R : never;
type OutputOfDef<D> = D extends { reduce(base: never, task: never, jobs: readonly { output?: infer O }[], data: never): unknown } ? Exclude<O, undefined> : never;
type PointOfDef<D> = D extends { reduce(base: never, task: never, jobs: readonly { points: readonly (infer P)[] }[], data: never): unknown } ? P : never;

export type TaskOf<K extends RunKindId> = TaskOfDef<Def<K>>;
export type ResultOf<K extends RunKindId> = ResultOfDef<Def<K>>;
export type OutputOf<K extends RunKindId> = OutputOfDef<Def<K>>;
export type PointOf<K extends RunKindId> = PointOfDef<Def<K>>;

/** The spec's `task`: one of the kinds' task specs, told apart by `kind`. */
export type TaskSpec = { [K in RunKindId]: TaskOf<K> }[RunKindId];
/** Any kind's result, told apart by `kind`. */
export type KindResult = { [K in RunKindId]: ResultOf<K> }[RunKindId];
