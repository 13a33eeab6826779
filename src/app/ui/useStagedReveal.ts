import { startTransition, useEffect, useState } from 'react';
import { holdCoreForPage } from '../engine/pageGate';

/**
 * Once `ready` turns true, counts 0 → `stages`, one step per frame, each in its own task: views
 * that are costly to mount (charts) come in one after another instead of in one long
 * main-thread task (a run's end used to mount the sweep chart, table and inspector at once: 210 ms).
 * Each stage renders as a transition, which React splits into ~5 ms slices between which the page
 * stays responsive; only the commit (DOM insertion, layout effects) is one task.
 * Already ready when first mounted (a saved run opened): everything at once, no staging — unless
 * `onMount`, for a view that is itself mounted at a run's end and stages its own parts.
 */
export function useStagedReveal(ready: boolean, stages: number, onMount = false): number {
  const [stage, setStage] = useState(ready && !onMount ? stages : 0);
  // Not ready again (a new run): back to stage 0, adjusted while rendering.
  const [wasReady, setWasReady] = useState(ready);
  if (ready !== wasReady) {
    setWasReady(ready);
    if (!ready) setStage(0);
  }
  useEffect(() => {
    if (!ready || stage >= stages) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // After the next frame is drawn, in a task of its own.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => {
        // A costly view mounts: a core for the page until it is drawn (a run may be streaming).
        holdCoreForPage();
        startTransition(() => setStage((s) => Math.min(stages, s + 1)));
      }, 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [ready, stage, stages]);
  return ready ? stage : 0;
}
