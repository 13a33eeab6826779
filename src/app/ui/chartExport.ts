/**
 * Charts as files: the chart's SVG (recharts' or ours), with the figure's caption and legend drawn
 * into it and computed styles inlined so it looks the same outside the page; PNG is that SVG
 * rendered at twice the size. A canvas figure (the mask heatmap) exports its pixels.
 */
const SVG_NS = 'http://www.w3.org/2000/svg';
const STYLE_PROPS = ['fill', 'stroke', 'stroke-width', 'stroke-dasharray', 'stroke-opacity', 'fill-opacity', 'opacity', 'font-size', 'font-family', 'font-weight', 'text-anchor', 'dominant-baseline', 'visibility'];

interface LegendEntry {
  text: string;
  color: string;
}

function legendOf(figure: HTMLElement): LegendEntry[] {
  const items = [...figure.querySelectorAll<HTMLElement>('.recharts-legend-item, ul.legend li')];
  return items.map((li) => {
    const swatch = li.querySelector<HTMLElement>('.swatch');
    const shape = li.querySelector('path, line, rect, circle');
    const color = swatch ? getComputedStyle(swatch).backgroundColor : shape ? shape.getAttribute('stroke') && shape.getAttribute('stroke') !== 'none' ? (shape.getAttribute('stroke') as string) : (shape.getAttribute('fill') ?? '#333') : '#333';
    return { text: (li.textContent ?? '').trim(), color };
  });
}

/** The figure's main chart: its largest SVG (legend icons are small SVGs too). */
function mainSvg(figure: HTMLElement): SVGSVGElement | null {
  const svgs = [...figure.querySelectorAll<SVGSVGElement>('svg')];
  return svgs.reduce<SVGSVGElement | null>((best, s) => {
    const r = s.getBoundingClientRect();
    const b = best?.getBoundingClientRect();
    return !b || r.width * r.height > b.width * b.height ? s : best;
  }, null);
}

function inlineStyles(source: Element, target: Element): void {
  const src = [source, ...source.querySelectorAll('*')];
  const dst = [target, ...target.querySelectorAll('*')];
  src.forEach((el, i) => {
    const out = dst[i];
    if (!out) return;
    const cs = getComputedStyle(el);
    const style = STYLE_PROPS.map((p) => `${p}:${cs.getPropertyValue(p)}`).join(';');
    out.setAttribute('style', style);
  });
}

const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The figure as a standalone SVG document (caption, legend, chart). */
export function figureSvg(figure: HTMLElement): { svg: string; width: number; height: number } {
  const caption = figure.querySelector('figcaption')?.cloneNode(true) as HTMLElement | undefined;
  caption?.querySelectorAll('.chart-actions').forEach((b) => b.remove());
  const title = caption?.textContent?.trim() ?? '';
  const legend = legendOf(figure);
  const chart = mainSvg(figure);
  const canvas = figure.querySelector('canvas');
  const box = (chart ?? canvas)?.getBoundingClientRect();
  const width = Math.max(320, Math.round(box?.width ?? 640));
  const chartH = Math.round(box?.height ?? 0);
  const titleH = title ? 28 : 8;
  const perRow = Math.max(1, Math.floor(width / 200));
  const legendH = legend.length ? Math.ceil(legend.length / perRow) * 18 + 6 : 0;
  const height = titleH + legendH + chartH + 8;
  const parts: string[] = [`<rect width="${width}" height="${height}" fill="#ffffff"/>`];
  if (title) parts.push(`<text x="8" y="19" font-family="system-ui, sans-serif" font-size="13" font-weight="600" fill="#111827">${esc(title)}</text>`);
  legend.forEach((l, i) => {
    const x = 8 + (i % perRow) * 200;
    const y = titleH + Math.floor(i / perRow) * 18 + 12;
    parts.push(`<rect x="${x}" y="${y - 8}" width="14" height="4" fill="${esc(l.color)}"/><text x="${x + 20}" y="${y}" font-family="system-ui, sans-serif" font-size="11" fill="#111827">${esc(l.text)}</text>`);
  });
  const top = titleH + legendH;
  if (chart) {
    const clone = chart.cloneNode(true) as SVGSVGElement;
    inlineStyles(chart, clone);
    clone.setAttribute('x', '0');
    clone.setAttribute('y', String(top));
    clone.setAttribute('width', String(width));
    clone.setAttribute('height', String(chartH));
    clone.removeAttribute('style');
    parts.push(new XMLSerializer().serializeToString(clone));
  } else if (canvas) {
    parts.push(`<image x="0" y="${top}" width="${width}" height="${chartH}" href="${canvas.toDataURL('image/png')}"/>`);
  }
  return { svg: `<svg xmlns="${SVG_NS}" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`, width, height };
}

/** The figure rendered to PNG at `scale` times its size. */
export async function figurePng(figure: HTMLElement, scale = 2): Promise<Blob> {
  const { svg, width, height } = figureSvg(figure);
  const url = URL.createObjectURL(new Blob([svg], { type: 'image/svg+xml' }));
  try {
    const img = new Image();
    img.decoding = 'sync';
    await new Promise<void>((resolve, reject) => {
      img.onload = () => resolve();
      img.onerror = () => reject(new Error('The chart could not be drawn as an image.'));
      img.src = url;
    });
    const canvas = document.createElement('canvas');
    canvas.width = width * scale;
    canvas.height = height * scale;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('No 2-D canvas to draw the chart on.');
    ctx.scale(scale, scale);
    ctx.drawImage(img, 0, 0);
    return await new Promise<Blob>((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('The PNG could not be made.'))), 'image/png'));
  } finally {
    URL.revokeObjectURL(url);
  }
}
