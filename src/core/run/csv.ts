import Papa from 'papaparse';
import type { ResultTable } from '../kinds/types';

/**
 * A result table as RFC 4180 CSV (papaparse's writer). A text cell that starts like a formula
 * (=, +, -, @, tab, CR) is prefixed with ' so a spreadsheet shows it instead of running it;
 * numbers are written as numbers.
 */
export function tableToCsv(t: ResultTable): string {
  return `${Papa.unparse({ fields: t.columns, data: t.rows.map((r) => r.map((v) => (typeof v === 'boolean' ? String(v) : v))) }, { escapeFormulae: true, newline: '\n' })}\n`;
}
