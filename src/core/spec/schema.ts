import { z } from 'zod';
import { RUN_KINDS, type RunKindId, type TaskOf, type TaskSpec } from '../kinds/registry';
import { defaultBase, specBaseShape, type SpecBase } from './sections';

export * from './sections';

/**
 * The experiment spec: one versioned, validated JSON document that the UI edits, the executors
 * run, a link encodes, the CLI replays and a saved run stores. Every random choice derives from
 * `seed`. Version 2 names the run explicitly: `task` is exactly one run kind (a discriminated
 * union built from the kinds registry), never a precedence among optional sections (version 1).
 */
export const SPEC_VERSION = 2;

const taskSchemas = Object.values(RUN_KINDS).map((k) => k.schema) as unknown as [z.ZodObject, ...z.ZodObject[]];
export const taskSchema = z.discriminatedUnion('kind', taskSchemas) as unknown as z.ZodType<TaskSpec>;

export const experimentSpecSchema = z
  .object({
    version: z.literal(SPEC_VERSION),
    ...specBaseShape,
    task: taskSchema,
  })
  .strict();

export type ExperimentSpec = SpecBase & { version: typeof SPEC_VERSION; task: TaskSpec };
/** A spec whose task is of kind K. */
export type SpecOf<K extends RunKindId> = ExperimentSpec & { task: TaskOf<K> };

export const isKind = <K extends RunKindId>(spec: ExperimentSpec, kind: K): spec is SpecOf<K> => spec.task.kind === kind;

/** The default task of a kind. */
export const defaultTask = <K extends RunKindId>(kind: K): TaskOf<K> => RUN_KINDS[kind].defaults() as TaskOf<K>;

/** Defaults: the scikit-learn reference setting (MLP 32 relu, Adam 1e-3, batch 200, stratified 5-fold), plain cross-validation. */
export function defaultSpec(): ExperimentSpec {
  return { version: SPEC_VERSION, ...defaultBase(), task: { kind: 'cv' } };
}

/** The spec without its version and task. */
export function baseOf(spec: ExperimentSpec): SpecBase {
  const { version: _v, task: _t, ...base } = spec;
  return base;
}

/** Formats zod issues as "path: message", at most three, the way the app and the CLI both show them. */
export function formatIssues(issues: readonly { path: readonly PropertyKey[]; message: string }[]): string {
  return issues
    .slice(0, 3)
    .map((i) => `${i.path.length ? i.path.map(String).join('.') : 'spec'}: ${i.message}`)
    .join('; ');
}

export const specError = (detail: string): string => `Invalid experiment spec — ${detail}`;
