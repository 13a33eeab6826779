import type { ResultTable } from '../core/kinds/types';

/** A result table as aligned plain text (numbers right-aligned), for stdout. */
export function formatTable(t: ResultTable): string {
  const cells = [t.columns, ...t.rows.map((r) => r.map(String))];
  const widths = t.columns.map((_, c) => Math.max(...cells.map((r) => (r[c] ?? '').length)));
  const numeric = t.columns.map((_, c) => t.rows.every((r) => typeof r[c] === 'number' || /^[\d.,×%± -]+( ms|×| \(.*\))?$/.test(String(r[c] ?? ''))));
  const line = (r: readonly string[]) =>
    r
      .map((v, c) => (numeric[c] ? v.padStart(widths[c] ?? 0) : v.padEnd(widths[c] ?? 0)))
      .join('  ')
      .trimEnd();
  const rule = widths.map((w) => '─'.repeat(w)).join('  ');
  return [t.title, line(t.columns), rule, ...cells.slice(1).map(line)].join('\n');
}
