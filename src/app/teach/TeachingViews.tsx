import { useEffect, useId, useState } from 'react';
import { momentLabel } from '../../core/teach/snapshot';
import { useStore } from '../store';
import { DecisionBoundary } from './DecisionBoundary';
import { FilterGrid } from './FilterGrid';
import { NetworkDiagram } from './NetworkDiagram';
import { Reconstructions } from './Reconstructions';

const PLAY_MS = 1200;

/** Which pruned model the views show: the newest (following the run) or one picked; Play steps through them all. */
function MomentPicker() {
  const moments = useStore((s) => s.teach.moments);
  const picked = useStore((s) => s.teach.picked);
  const pick = useStore((s) => s.pickMoment);
  const [playing, setPlaying] = useState(false);
  const id = useId();
  useEffect(() => {
    if (!playing) return;
    const t = setInterval(() => {
      const { teach } = useStore.getState();
      const next = teach.picked === null ? 0 : teach.picked + 1;
      if (next >= teach.moments.length) setPlaying(false);
      else pick(next);
    }, PLAY_MS);
    return () => clearInterval(t);
  }, [playing, pick]);
  if (moments.length < 2) return null;
  return (
    <div className="row moment-picker">
      <div className="field">
        <label htmlFor={id}>Pruned model shown</label>
        <select id={id} value={picked === null ? '' : String(picked)} onChange={(e) => pick(e.target.value === '' ? null : Number(e.target.value))}>
          <option value="">The newest (follows the run)</option>
          {moments.map((m, i) => (
            <option key={`${m.tag}-${i}`} value={i}>
              {momentLabel(m.tag)}
            </option>
          ))}
        </select>
      </div>
      <button type="button" aria-pressed={playing} onClick={() => (playing ? setPlaying(false) : (pick(0), setPlaying(true)))}>
        {playing ? 'Pause the animation' : 'Play through the pruned models'}
      </button>
    </div>
  );
}

/** The run's models drawn: decision boundary (2-D data), network diagram (MLPs), filters (CNNs). */
export function TeachingViews() {
  const has = useStore((s) => s.teach.dense !== null);
  if (!has) return null;
  return (
    <>
      <MomentPicker />
      <DecisionBoundary />
      <NetworkDiagram />
      <FilterGrid />
      <Reconstructions />
    </>
  );
}
