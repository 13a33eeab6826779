import { useLayoutEffect } from 'react';
import { lowerFlag, pageFlag, raiseFlag } from '../../core/run/pageGate';

/**
 * The page's side of the gate (core/run/pageGate.ts): a flag shared with the engine workers that
 * yield (one when the pool takes every core). Raised when a costly view draws (a chart, the network
 * diagram or the sweep table committed; a staged mount; a throttled redraw; a chart drawn again at a
 * new width) and on the user's input;
 * lowered when the page is next idle (nothing left to render, style, lay out or paint). Not raised
 * for every progress tick: that would pause a worker for ~40 % of a sweep. Absent where
 * SharedArrayBuffer is not (a page that is not cross-origin isolated): nothing yields then.
 */
const buffer: SharedArrayBuffer | null = typeof SharedArrayBuffer !== 'undefined' && globalThis.crossOriginIsolated ? new SharedArrayBuffer(4) : null;
const flag = buffer ? pageFlag(buffer) : null;
let raised = false;

/** The shared flag, for the workers that yield to the page. */
export const pageGateBuffer = buffer;

/** Idle: after everything queued (React's slices, the frame's paint); at most ~0.5 s later if the page never idles. */
const whenIdle = (fn: () => void): void => {
  if (typeof requestIdleCallback === 'function') requestIdleCallback(fn, { timeout: 500 });
  else requestAnimationFrame(() => setTimeout(fn, 0));
};

/** The page has drawing to do: the yielding workers pause between mini-batches until it is idle. */
export function holdCoreForPage(): void {
  // A hidden page draws nothing (and its idle callbacks and frames are throttled or stopped): no hold.
  if (!flag || raised || document.hidden) return;
  raised = true;
  raiseFlag(flag);
  whenIdle(() => {
    raised = false;
    lowerFlag(flag);
  });
}

/**
 * A user's input (a click, a key, a touch) holds a core too: its response is drawn before the
 * yielding workers go on. A page that goes hidden lowers the flag at once.
 */
export function holdCoreOnInput(target: EventTarget): void {
  for (const type of ['pointerdown', 'keydown', 'wheel']) target.addEventListener(type, holdCoreForPage, { capture: true, passive: true });
  document.addEventListener('visibilitychange', () => {
    if (document.hidden && flag) lowerFlag(flag);
  });
}

/**
 * For a costly view (a chart, the network diagram, a results table): a commit that draws new data
 * (`data` changed) holds a core until it is drawn; a hover or a focus redraw does not. Runs in a
 * layout effect, after React's DOM changes and before the browser styles and lays them out (a
 * section's first mount was a 45–75 ms style and layout while both cores trained).
 */
export function useHoldCoreWhileDrawn(...data: unknown[]): void {
  useLayoutEffect(holdCoreForPage, data);
}
