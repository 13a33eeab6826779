import type { RefObject } from 'react';
import { figurePng, figureSvg } from './chartExport';
import { download, saveBlob } from './download';

/** "PNG" and "SVG" buttons that download the figure they belong to; their accessible names say which chart. */
export function ChartActions({ figure, name }: { figure: RefObject<HTMLElement | null>; name: string }) {
  const file = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
  return (
    <span className="chart-actions">
      <button type="button" className="small" aria-label={`Download ${name} as PNG`} onClick={() => figure.current && void figurePng(figure.current).then((b) => saveBlob(`prunelab-${file}.png`, b))}>
        PNG
      </button>
      <button type="button" className="small" aria-label={`Download ${name} as SVG`} onClick={() => figure.current && download(`prunelab-${file}.svg`, figureSvg(figure.current).svg, 'image/svg+xml')}>
        SVG
      </button>
    </span>
  );
}
