import type { OutputOf, RunKindId, TaskOf } from '../../kinds/registry';
import type { JobContext } from './context';
import { runCvJob } from './cv';
import { runFeaturesJob } from './features';
import { runSearchJob } from './search';
import { runSensitivityJob } from './sensitivity';
import { runStructuralJob } from './structural';
import { runSweepJob } from './sweep';

export type Runner<K extends RunKindId> = (ctx: JobContext<TaskOf<K>>) => Promise<OutputOf<K>>;

/** The per-job runner of every run kind (kinds/registry.ts lists the kinds; a kind missing here does not compile). */
export const RUNNERS: { [K in RunKindId]: Runner<K> } = {
  cv: runCvJob,
  sweep: runSweepJob,
  sensitivity: runSensitivityJob,
  structural: (ctx) => runStructuralJob(ctx),
  features: runFeaturesJob,
  search: runSearchJob,
};
