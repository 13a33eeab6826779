import * as tf from '@tensorflow/tfjs-core';
import { makeSplits } from '../cv/plan';
import type { Split } from '../cv/splits';
import type { Dataset } from '../data/dataset';
import type { JobEvent } from '../kinds/types';
import type { BackendHint, BackendInfo, ExportRequest, JobHostApi, JobRequest, ModelFiles } from '../run/protocol';
import { dataShape, kindPlan } from '../run/runExperiment';
import { exportNetwork } from './export';
import { loadImportedTemplate, type ImportedTemplate } from './imported/net';
import { createTeacher } from './teach';
import type { Network } from './model/network';
import { learningTaskOf, type BackendChoice } from '../spec/sections';
import type { JobContext } from './runners/context';
import { RUNNERS } from './runners/registry';
import { rehearsal } from './rehearse';
import { pageFlag, waitWhileRaised } from '../run/pageGate';

/** Ends a replay once the wanted model has been exported. */
class ExportDone extends Error {}

export type SelectBackend = (choice: BackendChoice, hint: BackendHint) => Promise<BackendInfo>;

/** A job host in this JS realm (a worker, a Node worker thread, or the calling thread). */
export interface LocalJobHost extends JobHostApi {
  /**
   * Like runJob, with a cancellation check polled between mini-batches (in-thread runs), and
   * `breathe`, awaited between epochs, for a host that shares its thread (see JobContext).
   */
  runJobWith(req: JobRequest, emit: (e: JobEvent) => void | Promise<void>, isCancelled: () => boolean, breathe?: () => Promise<void>): Promise<unknown>;
  /** Frees what the host keeps between runs (an imported model's weights). */
  dispose(): void;
  rehearse(): Promise<void>;
}

/**
 * The engine behind every executor: holds one dataset (sent once), makes its splits from the
 * spec's seed (cached), and runs any planned job through its kind's runner. Browser workers and
 * Node worker threads expose exactly this object; the in-thread executor calls it directly.
 */
export function createJobHost(selectBackend: SelectBackend): LocalJobHost {
  // Each platform adapter registers its backends and the ops' gradients (tfjs-core alone registers none).
  if (!tf.getGradient('BatchMatMul')) throw new Error('TF.js gradients are not registered: the platform adapter must import them (see workers/backend.ts, src/cli/backend.ts).');
  let held: { key: string; data: Dataset; splits: Map<string, Split[]> } | null = null;
  // An imported model's template, kept while the same files come with the data.
  let imported: ImportedTemplate | undefined;
  const splitsFor = (req: JobRequest): Split[] => {
    if (!held || held.key !== req.dataKey) throw new Error(`This engine does not hold the data "${req.dataKey}"; it must be sent before the job.`);
    const key = JSON.stringify([req.spec.cv, req.spec.seed]);
    let s = held.splits.get(key);
    if (!s) held.splits.set(key, (s = makeSplits(req.spec, held.data)));
    return s;
  };
  const run = async (req: JobRequest, emit: (e: JobEvent) => void | Promise<void>, isCancelled: () => boolean, capture?: JobContext<unknown>['capture'], breathe?: () => Promise<void>): Promise<unknown> => {
    const splits = splitsFor(req);
    const data = (held as { data: Dataset }).data;
    const ctx: JobContext<unknown> = { spec: req.spec, task: req.spec.task, data, splits, job: req.job, emit, isCancelled, ...(imported ? { imported } : {}), ...(capture ? { capture } : {}), ...(req.teach && !capture ? { teach: createTeacher(emit) } : {}), ...(req.gate && !capture ? { gate: async () => void (await emit({ type: 'gate' })) } : {}), ...(breathe ? { breathe } : {}) };
    const runner = RUNNERS[req.spec.task.kind] as (c: JobContext<unknown>) => Promise<unknown>;
    return runner(ctx);
  };
  const exportModel = async (req: ExportRequest): Promise<ModelFiles> => {
    if (!held || held.key !== req.dataKey) throw new Error(`This engine does not hold the data "${req.dataKey}"; it must be sent before the export.`);
    const job = req.job ?? kindPlan(req.spec, dataShape(held.data)).find((j) => j.fold === 0);
    if (!job) throw new Error(`A ${req.spec.task.kind} run has no model to export.`);
    let files: ModelFiles | null = null;
    const capture = async (tag: string, net: Network) => {
      if (tag !== req.tag || files) return;
      // A classifier exports with its softmax; a regression or an autoencoder with a linear output.
      files = await exportNetwork(net, req.label, learningTaskOf(req.spec) === 'classification' ? 'softmax' : 'linear');
      throw new ExportDone();
    };
    try {
      await run({ spec: req.spec, dataKey: req.dataKey, job }, () => undefined, () => false, capture);
    } catch (e) {
      if (!(e instanceof ExportDone)) throw e;
    }
    if (!files) throw new Error(`This run offers no model "${req.tag}" to export.`);
    return files;
  };
  // Set by yieldTo: polled between mini-batches, where this host waits while the page draws.
  let yieldToPage: () => boolean = () => false;
  let rehearsed: Promise<void> | null = null;
  const rehearse = (): Promise<void> =>
    (rehearsed ??= (async () => {
      const { spec, data } = rehearsal();
      const job = kindPlan(spec, dataShape(data))[0];
      if (!job) return;
      const ctx: JobContext<unknown> = { spec, task: spec.task, data, splits: makeSplits(spec, data), job, emit: () => undefined, isCancelled: () => false };
      await (RUNNERS[spec.task.kind] as (c: JobContext<unknown>) => Promise<unknown>)(ctx);
    })());
  return {
    init: selectBackend,
    rehearse,
    exportModel,
    setData: async (key, data, model) => {
      held = { key, data, splits: new Map() };
      if (model?.sha256 !== imported?.sha256) {
        imported?.dispose();
        imported = model ? await loadImportedTemplate(model.files, model.sha256) : undefined;
      }
    },
    runJob: (req, emit) => run(req, emit, yieldToPage),
    yieldTo: async (buffer) => {
      const flag = pageFlag(buffer);
      yieldToPage = () => (waitWhileRaised(flag), false);
    },
    runJobWith: (req, emit, isCancelled, breathe) => run(req, emit, isCancelled, undefined, breathe),
    // The imported model's weights are a cache kept between runs, not a leak: they are not counted (dispose frees them).
    tensorCount: async () => tf.memory().numTensors - (imported?.weights.length ?? 0),
    dispose: () => {
      imported?.dispose();
      imported = undefined;
    },
  };
}
