import { describe, expect, it } from 'vitest';
import type { JobEvent } from '../kinds/types';
import { batchEvents, unbatch } from './eventBatch';
import type { JobHostApi } from './protocol';

const epoch = (n: number): JobEvent => ({ type: 'epoch', phase: 'train', metrics: { epoch: n, loss: 1 / n, valLoss: null, valAccuracy: null } });
const host = (body: (emit: (e: JobEvent) => void | Promise<void>) => Promise<unknown>): JobHostApi => ({
  init: async () => ({ name: 'cpu', requested: 'cpu', reason: '' }),
  setData: async () => undefined,
  runJob: (_req, emit) => body(emit),
  exportModel: async () => {
    throw new Error('no');
  },
  tensorCount: async () => 0,
});
const req = {} as Parameters<JobHostApi['runJob']>[0];

describe('job events in batches across a worker boundary', () => {
  it('sends at most once per interval, in order, and the rest before the result', async () => {
    let clock = 0;
    const sent: number[][] = [];
    const batched = batchEvents(
      host(async (emit) => {
        for (let i = 1; i <= 10; i++) {
          clock += 20; // an epoch every 20 ms: a batch every 50 ms holds 2–3 of them
          await emit(epoch(i));
        }
        return 'done';
      }),
      50,
      () => clock,
    );
    const result = await batched.runJob(req, (events) => void sent.push(events.map((e) => (e.type === 'epoch' ? (e.metrics?.epoch ?? 0) : -1))));
    expect(result).toBe('done');
    expect(sent.flat()).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(sent.length).toBe(4);
    expect(sent.slice(0, -1).every((b) => b.length >= 2)).toBe(true);
  });

  it('a gate goes at once with what is pending, and the job waits for its reply', async () => {
    const log: string[] = [];
    let release: () => void = () => undefined;
    const batched = batchEvents(
      host(async (emit) => {
        void emit(epoch(1));
        const gate = emit({ type: 'gate' });
        log.push('gate sent');
        await gate;
        log.push('gate passed');
        return null;
      }),
      1e9,
      () => 0,
    );
    const page = unbatch((e) => {
      log.push(e.type);
      return e.type === 'gate' ? new Promise<void>((go) => (release = go)) : undefined;
    });
    const run = batched.runJob(req, page);
    await new Promise((r) => setTimeout(r, 10));
    expect(log).toEqual(['epoch', 'gate', 'gate sent']);
    release();
    await run;
    expect(log).toEqual(['epoch', 'gate', 'gate sent', 'gate passed']);
  });

  it('what is pending still arrives when the job fails, then the error', async () => {
    const sent: JobEvent[] = [];
    const batched = batchEvents(
      host(async (emit) => {
        await emit(epoch(1));
        throw new Error('diverged');
      }),
      1e9,
      () => 0,
    );
    await expect(batched.runJob(req, (events) => void sent.push(...events))).rejects.toThrow('diverged');
    expect(sent).toEqual([epoch(1)]);
  });
});
