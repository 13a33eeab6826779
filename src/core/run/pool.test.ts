import { describe, expect, it } from 'vitest';
import { CancelledError } from '../errors';
import type { Dataset } from '../data/dataset';
import type { JobPlan } from '../kinds/types';
import { defaultSpecFor } from '../spec/edit';
import { createPoolExecutor, type HostHandle } from './pool';
import type { ExecutorRun } from './protocol';

const data: Dataset = { name: 'd', featureNames: ['x'], classNames: ['a', 'b'], nRows: 2, nFeatures: 1, x: Float64Array.from([0, 1]), y: Int32Array.from([0, 1]) };
const jobs: JobPlan[] = Array.from({ length: 7 }, (_, i) => ({ index: i, label: `fold ${i + 1}`, fold: i, epochs: 1, curveEpochs: 1, points: 0 }));

/** Fake hosts that record what they were sent; job i takes `delay(i)` ms and returns i × 10. */
function fakes(delay: (i: number) => number = () => 1, fail?: number) {
  const log = { spawned: 0, setData: 0, jobs: [] as number[], terminated: 0, slots: [] as number[] };
  const spawn = (slot: number): HostHandle => {
    log.spawned++;
    log.slots.push(slot);
    let alive = true;
    return {
      api: {
        init: async (choice) => ({ name: 'cpu', requested: choice, reason: 'fake' }),
        setData: async () => void log.setData++,
        runJob: (req, emit) =>
          new Promise((resolve, reject) =>
            setTimeout(() => {
              if (!alive) return;
              if (req.job.index === fail) return reject(new Error('Training diverged at epoch 3'));
              emit({ type: 'epoch', phase: 'train', metrics: null });
              log.jobs.push(req.job.index);
              resolve(req.job.index * 10);
            }, delay(req.job.index)),
          ),
        exportModel: () => Promise.reject(new Error('not in this test')),
        tensorCount: async () => 0,
      },
      terminate: () => {
        alive = false;
        log.terminated++;
      },
      crashed: new Promise<never>(() => undefined),
    };
  };
  return { log, spawn };
}

function run(outputs: Map<number, unknown>, signal?: AbortSignal): ExecutorRun {
  return { spec: defaultSpecFor('iris'), data, jobs, hint: { macsPerStep: 1 }, signal, onBackend: () => undefined, onJobEvent: () => undefined, onJobDone: (j, o) => outputs.set(j, o) };
}

describe('the pool executor (browser workers and Node threads share it)', () => {
  it('warm starts hosts, readies the backend, then rehearses each once; a run then uses them; idle, they stop', async () => {
    const inits: string[] = [];
    const calls: string[] = [];
    let spawned = 0;
    let terminated = 0;
    const timers: (() => void)[] = [];
    const spawn = (): HostHandle => {
      spawned++;
      return {
        api: {
          init: async (choice) => (inits.push(choice), calls.push('init'), { name: 'wasm', requested: choice, reason: 'fake' }),
          setData: async () => undefined,
          runJob: async (req) => req.job.index,
          exportModel: () => Promise.reject(new Error('not in this test')),
          tensorCount: async () => 0,
          rehearse: async () => void calls.push('rehearse'),
        },
        terminate: () => void terminated++,
        crashed: new Promise<never>(() => undefined),
      };
    };
    const pool = createPoolExecutor({ name: 'fake', size: 8, spawn, idleMs: 60_000, setTimer: (fn) => timers.push(fn), clearTimer: () => undefined });
    pool.warm?.('wasm');
    pool.warm?.('wasm');
    // At most 4 hosts (memory on many-core phones), each asked once for the backend.
    expect(spawned).toBe(4);
    await new Promise((r) => setTimeout(r, 0));
    expect(inits).toEqual(['wasm', 'wasm', 'wasm', 'wasm']);
    await new Promise((r) => setTimeout(r, 0));
    // Each host rehearses after its init (the first run then finds warm code), once.
    expect(calls.filter((c) => c === 'rehearse')).toHaveLength(4);
    expect(calls.indexOf('rehearse')).toBeGreaterThan(calls.indexOf('init'));
    await pool.run(run(new Map()));
    // The run's own hosts do not rehearse: it needs them now.
    expect(calls.filter((c) => c === 'rehearse')).toHaveLength(4);
    // The run's 7 jobs: the 4 warm hosts and 3 more.
    expect(spawned).toBe(7);
    // Idle after the run: the timer stops them all.
    timers.at(-1)?.();
    expect(terminated).toBe(7);
  });

  it('Auto with a trial (a large model): the first host decides, the others start on its backend', async () => {
    // Each fake host would pick a different backend by itself, as timed trials could.
    const picks = ['webgl', 'wasm', 'webgpu'] as const;
    const asked: string[] = [];
    let spawned = 0;
    const spawn = (): HostHandle => {
      const own = picks[spawned++ % picks.length] as (typeof picks)[number];
      return {
        api: {
          init: async (choice) => {
            asked.push(choice);
            await new Promise((r) => setTimeout(r, 5));
            return { name: choice === 'auto' ? own : choice, requested: choice, reason: choice === 'auto' ? `trial chose ${own}` : 'told' };
          },
          setData: async () => undefined,
          runJob: async (req) => req.job.index,
          exportModel: () => Promise.reject(new Error('not in this test')),
          tensorCount: async () => 0,
        },
        terminate: () => undefined,
        crashed: new Promise<never>(() => undefined),
      };
    };
    const infos: string[] = [];
    const big = (hint: number): ExecutorRun => ({ ...run(new Map()), spec: { ...defaultSpecFor('iris'), backend: 'auto' }, hint: { macsPerStep: hint }, onBackend: (i) => infos.push(`${i.name}: ${i.reason}`) });
    await createPoolExecutor({ name: 'fake', size: 3, spawn }).run(big(60_000_000));
    expect(asked).toEqual(['auto', 'webgl', 'webgl']);
    expect(infos).toEqual(['webgl: trial chose webgl']);
    // A small model runs no trial: every host initialises at once with Auto.
    asked.length = 0;
    spawned = 0;
    await createPoolExecutor({ name: 'fake', size: 3, spawn }).run(big(1000));
    expect(asked).toEqual(['auto', 'auto', 'auto']);
  });

  it('runs every job once on at most `size` hosts, sending the dataset once per host, not per job', async () => {
    const { log, spawn } = fakes((i) => (i % 3) + 1);
    const pool = createPoolExecutor({ name: 'fake', size: 3, spawn });
    const out = new Map<number, unknown>();
    await pool.run(run(out));
    expect([...out.keys()].sort()).toEqual([0, 1, 2, 3, 4, 5, 6]);
    expect(out.get(4)).toBe(40);
    expect(log.spawned).toBe(3);
    expect(log.slots).toEqual([0, 1, 2]);
    expect(log.setData).toBe(3);
    // A second run on the same data reuses the hosts and sends nothing again.
    await pool.run(run(new Map()));
    expect(log.spawned).toBe(3);
    expect(log.setData).toBe(3);
    expect(pool.name).toBe('fake ×3');
  });

  it('stops idle hosts after idleMs, and starts fresh ones for the next run', async () => {
    const timers: (() => void)[] = [];
    const { log, spawn } = fakes();
    const pool = createPoolExecutor({ name: 'fake', size: 2, spawn, idleMs: 60_000, setTimer: (fn) => timers.push(fn), clearTimer: () => undefined });
    await pool.run(run(new Map()));
    expect(log.terminated).toBe(0);
    expect(timers).toHaveLength(1);
    timers[0]?.();
    expect(log.terminated).toBe(2);
    await pool.run(run(new Map()));
    expect(log.spawned).toBe(4);
  });

  it('a cancel stops every host at once and rejects with CancelledError; a failed job names itself', async () => {
    const { log, spawn } = fakes(() => 20);
    const pool = createPoolExecutor({ name: 'fake', size: 2, spawn });
    const abort = new AbortController();
    const running = pool.run(run(new Map(), abort.signal));
    setTimeout(() => abort.abort(), 5);
    await expect(running).rejects.toBeInstanceOf(CancelledError);
    expect(log.terminated).toBe(2);
    expect(log.jobs).toEqual([]);

    const failing = fakes(() => 1, 3);
    const pool2 = createPoolExecutor({ name: 'fake', size: 2, spawn: failing.spawn });
    await expect(pool2.run(run(new Map()))).rejects.toThrow('Fold 4: Training diverged at epoch 3');
    expect(failing.log.terminated).toBe(2);
  });

  it('a host that crashes under a job is replaced and the job runs again from its start; a second crash stops the run naming the job', async () => {
    // Host number `crashes[i]` (in spawn order) dies while running job 2.
    const crashing = (crashOn: readonly number[]) => {
      const log = { spawned: 0, jobs: [] as number[], restarts: [] as number[], slots: [] as number[] };
      const spawn = (slot: number): HostHandle => {
        log.slots.push(slot);
        const me = ++log.spawned;
        let die: (e: Error) => void = () => undefined;
        const crashed = new Promise<never>((_, reject) => (die = reject));
        crashed.catch(() => undefined);
        return {
          api: {
            init: async (choice) => ({ name: 'cpu', requested: choice, reason: 'fake' }),
            setData: async () => undefined,
            runJob: (req) =>
              new Promise((resolve) =>
                setTimeout(() => {
                  if (req.job.index === 2 && crashOn.includes(me)) return die(new Error('out of memory'));
                  log.jobs.push(req.job.index);
                  resolve(req.job.index * 10);
                }, 2),
              ),
            exportModel: () => Promise.reject(new Error('not in this test')),
            tensorCount: async () => 0,
          },
          terminate: () => undefined,
          crashed,
        };
      };
      return { log, spawn };
    };
    const once = crashing([1, 2]);
    const outputs = new Map<number, unknown>();
    const pool = createPoolExecutor({ name: 'fake', size: 1, spawn: once.spawn });
    // Host 1 dies on job 2; host 2 (its replacement) dies too: the run stops, naming the job, with jobs 0 and 1 kept.
    await expect(pool.run({ ...run(outputs), onJobRestart: (j) => once.log.restarts.push(j) })).rejects.toThrow(/^Fold 3: the engine crashed twice running it \(out of memory\)\. Finished jobs are kept/);
    expect(once.log.restarts).toEqual([2]);
    expect([...outputs.keys()]).toEqual([0, 1]);

    const twice = crashing([1]);
    const all = new Map<number, unknown>();
    const restarts: number[] = [];
    await createPoolExecutor({ name: 'fake', size: 1, spawn: twice.spawn }).run({ ...run(all), onJobRestart: (j) => restarts.push(j) });
    // One crash: a fresh host ran job 2 again, and every job finished with its own output.
    expect(restarts).toEqual([2]);
    expect(twice.log.spawned).toBe(2);
    // The replacement starts in its slot's place (slot indices decide which worker yields to the page).
    expect(twice.log.slots).toEqual([0, 0]);
    expect([...all.entries()].sort((a, b) => a[0] - b[0])).toEqual(jobs.map((j) => [j.index, j.index * 10]));
  });
});
