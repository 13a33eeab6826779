import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

// The page's globals, as a cross-origin-isolated page has them.
const idle: (() => void)[] = [];
const listeners = new Map<string, () => void>();
const doc = { hidden: false, addEventListener: (type: string, fn: () => void) => listeners.set(type, fn) };
beforeAll(() => {
  vi.stubGlobal('crossOriginIsolated', true);
  vi.stubGlobal('document', doc);
  vi.stubGlobal('requestIdleCallback', (fn: () => void) => idle.push(fn));
});
afterAll(() => vi.unstubAllGlobals());

describe("the page's side of the gate", () => {
  it('raises the flag when the page has drawing to do and lowers it when idle; a hidden page holds nothing', async () => {
    const { holdCoreForPage, holdCoreOnInput, pageGateBuffer } = await import('./pageGate');
    if (!pageGateBuffer) throw new Error('no shared flag on an isolated page');
    const flag = new Int32Array(pageGateBuffer);
    holdCoreForPage();
    expect(Atomics.load(flag, 0)).toBe(1);
    holdCoreForPage(); // already up: one idle callback, not two
    expect(idle).toHaveLength(1);
    idle.shift()?.();
    expect(Atomics.load(flag, 0)).toBe(0);
    // Input raises it too.
    const input = new EventTarget();
    holdCoreOnInput(input);
    input.dispatchEvent(new Event('pointerdown'));
    expect(Atomics.load(flag, 0)).toBe(1);
    // The page goes hidden: lowered at once (its idle callbacks may not come for a long while); while hidden, nothing raises it.
    doc.hidden = true;
    listeners.get('visibilitychange')?.();
    expect(Atomics.load(flag, 0)).toBe(0);
    idle.shift()?.();
    holdCoreForPage();
    expect(Atomics.load(flag, 0)).toBe(0);
    expect(idle).toHaveLength(0);
  });
});
