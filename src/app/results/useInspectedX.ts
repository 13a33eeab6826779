import { useState, type FocusEvent, type KeyboardEvent, type PointerEvent } from 'react';

/** Index of the value in sorted `xs` nearest to `x`. */
export function nearestIndex(xs: readonly number[], x: number): number {
  let lo = 0;
  let hi = xs.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if ((xs[mid] ?? 0) < x) lo = mid;
    else hi = mid;
  }
  return Math.abs((xs[hi] ?? Infinity) - x) < Math.abs((xs[lo] ?? Infinity) - x) ? hi : lo;
}

export interface Inspected {
  /** The inspected x (one of `xs`), or null. */
  x: number | null;
  /** Whether the keyboard chose it (then a screen reader hears it). */
  byKey: boolean;
  handlers: {
    onPointerMove: (e: PointerEvent<SVGSVGElement>) => void;
    onPointerLeave: () => void;
    onKeyDown: (e: KeyboardEvent<SVGSVGElement>) => void;
    onFocus: (e: FocusEvent<SVGSVGElement>) => void;
    onBlur: () => void;
  };
}

/**
 * Which x of a chart is inspected: the one nearest the pointer, or stepped through with the arrow keys
 * (Home/End for the ends, Page Up/Down ten at a time, Escape to stop). `toX` maps a pixel offset within
 * the chart's drawing (in its viewBox units) to a data x.
 */
export function useInspectedX(xs: readonly number[], toX: (px: number) => number, width: number): Inspected {
  const [state, setState] = useState<{ x: number | null; byKey: boolean }>({ x: null, byKey: false });
  const current = state.x === null || xs.length === 0 ? -1 : nearestIndex(xs, state.x);
  const at = (i: number, byKey: boolean) => setState({ x: xs[Math.max(0, Math.min(xs.length - 1, i))] ?? null, byKey });
  const steps: Record<string, (i: number) => number> = {
    ArrowRight: (i) => i + 1,
    ArrowUp: (i) => i + 1,
    ArrowLeft: (i) => i - 1,
    ArrowDown: (i) => i - 1,
    PageUp: (i) => i + 10,
    PageDown: (i) => i - 10,
    Home: () => 0,
    End: () => xs.length - 1,
  };
  return {
    x: current < 0 ? null : (xs[current] ?? null),
    byKey: state.byKey,
    handlers: {
      onPointerMove: (e) => {
        if (xs.length === 0) return;
        const box = e.currentTarget.getBoundingClientRect();
        const px = ((e.clientX - box.left) * width) / (box.width || 1);
        at(nearestIndex(xs, toX(px)), false);
      },
      onPointerLeave: () => setState((s) => (s.byKey ? s : { x: null, byKey: false })),
      onKeyDown: (e) => {
        if (e.key === 'Escape') {
          setState({ x: null, byKey: true });
          return;
        }
        const step = steps[e.key];
        if (!step || xs.length === 0) return;
        e.preventDefault();
        at(step(current < 0 ? xs.length - 1 : current), true);
      },
      // Focus from the keyboard (not a click) starts at the last x.
      onFocus: (e) => {
        if (state.x === null && xs.length > 0 && e.currentTarget.matches(':focus-visible')) at(xs.length - 1, true);
      },
      onBlur: () => setState({ x: null, byKey: false }),
    },
  };
}
