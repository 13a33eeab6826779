import type { DatasetSummary, Dataset } from '../../core/data/dataset';
import type { CsvTable } from '../../core/data/csv';
import type { FoldResult, CvSummary } from '../../core/cv/plan';
import type { BackendInfo } from '../../core/protocol';
import type { ExperimentSpec } from '../../core/spec/schema';
import type { EpochMetrics } from '../../core/train/loop';
import type { SweepDetail, SweepPoint } from '../../core/prune/sweep';
import type { SensitivityPoint } from '../../core/sensitivity/analysis';
import type { FeatureSelectionResult } from '../../core/features/run';
import type { StructuralResult } from '../../core/structural/structural';
import type { SweepRow } from '../../core/prune/report';

export interface SpecSlice {
  spec: ExperimentSpec;
  /** Applies an edit to a copy of the spec. */
  editSpec: (edit: (draft: ExperimentSpec) => void) => void;
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

export interface Progress {
  epochsDone: number;
  epochsTotal: number;
  startedAt: number;
  etaMs: number | null;
}

export interface RunSlice {
  status: RunStatus;
  progress: Progress | null;
  backend: BackendInfo | null;
  /** Per-fold epoch metrics, for the live curves. */
  curves: EpochMetrics[][];
  folds: FoldResult[];
  cvSummary: CvSummary | null;
  /** Pruning sweeps: every measured point so far, and fold 0's dense weights for the charts. */
  points: SweepPoint[];
  sweepDetail: SweepDetail | null;
  /** Sensitivity analyses: every (fold, tensor, sparsity) accuracy so far. */
  sensitivity: SensitivityPoint[];
  /** Feature selection (RFECV) result. */
  featureResult: FeatureSelectionResult | null;
  /** Structural pruning: one result per finished fold. */
  structural: StructuralResult[];
  /** The latest finished sweep's rows, kept across runs so structural results can be compared with it. */
  lastSweep: SweepRow[];
  /** The spec of the run on screen (the editor may have moved on since). */
  runSpec: ExperimentSpec | null;
  runError: string | null;
  /** Live tensors left in the engine workers after the last finished run (0 unless something leaks). */
  workerTensors: number | null;
  run: () => Promise<void>;
  cancel: () => void;
  /** Carries an RFECV selection into the experiment (preprocessing.keepFeatures) and leaves feature selection. */
  keepFeatures: (names: string[]) => void;
  /** Turns a finished sensitivity analysis into a per-layer-targets pruning run, and runs it. */
  runLayerTargets: (targets: Record<string, number>) => Promise<void>;
}

export type Store = SpecSlice & DataSlice & RunSlice;
