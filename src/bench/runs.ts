/**
 * The whole-run rows of `npm run bench` (5-fold CV, the default sweep), shared by the Node side
 * and the headless-Chromium page so both run exactly the same specs. Pure core imports.
 */
import { specFor } from './epoch';
import { defaultSpec, withTaskSpec, type ExperimentSpec } from './specs';

/** 5-fold CV of the breast-cancer MLP(64,32), 200 epochs. */
export const cvSpec = (): ExperimentSpec => ({ ...specFor([64, 32]), training: { ...defaultSpec().training, epochs: 200 } });

/** The default sweep on the same net: 5 folds × (200 dense epochs + methods × sparsities × 50 fine-tune epochs). */
export function sweepSpec(): ExperimentSpec {
  const base = withTaskSpec(cvSpec(), 'sweep');
  return base.task.kind === 'sweep' ? { ...base, task: { ...base.task, finetuneEpochs: 50 } } : base;
}

export const sweepPoints = (spec: ExperimentSpec): number => (spec.task.kind === 'sweep' ? spec.task.methods.length * spec.task.sparsities.length : 0);

/** A whole run measured in the browser: warm (the pool's workers already started, as on a second run) and cold (the first run, workers starting). */
export interface BrowserRunRow {
  id: 'cv-one' | 'cv-all' | 'sweep-all';
  workers: number;
  ms: number;
  coldMs: number;
  /** When each job's first event and its end came, in ms from the run's start (cold and warm runs). */
  spans?: { cold: [number, number][]; warm: [number, number][] };
}
