import type { ModelFiles } from '../run/protocol';
import type { ImportedModelSpec } from '../spec/sections';
import type { ModelFile } from './modelJson';
import type { ImportedPruneReport, ImportedPruneRequest, ImportedSummary } from './report';

/** What a model worker offers the app (and any other caller): open, prune, save an imported LayersModel. */
export interface ModelHostApi {
  /** Opens a model from its files; it replaces any model held. Throws ImportError messages as they are. */
  open(files: ModelFile[]): Promise<ImportedSummary>;
  /** Prunes a fresh copy of the opened model (each call starts from the files as opened). */
  prune(req: ImportedPruneRequest): Promise<ImportedPruneReport>;
  /** The model as it is now (pruned or not), as TF.js Layers files. */
  save(label: string): Promise<ModelFiles>;
  /** The opened model (as opened, not pruned) as an experiment's model section, for training it with data. */
  specOf(penalties: { l1: number; l2: number }): Promise<ImportedModelSpec>;
  /** Drops the model; its tensors are freed. */
  close(): Promise<void>;
  tensorCount(): Promise<number>;
}
