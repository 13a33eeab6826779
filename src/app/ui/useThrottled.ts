import { useEffect, useRef, useState } from 'react';
import { holdCoreForPage } from '../engine/pageGate';

/**
 * `value`, passed on at most once per `ms` while `active` (the latest one wins; the last change is
 * never lost), and as it is otherwise. Heavy views (charts, the network diagram) use it while a
 * run streams, so the main thread draws them once a second instead of on every flush.
 */
export function useThrottled<T>(value: T, ms: number, active: boolean): T {
  const [shown, setShown] = useState(value);
  const last = useRef(0);
  useEffect(() => {
    if (!active) {
      last.current = 0;
      return;
    }
    const t = setTimeout(
      () => {
        last.current = performance.now();
        // A throttled view redraws while a run streams: a core for the page until it is drawn.
        holdCoreForPage();
        setShown(() => value);
      },
      Math.max(0, last.current + ms - performance.now()),
    );
    return () => clearTimeout(t);
  }, [value, ms, active]);
  return active ? shown : value;
}
