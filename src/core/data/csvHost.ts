import Papa from 'papaparse';
import { CsvError, CsvTableBuilder, tableToDataset, type CsvTable } from './csv';
import type { Dataset } from './dataset';

/** What the CSV worker offers: open a file once, then datasets for any target column. */
export interface CsvHostApi {
  /** Hashes and parses the file, keeping its columns; resolves with what the form needs. */
  open(file: Blob, name: string): Promise<CsvOpened>;
  /** The opened file as a dataset with `target` as the target column (features stored in shared memory when the page is cross-origin isolated). */
  dataset(target: string, name: string): Dataset;
}

export interface CsvOpened {
  columns: string[];
  hasHeader: boolean;
  nRows: number;
  /** SHA-256 of the file's bytes (hex): how links and saved runs recognise it. */
  sha256: string;
}

/** Rows handed to the builder at a time: papaparse's chunks of the decoded text. */
const CHUNK_BYTES = 4 * 1024 * 1024;

async function sha256Hex(bytes: ArrayBuffer): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', bytes));
  return Array.from(digest, (b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Parses CSV text chunk by chunk into a column table: only one chunk's rows exist as strings at a
 * time, so a 100 MB file costs its text plus its numbers, not a table of strings 9× its size.
 */
export function parseCsvChunked(text: string, chunkBytes = CHUNK_BYTES): CsvTable {
  if (text.trim() === '') throw new CsvError('The file is empty.');
  let builder: CsvTableBuilder | null = null;
  let rowsBefore = 0;
  let failure: unknown = null;
  // With a string, papaparse runs its chunks synchronously, before parse returns.
  Papa.parse<string[]>(text.replace(/^\uFEFF/, ''), {
    skipEmptyLines: 'greedy',
    chunkSize: chunkBytes,
    complete: () => undefined,
    chunk: (res: Papa.ParseResult<string[]>, parser: Papa.Parser) => {
      try {
        const fatal = res.errors.find((e) => e.type === 'Quotes');
        if (fatal) throw new CsvError(`Malformed CSV at row ${rowsBefore + (fatal.row ?? 0) + 1}: ${fatal.message}.`);
        // A semicolon-separated file (a European export) writes decimals with a comma.
        builder ??= new CsvTableBuilder(res.meta.delimiter === ';');
        builder.add(res.data);
        rowsBefore += res.data.length;
      } catch (e) {
        failure = e;
        parser.abort();
      }
    },
  });
  if (failure) throw failure;
  if (!builder) throw new CsvError('The file is empty.');
  return (builder as CsvTableBuilder).finish();
}

/** Copies into shared memory when it can (cross-origin isolated), so every engine worker reads the same bytes. */
function shared(a: Float64Array): Float64Array {
  if (typeof SharedArrayBuffer === 'undefined' || (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === false) return a;
  const s = new Float64Array(new SharedArrayBuffer(a.byteLength));
  s.set(a);
  return s;
}

export function createCsvHost(): CsvHostApi {
  let table: CsvTable | null = null;
  return {
    async open(file, _name) {
      table = null;
      const bytes = await file.arrayBuffer();
      const sha256 = await sha256Hex(bytes);
      const text = new TextDecoder().decode(bytes);
      table = parseCsvChunked(text);
      return { columns: table.columns, hasHeader: table.hasHeader, nRows: table.nRows, sha256 };
    },
    dataset(target, name) {
      if (!table) throw new CsvError('No CSV file is open.');
      const ds = tableToDataset(table, target, name);
      return { ...ds, x: shared(ds.x) };
    },
  };
}
