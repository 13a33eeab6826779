import { z } from 'zod';
import { featuresTaskSchema } from '../kinds/features';
import { sensitivityTaskSchema } from '../kinds/sensitivity';
import { structuralTaskSchema } from '../kinds/structural';
import { sweepTaskSchema } from '../kinds/sweep';
import { DEFAULT_SCOPE, specBaseShape } from './sections';
import type { ExperimentSpec } from './schema';

/**
 * Version 1 of the spec (PruneLab before the engine redesign): the run was chosen by which
 * optional sections were present, in this precedence: featureSelection, sensitivity,
 * structural, pruning (a sweep), else plain CV. Kept only to read old files and links.
 */
const withoutKind = <S extends z.ZodRawShape>(shape: S) => {
  const { kind: _kind, ...rest } = shape as S & { kind: unknown };
  return rest;
};

export const v1SpecSchema = z
  .object({
    version: z.literal(1),
    ...specBaseShape,
    pruning: z.object(withoutKind(sweepTaskSchema.shape)).strict().optional(),
    sensitivity: z.object(withoutKind(sensitivityTaskSchema.shape)).omit({ scope: true }).strict().optional(),
    featureSelection: z.object(withoutKind(featuresTaskSchema.shape)).strict().optional(),
    structural: z.object(withoutKind(structuralTaskSchema.shape)).strict().optional(),
  })
  .strict();

export type V1Spec = z.infer<typeof v1SpecSchema>;

/** v1 → v2: the section that ran becomes the task; sections that never ran are dropped, and the notes say so. */
export function migrateV1(v1: V1Spec): { spec: ExperimentSpec; notes: string[] } {
  const { version: _v, pruning, sensitivity, featureSelection, structural, ...base } = v1;
  const present = (['featureSelection', 'sensitivity', 'structural', 'pruning'] as const).filter((k) => v1[k] !== undefined);
  const task: ExperimentSpec['task'] = featureSelection
    ? { kind: 'features', ...featureSelection }
    : sensitivity
      ? { kind: 'sensitivity', ...sensitivity, scope: pruning?.scope ?? { ...DEFAULT_SCOPE } }
      : structural
        ? { kind: 'structural', ...structural }
        : pruning
          ? { kind: 'sweep', ...pruning }
          : { kind: 'cv' };
  const notes = [`Migrated a version 1 spec to version 2: the run is now task.kind = "${task.kind}".`];
  if (present.length > 1) notes.push(`Version 1 ran only "${present[0]}" of its sections (${present.join(', ')}); the others were dropped.`);
  return { spec: { version: 2, ...base, task }, notes };
}
