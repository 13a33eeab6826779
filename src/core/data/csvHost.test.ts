import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CsvError, parseCsvTable, tableRows, tableToDataset } from './csv';
import { createCsvHost, parseCsvChunked } from './csvHost';

const FILES = [
  'width,height,label\n1,2,a\n3,4,b\n5,6,a\n',
  '1,2,0\n3,4,1\n5,6,1\n7,8,0\n',
  '\uFEFF"width, cm",label\r\n1.5,"x, y"\r\n\r\n2,z\r\n3,"multi\nline"\r\n',
  'a;b;label\n-0,256;1,5;x\n2;3,25e1;y\n4;5;x\n',
  'x,t\n' + Array.from({ length: 500 }, (_, i) => `${i},${(i * 0.37).toFixed(2)}`).join('\n'),
  'x,c\n' + Array.from({ length: 300 }, (_, i) => `${i},c${i}`).join('\n'),
];

describe('parseCsvChunked', () => {
  it.each([7, 16, 64, 1 << 20])('gives the whole-file table whatever the chunk size (%i bytes)', (chunk) => {
    for (const text of FILES) {
      const whole = parseCsvTable(text);
      const chunked = parseCsvChunked(text, chunk);
      expect(chunked.columns).toEqual(whole.columns);
      expect(chunked.hasHeader).toBe(whole.hasHeader);
      expect(tableRows(chunked)).toEqual(tableRows(whole));
    }
  });

  it('reports the same errors as a whole-file parse', () => {
    for (const bad of ['', 'a,b,c\n1,2,3\n4,5\n', 'a,a,l\n1,2,x\n3,4,y\n', 'a\n1\n2\n', 'a,label\n1,x\n']) {
      const whole = (() => { try { parseCsvTable(bad); } catch (e) { return (e as Error).message; } return 'ok'; })();
      expect(() => parseCsvChunked(bad, 8)).toThrow(CsvError);
      expect(() => parseCsvChunked(bad, 8)).toThrow(whole);
    }
  });

  it('holds 20,000 rows × 50 columns as numbers, and builds the dataset a table of strings would', () => {
    const header = [...Array.from({ length: 49 }, (_, i) => `f${i}`), 'label'].join(',');
    const rows = Array.from({ length: 20_000 }, (_, r) => [...Array.from({ length: 49 }, (_, c) => ((r * 31 + c * 7) % 256).toString()), `k${r % 4}`].join(','));
    const text = `${header}\n${rows.join('\n')}\n`;
    const t = parseCsvChunked(text, 256 * 1024);
    expect(t.nRows).toBe(20_000);
    const ds = tableToDataset(t, 'label', 'big.csv');
    expect(ds.nFeatures).toBe(49);
    expect(ds.classNames).toEqual(['k0', 'k1', 'k2', 'k3']);
    expect(ds.x[12_345 * 49 + 10]).toBe((12_345 * 31 + 70) % 256);
    expect(ds.y[12_346]).toBe(12_346 % 4);
    // A column with more distinct cells than classes keeps no labels (never a class target).
    expect(t.data[0]?.labels).toBeNull();
  });
});

describe('the CSV host (the worker behind uploads)', () => {
  it('hashes the bytes, opens the file and builds datasets for any target', async () => {
    const text = 'a,b,label\n1,10,0\n2,20,1\n3,30,0\n';
    const host = createCsvHost();
    const opened = await host.open(new Blob([text]), 'f.csv');
    expect(opened).toEqual({ columns: ['a', 'b', 'label'], hasHeader: true, nRows: 3, sha256: createHash('sha256').update(text).digest('hex') });
    const ds = host.dataset('label', 'f.csv');
    expect(Array.from(ds.x)).toEqual([1, 10, 2, 20, 3, 30]);
    expect(ds.classNames).toEqual(['0', '1']);
    expect(host.dataset('b', 'f.csv').classNames).toEqual(['10', '20', '30']);
  });
});
