import type { ModelFile } from '../../core/imported/modelJson';
import type { ImportedPruneReport, ImportedPruneRequest, ImportedSummary } from '../../core/imported/report';
import type { Dataset, DatasetSummary } from '../../core/data/dataset';
import type { KindResult, ResultOf, RunKindId } from '../../core/kinds/registry';
import type { EpochMetrics, JobPlan } from '../../core/kinds/types';
import type { BackendInfo } from '../../core/run/protocol';
import type { Progress } from '../../core/run/tracker';
import type { ExperimentSpec } from '../../core/spec/schema';
import type { TeacherOptions } from '../../core/link/codec';
import type { ResultsFile } from '../../core/run/results';
import type { ModelFiles } from '../../core/run/protocol';
import type { SavedRun } from '../history/db';
import type { NetSnapshot } from '../../core/teach/snapshot';

export interface SpecSlice {
  spec: ExperimentSpec;
  /** The last task of each kind, so switching kinds and back keeps its settings. */
  taskMemory: Partial<Record<RunKindId, ExperimentSpec['task']>>;
  /** Applies an edit to a copy of the spec. */
  /** Replaces the spec with one made from it (e.g. by a core edit such as withLearningTask). */
  setSpec: (spec: ExperimentSpec) => void;
  editSpec: (edit: (draft: ExperimentSpec) => void) => void;
  /** Points the experiment at another dataset (adapting what the data invalidates: feature subset, a CNN on non-images). */
  chooseDataset: (dataset: ExperimentSpec['dataset'], isImage?: boolean) => void;
  /** Switches the run kind (one choice, never combined). */
  chooseKind: (kind: RunKindId) => void;
  /** Replaces the whole spec with one read from a file (validated, migrated). */
  openSpecText: (text: string, fileName: string) => void;
  /** What happened to the last opened link, spec or results file: opened, migrated (with notes), or why not. */
  specNotice: { kind: 'info' | 'error'; text: string } | null;
  /** Teacher options of a shared link: sections hidden, settings locked, the results view opened. */
  teacher: TeacherOptions | undefined;
  setTeacher: (t: TeacherOptions | undefined) => void;
  /** Opens a spec (from a link): replaces the settings, keeps nothing of the old task memory. */
  openSpec: (spec: ExperimentSpec, notice: string) => void;
}

export interface Upload {
  fileName: string;
  /** The file's column names (its columns stay in the CSV worker, which builds a dataset per target). */
  columns: string[];
  target: string;
  dataset: Dataset;
  /** SHA-256 of the file's bytes (hex). */
  sha256: string;
}

export interface DataSlice {
  upload: Upload | null;
  /** A link or saved run names an uploaded CSV: which file (by SHA-256) must be chosen again. */
  pendingCsv: { name: string; rows: number; targetColumn: string; sha256: string } | null;
  datasetSummary: DatasetSummary | null;
  dataError: string | null;
  /** What is being read while an upload is parsed in the CSV worker (null when idle). */
  dataLoading: string | null;
  /** Reads an uploaded CSV file; on failure the previous dataset stays selected. */
  uploadCsv: (file: File) => Promise<void>;
  chooseTarget: (column: string) => Promise<void>;
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
  /** The results file of the run on screen (finished, cancelled, reopened or opened from a file). */
  currentFile: ResultsFile | null;
  /** Exports a model of the run on screen as TF.js files (replayed on a worker; `job` names the plan job to replay). */
  exportModel: (tag: string, label: string, job?: number) => Promise<ModelFiles>;
  /** Milliseconds per (training row × epoch) of the last finished run: the pace that estimates the next. */
  lastPace: number | null;
  /** Optimize → prune: the search's before and after, shown beside the pruning sweep of the best settings. */
  pipeline: { before: { mean: number; std: number } | null; optimized: { mean: number; std: number; params: string }; spec: ExperimentSpec } | null;
  /** Writes a finished search's best parameters into the experiment (then cross-validation runs them). */
  applySearchBest: () => void;
  /** Applies the best parameters and runs a pruning sweep of that model: the seed's evaluate → optimize → prune. */
  pruneSearchBest: () => Promise<void>;
  /** Shows a results file as the run on screen (its spec becomes the settings). */
  showFile: (file: ResultsFile, partial: boolean) => void;
  /** The latest finished result of each kind, with the spec that made it (a structural run on the same setup is charted beside the last sweep). */
  lastResults: Partial<{ [K in RunKindId]: { spec: ExperimentSpec; result: ResultOf<K> } }>;
  runError: string | null;
  /** Something the run survived, said once: a job restarted on a fresh worker after its worker crashed. */
  runNotice: string | null;
  /** Live tensors left in the engine workers after the last finished run (0 unless something leaks). */
  workerTensors: number | null;
  run: () => Promise<void>;
  /** Starts the engine workers ahead of a run (the page idle after loading, the pointer or focus on Run). */
  warmEngine: () => void;
  cancel: () => void;
  /** A stepped run (presentation mode) is paused: its jobs wait before their next epoch. */
  paused: boolean;
  /** Resumes a paused run, or starts one (stepped in presentation mode). */
  play: () => void;
  pause: () => void;
  /** One more epoch of every waiting job; starts a paused run when none is running. */
  stepEpoch: () => void;
  /** Carries an RFECV selection into the experiment (preprocessing.keepFeatures) and returns to cross-validation. */
  keepFeatures: (names: string[]) => void;
  /** Turns a finished sensitivity analysis into a per-layer-targets pruning sweep, and runs it. */
  runLayerTargets: (targets: Record<string, number>) => Promise<void>;
}

/** A saved run as listed: `stored` is false while it is (or could not be) written to the browser's storage. */
export type ListedRun = SavedRun & { stored: boolean };

export interface HistorySlice {
  saved: ListedRun[];
  historyLoaded: boolean;
  /** Saves and deletes not yet committed to the browser's storage (a reload before they are would lose them). */
  historyWrites: number;
  historyError: string | null;
  /** The saved run on screen, if any. */
  shown: { id: string; name: string; origin: 'run' | 'file' | 'history' } | null;
  /** Runs chosen for comparison (2 to 4). */
  compareIds: string[];
  loadHistory: () => Promise<void>;
  saveRun: (file: ResultsFile, partial: boolean, origin?: 'run' | 'file') => Promise<string>;
  renameRun: (id: string, name: string) => Promise<void>;
  togglePin: (id: string) => Promise<void>;
  deleteRun: (id: string) => Promise<void>;
  reopenRun: (id: string) => void;
  openResultsText: (text: string, fileName: string) => Promise<void>;
  toggleCompare: (id: string) => void;
  clearCompare: () => void;
}

export interface UiSlice {
  /**
   * Fields whose text is not a valid value, by field id: "Folds: Enter a whole number from 2 to 20."
   * While any is here Run is blocked, so what runs is always what the form shows.
   */
  invalidFields: Record<string, string>;
  setFieldInvalid: (id: string, message: string | null) => void;
  /** Presentation mode: large type, advanced settings hidden, step-by-step training. */
  presenting: boolean;
  examplesOpen: boolean;
  /** The first-visit guide (dismissal remembered in localStorage). */
  guideOpen: boolean;
  togglePresenting: () => void;
  toggleExamples: () => void;
  /** The gallery example whose settings were opened last (its expectation stays on screen). */
  example: { id: string; title: string; expect: string } | null;
  /** Opens a gallery example's settings, and runs them when `run` is set. */
  openExample: (id: string, run?: boolean) => Promise<void>;
  closeExample: () => void;
  dismissGuide: () => void;
  showGuide: () => void;
}

export interface TeachState {
  /** The dense model: live while it trains, then as trained. */
  dense: NetSnapshot | null;
  /** Pruned models, in the order the run made them (sweep points, the shrunk network). */
  moments: NetSnapshot[];
  /** A pruned model being fine-tuned (a gradual schedule prunes while it trains), newer than the last moment. */
  live: NetSnapshot | null;
  /** The moment picked to show (null: follow the newest). */
  picked: number | null;
  /** The raw points of a 2-D dataset (null for other data). */
  points: { x: Float64Array; y: Int32Array; featureNames: string[] } | null;
  /** Every feature of the dataset and those the model sees (features removed by RFE are greyed out). */
  inputs: { all: string[]; kept: string[] } | null;
  classNames: string[];
  /** An autoencoder on images: a few of fold 1's held-out rows (raw), to draw beside their reconstructions. */
  images: { x: Float64Array; n: number; shape: readonly [number, number, number]; rows: number[] } | null;
}

export interface TeachSlice {
  teach: TeachState;
  startTeach: (data: Dataset, allFeatures: readonly string[], spec?: ExperimentSpec) => void;
  addSnapshot: (s: NetSnapshot) => void;
  pickMoment: (i: number | null) => void;
  clearTeach: () => void;
}

export interface ImportState {
  status: 'idle' | 'opening' | 'ready' | 'pruning' | 'saving';
  /** The files as picked: model.json first. */
  fileNames: string[];
  summary: ImportedSummary | null;
  /** The last pruning of the opened model (null: as opened). */
  report: ImportedPruneReport | null;
  error: string | null;
  /** The opened files (the experiment's model when it uses this one). */
  files: ModelFile[];
  /** Their SHA-256, as an experiment's spec names them. */
  sha256: string | null;
}

export interface ImportSlice {
  imported: ImportState;
  /** Opens a TF.js LayersModel (model.json + weight files) in the model worker. */
  openModelFiles: (files: readonly File[]) => Promise<void>;
  pruneImported: (req: ImportedPruneRequest) => Promise<void>;
  /** Downloads the model as it is (pruned or not): model.json, then weights.bin. */
  saveImported: () => Promise<void>;
  closeImported: () => void;
  /** Makes the opened model (as opened) the experiment's model: trained and pruned with the dataset. */
  useImportedModel: () => Promise<void>;
}

export type Store = SpecSlice & DataSlice & RunSlice & HistorySlice & UiSlice & TeachSlice & ImportSlice;
