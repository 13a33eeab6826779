import { useEffect, useId, useMemo, useRef } from 'react';
import { reconstruct } from '../../core/teach/snapshot';
import { useStore } from '../store';
import type { TeachState } from '../store/types';
import { shownDense, shownPruned, type Shown } from './shown';

const PX = 6;

type Images = NonNullable<TeachState['images']>;

/** One image drawn in grey, black = the largest value of the originals. */
function ImageCanvas({ values, shape, max, label }: { values: ArrayLike<number>; shape: readonly [number, number, number]; max: number; label: string }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [h, w, c] = shape;
  useEffect(() => {
    const g = ref.current?.getContext('2d');
    if (!g) return;
    for (let r = 0; r < h; r++)
      for (let col = 0; col < w; col++) {
        let v = 0;
        for (let k = 0; k < c; k++) v += values[(r * w + col) * c + k] ?? 0;
        const t = Math.max(0, Math.min(1, v / c / (max || 1)));
        const grey = Math.round(255 * (1 - t));
        g.fillStyle = `rgb(${grey},${grey},${grey})`;
        g.fillRect(col * PX, r * PX, PX, PX);
      }
  }, [values, h, w, c, max]);
  return <canvas ref={ref} width={w * PX} height={h * PX} role="img" aria-label={label} className="recon-image" />;
}

const mse = (a: ArrayLike<number>, b: ArrayLike<number>, from: number, d: number): number => {
  let s = 0;
  for (let i = 0; i < d; i++) s += ((a[from + i] ?? 0) - (b[from + i] ?? 0)) ** 2;
  return s / d;
};

function Row({ title, images, recon, max }: { title: string; images: Images; recon: ArrayLike<number> | null; max: number }) {
  const d = images.x.length / images.n;
  return (
    <tr>
      <th scope="row">{title}</th>
      {images.rows.map((r, i) => {
        const values = recon ? Array.prototype.slice.call(recon, i * d, (i + 1) * d) : Array.prototype.slice.call(images.x, i * d, (i + 1) * d);
        const err = recon ? mse(images.x, recon, i * d, d) : null;
        return (
          <td key={r}>
            <ImageCanvas values={values as number[]} shape={images.shape} max={max} label={`${title}, row ${r + 1}${err === null ? '' : `: pixel MSE ${err.toFixed(2)}`}`} />
            {err !== null && <small data-testid="recon-error">{err.toFixed(2)}</small>}
          </td>
        );
      })}
    </tr>
  );
}

/** An autoencoder on images: fold 1's held-out rows, the dense model's reconstructions and the pruned one's, with each image's error. */
export function Reconstructions() {
  const teach = useStore((s) => s.teach);
  const id = useId();
  const images = teach.images;
  const dense = shownDense(teach);
  const pruned = shownPruned(teach);
  const recon = (s: Shown | null) => (s && images && s.snapshot.kind === 'mlp' ? reconstruct(s.snapshot, images.x, images.n) : null);
  const denseRecon = useMemo(() => recon(dense), [dense?.snapshot, images]); // eslint-disable-line react-hooks/exhaustive-deps
  const prunedRecon = useMemo(() => recon(pruned), [pruned?.snapshot, images]); // eslint-disable-line react-hooks/exhaustive-deps
  if (!images || !denseRecon || !dense) return null;
  let max = 0;
  for (const v of images.x) max = Math.max(max, v);
  return (
    <section aria-labelledby={id} className="reconstructions" data-view="reconstructions">
      <h2 id={id}>Reconstructions</h2>
      <p className="hint">
        Fold 1’s first {images.n} held-out images, and what the autoencoder rebuilds from its code. Under each: its mean squared error per pixel, in the data’s own units.
      </p>
      <div className="table-scroll">
        <table className="recon-table" data-testid="reconstructions">
          <tbody>
            <Row title="Original" images={images} recon={null} max={max} />
            <Row title={dense.label} images={images} recon={denseRecon} max={max} />
            {pruned && prunedRecon && <Row title={pruned.label} images={images} recon={prunedRecon} max={max} />}
          </tbody>
        </table>
      </div>
    </section>
  );
}
