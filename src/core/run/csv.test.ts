import { describe, expect, it } from 'vitest';
import Papa from 'papaparse';
import { tableToCsv } from './csv';

describe('CSV exports', () => {
  it('quote what needs quoting and defuse formula-like text, keeping numbers as numbers', () => {
    const csv = tableToCsv({
      title: 't',
      columns: ['name', 'value', 'flag'],
      rows: [
        ['=HYPERLINK("http://x")', -0.5, true],
        ['a, "quoted" name', 1e-7, false],
        ['+1', 3, false],
        ['@cmd', 2, false],
        ['line\nbreak', 0, false],
      ],
    });
    const lines = Papa.parse<string[]>(csv.trim()).data;
    expect(lines[0]).toEqual(['name', 'value', 'flag']);
    expect(lines[1]).toEqual([`'=HYPERLINK("http://x")`, '-0.5', 'true']);
    expect(lines[2]).toEqual(['a, "quoted" name', '1e-7', 'false']);
    expect(lines[3]?.[0]).toBe("'+1");
    expect(lines[4]?.[0]).toBe("'@cmd");
    expect(lines[5]?.[0]).toBe('line\nbreak');
    expect(csv.endsWith('\n')).toBe(true);
  });
});
