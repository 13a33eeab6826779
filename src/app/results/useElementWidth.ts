import { useCallback, useRef, useState, type RefCallback } from 'react';
import { flushSync } from 'react-dom';
import { holdCoreForPage } from '../engine/pageGate';

/** The width each kind of chart last measured: a chart mounted again (a new run) starts at it, so it rarely draws twice. */
const lastWidth = new Map<string, number>();

/**
 * The rendered width of an element, in CSS pixels, kept up to date as it resizes (until measured:
 * the width this `key` last had, else `fallback`).
 *
 * Measured by a ResizeObserver only: its callback runs after the browser's own layout, where
 * reading a size costs nothing. (Reading it in a layout effect forced a layout inside React's
 * commit, which made that task a long one.) A changed width is drawn before the frame is painted.
 * `measured`: whether the width is known (measured, or this key's last); until then a chart draws
 * only its frame, so its curves are drawn once, at the right width.
 */
export function useElementWidth<T extends HTMLElement>(fallback: number, key?: string): [RefCallback<T>, number, boolean] {
  const known = key !== undefined ? lastWidth.get(key) : undefined;
  const [width, setWidth] = useState(known ?? fallback);
  const [measured, setMeasured] = useState(known !== undefined);
  const current = useRef(known);
  // A callback ref: the observer follows the element React attaches, whenever it does.
  const ref = useCallback(
    (el: T | null) => {
      if (!el) return;
      const observer = new ResizeObserver((entries) => {
        const box = entries.at(-1)?.borderBoxSize?.[0];
        const w = Math.round(box ? box.inlineSize : el.getBoundingClientRect().width);
        if (w <= 0 || w === current.current) return;
        current.current = w;
        if (key !== undefined) {
          if (lastWidth.size > 200) lastWidth.clear();
          lastWidth.set(key, w);
        }
        // The chart draws at its new width before this frame is painted: a core for the page meanwhile.
        holdCoreForPage();
        flushSync(() => {
          setWidth(w);
          setMeasured(true);
        });
      });
      observer.observe(el);
      return () => observer.disconnect();
    },
    [key],
  );
  return [ref, width, measured];
}
