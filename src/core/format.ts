/** Number formats shared by the app's tables and the CLI, so a count or a size reads the same everywhere. */

/**
 * A count with thousands separators: 1722 → "1,722" (rounded). Written out rather than
 * `toLocaleString`: a page's first Intl call loads ICU's locale data, ~30–100 ms on the main thread.
 */
export function countText(n: number): string {
  const r = Math.round(n);
  if (!Number.isFinite(r)) return String(r);
  const digits = String(Math.abs(r));
  let out = digits.slice(0, ((digits.length - 1) % 3) + 1);
  for (let i = out.length; i < digits.length; i += 3) out += `,${digits.slice(i, i + 3)}`;
  return r < 0 ? `-${out}` : out;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const two = (n: number) => String(n).padStart(2, '0');

/** A moment in local time, as en-GB writes it: "29 Nov, 18:20:05", or with `year` "29 Nov 2026, 18:20" (no Intl, as above). */
export function dateTimeText(iso: string, opts: { year?: boolean; seconds?: boolean } = {}): string {
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const day = `${d.getDate()} ${MONTHS[d.getMonth()] ?? ''}${opts.year ? ` ${d.getFullYear()}` : ''}`;
  return `${day}, ${two(d.getHours())}:${two(d.getMinutes())}${opts.seconds ? `:${two(d.getSeconds())}` : ''}`;
}

/** A size in KB with one decimal: 6888 → "6.7 KB". */
export const kbText = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** A size in KB, or in whole MB from 1 MB up: "6.7 KB", "200 MB". */
export const byteText = (bytes: number): string =>
  bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(0)} MB` : kbText(bytes);

const isNumeric = (s: string) => s.trim() !== '' && Number.isFinite(Number(s));

/**
 * Orders labels as a person reads them, without Intl.Collator (see countText): numbers by value
 * ("1e-4" < "0.001" < "0.1" < "2"), otherwise digit runs by value ("x2" < "x10"), letters ignoring case.
 */
export function naturalCompare(a: string, b: string): number {
  if (isNumeric(a) && isNumeric(b)) return Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0);
  const ta = a.match(/\d+|\D+/g) ?? [];
  const tb = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.min(ta.length, tb.length); i++) {
    const x = ta[i] ?? '';
    const y = tb[i] ?? '';
    const dx = /^\d/.test(x);
    const dy = /^\d/.test(y);
    let c = 0;
    if (dx && dy) c = Number(x) - Number(y);
    else {
      const lx = x.toLowerCase();
      const ly = y.toLowerCase();
      c = lx < ly ? -1 : lx > ly ? 1 : 0;
    }
    if (c !== 0) return c;
  }
  return ta.length - tb.length || (a < b ? -1 : a > b ? 1 : 0);
}
