import type { Dataset } from '../data/dataset';
import type { ModelFile } from '../imported/modelJson';
import type { JobEvent, JobPlan } from '../kinds/types';
import type { BackendChoice, BackendName } from '../spec/sections';
import type { ExperimentSpec } from '../spec/schema';

/**
 * How experiments meet executors. A job host runs planned jobs of any kind: a browser worker, a
 * Node worker thread, or this thread (engine/inThread.ts). Only plain data and typed arrays
 * cross a host boundary, never tensors; the dataset crosses once per host, jobs name it by key.
 */
export interface BackendInfo {
  name: BackendName;
  requested: BackendChoice;
  /** Why this backend: the user's choice, or what Auto saw (adapter, renderer, model size). */
  reason: string;
  /** On WASM, how the fused training step's SIMD kernels multiply-add: fused, one rounding (relaxed SIMD), or a multiply then an add; absent elsewhere or without SIMD. */
  kernels?: 'fma' | 'mul-add';
}

export interface BackendHint {
  /** Multiply-adds of one training step's forward pass (batch × per-sample MACs, convolutions included); Auto uses it to pick a backend. */
  macsPerStep: number;
}

/** A job as sent to a host: the spec, the key of data the host already holds, and the planned job. */
export interface JobRequest {
  spec: ExperimentSpec;
  dataKey: string;
  job: JobPlan;
  /** Send snapshots of the network (teaching views) while this job runs. */
  teach?: boolean;
  /** Wait for the go-ahead (the reply to a 'gate' event) before each epoch: a stepped run. */
  gate?: boolean;
}

/** What every job host offers; remote hosts offer the same through Comlink. */
export interface JobHostApi {
  /** Selects and initialises a backend; resolves with the one in use and why. */
  init(choice: BackendChoice, hint: BackendHint): Promise<BackendInfo>;
  /** Keeps the dataset under `key` (replacing any other) for the jobs that follow, with the imported model's files when the spec uses one. */
  setData(key: string, data: Dataset, model?: ModelInput): Promise<void>;
  /** Runs one planned job; `emit` receives its epochs and points as they happen (a 'gate' event's reply is awaited). */
  runJob(req: JobRequest, emit: (e: JobEvent) => void | Promise<void>): Promise<unknown>;
  /** Replays the spec's first job and exports the model the kind offers under `tag` (see RunKindDef.models). */
  exportModel(req: ExportRequest): Promise<ModelFiles>;
  /** Live tensors in this host (0 between runs when nothing leaks). */
  tensorCount(): Promise<number>;
  /** Once, after init and before any job: trains a small made-up job so the first real one runs on warm code (see engine/rehearse.ts). */
  rehearse?(): Promise<void>;
  /**
   * From now on, wait between mini-batches while the page's flag is raised (see run/pageGate.ts):
   * a worker whose core the page needs while it draws. Never given to a host on the page's thread.
   */
  yieldTo?(flag: SharedArrayBuffer): Promise<void>;
}

export interface ExportRequest {
  spec: ExperimentSpec;
  dataKey: string;
  tag: string;
  label: string;
  /** The job to replay (as resolved in the run); absent: the job of fold 1. */
  job?: JobPlan | undefined;
}

/** A TF.js Layers model as files (model.json + weights.bin), with its size and how many weights are zero. */
export interface ModelFiles {
  label: string;
  modelJson: string;
  weights: ArrayBuffer;
  params: number;
  zeros: number;
  rawBytes: number;
  gzipBytes: number;
}

/** An imported model's files and their SHA-256 (what its spec names), sent with the data. */
export interface ModelInput {
  sha256: string;
  files: ModelFile[];
}

/** One run handed to an executor. */
export interface ExecutorRun {
  spec: ExperimentSpec;
  data: Dataset;
  /** The imported model's files, when the spec's model is one. */
  model?: ModelInput | undefined;
  jobs: readonly JobPlan[];
  hint: BackendHint;
  signal?: AbortSignal | undefined;
  /** The plan index of the job that sends network snapshots (teaching views), if any. */
  teach?: number | undefined;
  /** Every job waits for the go-ahead before each epoch (onJobEvent's promise for a 'gate' event). */
  gate?: boolean | undefined;
  onBackend(info: BackendInfo): void;
  onJobEvent(job: number, e: JobEvent): void | Promise<void>;
  onJobDone(job: number, output: unknown): void;
  /** A job is run again from its start (its host crashed): what it streamed so far is void. */
  onJobRestart?(job: number, reason: string): void;
}

/** Runs jobs somewhere: this thread, a pool of browser workers, a pool of Node worker threads. */
export interface Executor {
  /** What it is, for the run's environment record, e.g. "browser workers ×2". */
  readonly name: string;
  /** Resolves when every job is done; rejects with CancelledError on abort, or with the first job's error. */
  run(run: ExecutorRun): Promise<void>;
  /** Exports a model of a run (replaying its first job on one host). */
  exportModel(spec: ExperimentSpec, data: Dataset, tag: string, label: string, job?: JobPlan, model?: ModelInput): Promise<ModelFiles>;
  /** Live tensors across its hosts. */
  tensorCount(): Promise<number>;
  /**
   * Starts hosts ahead of a run and readies `backend` on them (the page idle after loading, the
   * pointer on Run): the first run then skips the hosts' start-up. Idle hosts stop as after a
   * run. Executors without hosts to start leave it out.
   */
  warm?(backend: BackendChoice): void;
  /** Stops every host now. */
  dispose(): void;
}
