import { useRef, type ReactNode } from 'react';
import type { ResultView } from '../../core/link/codec';
import { ChartActions } from './ChartActions';

/** A chart with its caption, its accessible name, and PNG/SVG downloads. `view` marks the run's main chart for a link's "open the results at". */
export function ChartFigure(props: { name: string; caption: ReactNode; captionTestId?: string; view?: ResultView; children: ReactNode }) {
  const ref = useRef<HTMLElement>(null);
  return (
    <figure className="chart" aria-label={props.name} ref={ref} {...(props.view ? { 'data-view': props.view } : {})}>
      <figcaption {...(props.captionTestId ? { 'data-testid': props.captionTestId } : {})}>
        {props.caption} <ChartActions figure={ref} name={props.name} />
      </figcaption>
      {props.children}
    </figure>
  );
}
