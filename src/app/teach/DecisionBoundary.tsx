import { useEffect, useId, useMemo, useRef, useState } from 'react';
import { predictProba, type NetSnapshot } from '../../core/teach/snapshot';
import { useStore } from '../store';
import type { TeachState } from '../store/types';
import { classColor, rgb } from './palette';
import { pct1, shownDense, shownPruned, type Shown } from './shown';

/**
 * Cells per side of the predicted-class grid: at 72 (5,184 forward passes) once the run has ended
 * (finished or stopped), at 36 while it runs (a quarter of the work: its first draw ran 80–110 ms
 * on a page whose cores the workers hold, as the forward pass was not yet compiled).
 */
const GRID_FULL = 72;
const GRID_LIVE = 36;
/** Drawing size in CSS pixels: the largest the plot is shown (presentation mode); CSS scales it down elsewhere. */
const SIZE = 440;

type Points = NonNullable<TeachState['points']>;
interface Extent {
  x0: number;
  x1: number;
  y0: number;
  y1: number;
}

function extentOf(p: Points): Extent {
  let [x0, x1, y0, y1] = [Infinity, -Infinity, Infinity, -Infinity];
  for (let i = 0; i < p.y.length; i++) {
    const x = p.x[2 * i] ?? 0;
    const y = p.x[2 * i + 1] ?? 0;
    [x0, x1, y0, y1] = [Math.min(x0, x), Math.max(x1, x), Math.min(y0, y), Math.max(y1, y)];
  }
  const px = 0.08 * (x1 - x0 || 1);
  const py = 0.08 * (y1 - y0 || 1);
  return { x0: x0 - px, x1: x1 + px, y0: y0 - py, y1: y1 + py };
}

/** Share of the points whose predicted class is their label (all rows: fold 1's training and held-out rows). */
function agreement(snapshot: NetSnapshot, p: Points): number {
  const n = p.y.length;
  const prob = predictProba(snapshot, p.x, n);
  const k = prob.length / n;
  let hits = 0;
  for (let i = 0; i < n; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if ((prob[i * k + c] ?? 0) > (prob[i * k + best] ?? 0)) best = c;
    if (best === p.y[i]) hits++;
  }
  return hits / n;
}

function draw(canvas: HTMLCanvasElement, snapshot: NetSnapshot, p: Points, e: Extent, cells: number): void {
  const dpr = Math.min(2, globalThis.devicePixelRatio || 1);
  canvas.width = SIZE * dpr;
  canvas.height = SIZE * dpr;
  const g = canvas.getContext('2d');
  if (!g) return;
  g.setTransform(dpr, 0, 0, dpr, 0, 0);
  // The model's predicted class over a grid, its confidence as the colour's strength.
  const grid = new Float64Array(cells * cells * 2);
  for (let r = 0; r < cells; r++)
    for (let c = 0; c < cells; c++) {
      grid[2 * (r * cells + c)] = e.x0 + ((c + 0.5) / cells) * (e.x1 - e.x0);
      grid[2 * (r * cells + c) + 1] = e.y1 - ((r + 0.5) / cells) * (e.y1 - e.y0);
    }
  const prob = predictProba(snapshot, grid, cells * cells);
  const k = prob.length / (cells * cells);
  const img = new ImageData(cells, cells);
  for (let i = 0; i < cells * cells; i++) {
    let best = 0;
    for (let c = 1; c < k; c++) if ((prob[i * k + c] ?? 0) > (prob[i * k + best] ?? 0)) best = c;
    const conf = ((prob[i * k + best] ?? 0) - 1 / k) / (1 - 1 / k);
    const [cr, cg, cb] = rgb(classColor(best));
    const a = 0.12 + 0.5 * Math.max(0, conf);
    img.data[4 * i] = Math.round(255 * (1 - a) + cr * a);
    img.data[4 * i + 1] = Math.round(255 * (1 - a) + cg * a);
    img.data[4 * i + 2] = Math.round(255 * (1 - a) + cb * a);
    img.data[4 * i + 3] = 255;
  }
  const off = document.createElement('canvas');
  off.width = cells;
  off.height = cells;
  off.getContext('2d')?.putImageData(img, 0, 0);
  g.imageSmoothingEnabled = true;
  g.drawImage(off, 0, 0, SIZE, SIZE);
  // The points: class 0 circles, class 1 squares, then triangles (shape and colour both tell the class).
  for (let i = 0; i < p.y.length; i++) {
    const x = (((p.x[2 * i] ?? 0) - e.x0) / (e.x1 - e.x0)) * SIZE;
    const y = ((e.y1 - (p.x[2 * i + 1] ?? 0)) / (e.y1 - e.y0)) * SIZE;
    const cls = p.y[i] ?? 0;
    g.fillStyle = classColor(cls);
    g.strokeStyle = '#fff';
    g.lineWidth = 1.3;
    g.beginPath();
    if (cls === 0) g.arc(x, y, 4.3, 0, 2 * Math.PI);
    else if (cls === 1) g.rect(x - 4, y - 4, 8, 8);
    else {
      g.moveTo(x, y - 4.8);
      g.lineTo(x + 4.5, y + 3.5);
      g.lineTo(x - 4.5, y + 3.5);
      g.closePath();
    }
    g.fill();
    g.stroke();
  }
}

function BoundaryPlot(props: { title: string; shown: Shown; points: Points; extent: Extent; cells: number; testId: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const { shown, points, extent, cells } = props;
  // Drawn anew for a new snapshot (the label is made from it on every render; the snapshot is kept).
  const { snapshot } = shown;
  // The score with the snapshot it was computed for: shown only beside that snapshot's label.
  const [agree, setAgree] = useState<{ of: NetSnapshot; value: number } | null>(null);
  // The grid's forward pass and the canvas (10–40 ms), then the score over every point, each in a
  // task of its own after the page has drawn the commit: not inside React's commit, and the dense
  // and the pruned plot apart (together they were one 80–100 ms task when a 2-D run started).
  useEffect(() => {
    const drawing = setTimeout(() => {
      if (ref.current) draw(ref.current, snapshot, points, extent, cells);
    }, 0);
    const scoring = setTimeout(() => setAgree({ of: snapshot, value: agreement(snapshot, points) }), 0);
    return () => {
      clearTimeout(drawing);
      clearTimeout(scoring);
    };
  }, [snapshot, points, extent, cells]);
  const score = agree === null || agree.of !== snapshot ? '…' : pct1(agree.value);
  const text = `${props.title}: ${shown.label}. Predicted class matches the label on ${score} of the ${points.y.length} points.`;
  return (
    <figure className="boundary-plot" data-testid={props.testId}>
      <canvas ref={ref} role="img" aria-label={text} className="boundary-canvas" />
      <figcaption>
        <strong>{props.title}</strong> — {shown.label}
        <br />
        <span data-testid={`${props.testId}-agreement`}>Matches the labels on {score} of the points</span>
      </figcaption>
    </figure>
  );
}

/** The 2-D data and the regions fold 1's model gives each class: dense and pruned side by side, redrawn while they train (as TensorFlow Playground). */
export function DecisionBoundary() {
  const teach = useStore((s) => s.teach);
  const cells = useStore((s) => (s.status === 'running' ? GRID_LIVE : GRID_FULL));
  const points = teach.points;
  const extent = useMemo(() => (points ? extentOf(points) : null), [points]);
  const id = useId();
  const dense = shownDense(teach);
  const pruned = shownPruned(teach);
  if (!points || !extent || !dense || dense.snapshot.kind !== 'mlp') return null;
  return (
    <section aria-labelledby={id} className="boundary" data-view="boundary">
      <h2 id={id}>Decision boundary</h2>
      <p className="hint">
        Fold 1’s model over the plane of {points.featureNames.join(' (x) and ')} (y): each region takes the colour of the class it predicts, stronger where it is surer. All {points.y.length} points are drawn; the model trained on fold 1’s training rows.
      </p>
      <div className="boundary-pair">
        <BoundaryPlot title="Dense" shown={dense} points={points} extent={extent} cells={cells} testId="boundary-dense" />
        {pruned && <BoundaryPlot title="Pruned" shown={pruned} points={points} extent={extent} cells={cells} testId="boundary-pruned" />}
      </div>
      <ul className="legend" aria-label="Classes">
        {teach.classNames.map((c, i) => (
          <li key={c}>
            <span className="class-mark" aria-hidden="true" style={{ color: classColor(i) }}>
              {i === 0 ? '●' : i === 1 ? '■' : '▲'}
            </span>{' '}
            {c}
          </li>
        ))}
      </ul>
    </section>
  );
}
