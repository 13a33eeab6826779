/** Number formats shared by the app's tables and the CLI, so a count or a size reads the same everywhere. */

/** A count with thousands separators: 1722 → "1,722" (rounded). */
export const countText = (n: number): string => Math.round(n).toLocaleString('en-US');

/** A size in KB with one decimal: 6888 → "6.7 KB". */
export const kbText = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** A size in KB, or in whole MB from 1 MB up: "6.7 KB", "200 MB". */
export const byteText = (bytes: number): string =>
  bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : bytes >= 1024 * 1024 ? `${(bytes / 1024 / 1024).toFixed(0)} MB` : kbText(bytes);
