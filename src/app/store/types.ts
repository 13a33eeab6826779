import type { CsvTable } from '../../core/data/csv';
import type { Dataset, DatasetSummary } from '../../core/data/dataset';
import type { KindResult, ResultOf, RunKindId } from '../../core/kinds/registry';
import type { EpochMetrics, JobPlan } from '../../core/kinds/types';
import type { BackendInfo } from '../../core/run/protocol';
import type { Progress } from '../../core/run/tracker';
import type { ExperimentSpec } from '../../core/spec/schema';

export interface SpecSlice {
  spec: ExperimentSpec;
  /** The last task of each kind, so switching kinds and back keeps its settings. */
  taskMemory: Partial<Record<RunKindId, ExperimentSpec['task']>>;
  /** Applies an edit to a copy of the spec. */
  editSpec: (edit: (draft: ExperimentSpec) => void) => void;
  /** Points the experiment at another dataset (adapting what the data invalidates: feature subset, a CNN on non-images). */
  chooseDataset: (dataset: ExperimentSpec['dataset'], isImage?: boolean) => void;
  /** Switches the run kind (one choice, never combined). */
  chooseKind: (kind: RunKindId) => void;
  /** Replaces the whole spec with one read from a file (validated, migrated). */
  openSpecText: (text: string, fileName: string) => void;
  /** What happened to the last opened spec file: opened, migrated (with notes), or why not. */
  specNotice: { kind: 'info' | 'error'; text: string } | null;
}

export interface Upload {
  fileName: string;
  table: CsvTable;
  target: string;
  dataset: Dataset;
}

export interface DataSlice {
  upload: Upload | null;
  datasetSummary: DatasetSummary | null;
  dataError: string | null;
  /** Reads an uploaded CSV file; on failure the previous dataset stays selected. */
  uploadCsv: (file: File) => Promise<void>;
  chooseTarget: (column: string) => void;
  refreshSummary: () => Promise<void>;
}

export type RunStatus = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface RunSlice {
  status: RunStatus;
  progress: Progress | null;
  backend: BackendInfo | null;
  /** The spec of the run on screen (the editor may have moved on since). */
  runSpec: ExperimentSpec | null;
  plan: JobPlan[] | null;
  /** Per job: the epochs that carry a curve point (training and fine-tuning). */
  curves: EpochMetrics[][];
  /** The run's result so far (reduced live; partial until done). */
  result: KindResult | null;
  /** The latest finished result of each kind, with the spec that made it (a structural run on the same setup is charted beside the last sweep). */
  lastResults: Partial<{ [K in RunKindId]: { spec: ExperimentSpec; result: ResultOf<K> } }>;
  runError: string | null;
  /** Live tensors left in the engine workers after the last finished run (0 unless something leaks). */
  workerTensors: number | null;
  run: () => Promise<void>;
  cancel: () => void;
  /** Carries an RFECV selection into the experiment (preprocessing.keepFeatures) and returns to cross-validation. */
  keepFeatures: (names: string[]) => void;
  /** Turns a finished sensitivity analysis into a per-layer-targets pruning sweep, and runs it. */
  runLayerTargets: (targets: Record<string, number>) => Promise<void>;
}

export type Store = SpecSlice & DataSlice & RunSlice;
