import { countText } from '../format';
import { strFromU8, strToU8, unzlibSync, zlibSync } from 'fflate';
import { BUILTIN_NAMES } from '../data/builtin';
import { SYNTHETIC_NAMES } from '../data/synthetic';
import { parseSpec } from '../spec/parse';
import { hasPath } from '../spec/paths';

export { hasPath } from '../spec/paths';
import { SPEC_VERSION, type ExperimentSpec } from '../spec/schema';

/**
 * Experiment links, as TensorFlow Playground keeps its state in the address: `#e=` followed by the
 * base64url of a zlib-compressed JSON payload { l: link format, spec, t: teacher options }. The
 * payload is data only: it is parsed as JSON and validated like any spec (nothing in it is
 * executed or rendered as HTML), and every way a link can be wrong has its own message.
 */
export const LINK_FORMAT = 1;
export const LINK_PARAM = 'e';
/** Longer hashes are refused before decoding (a normal link is a few hundred characters). */
export const MAX_LINK_CHARS = 16_000;
/** A payload may not inflate beyond this (a compressed bomb is refused, not expanded). */
export const MAX_PAYLOAD_BYTES = 256 * 1024;

export const SECTIONS = ['data', 'model', 'training', 'validation', 'experiment'] as const;
export type SectionId = (typeof SECTIONS)[number];
/** The spec paths each section of the form edits (locking a section locks these). */
export const SECTION_PATHS: Record<SectionId, readonly string[]> = { data: ['dataset', 'preprocessing', 'learningTask'], model: ['model'], training: ['training'], validation: ['cv', 'seed'], experiment: ['task'] };
export const RESULT_VIEWS = ['summary', 'chart', 'table', 'curves'] as const;
export type ResultView = (typeof RESULT_VIEWS)[number];

/** What a teacher can fix in a link: sections hidden, settings locked (spec paths; a path locks everything under it), the results view opened. */
export interface TeacherOptions {
  hide?: SectionId[];
  lock?: string[];
  view?: ResultView;
}

export interface LinkState {
  spec: ExperimentSpec;
  teacher?: TeacherOptions;
}

export type LinkErrorCode =
  | 'not-a-link'
  | 'empty'
  | 'too-long'
  | 'bad-characters'
  | 'truncated'
  | 'damaged'
  | 'checksum'
  | 'too-large'
  | 'not-text'
  | 'not-json'
  | 'not-an-object'
  | 'future-format'
  | 'no-spec'
  | 'future-spec'
  | 'unknown-dataset'
  | 'invalid-spec'
  | 'csv-without-hash'
  | 'bad-teacher'
  | 'unknown-section'
  | 'bad-lock'
  | 'unknown-view';

export interface LinkError {
  code: LinkErrorCode;
  message: string;
}

export type LinkResult = { ok: true; state: LinkState; migratedFrom?: number } | { ok: false; error: LinkError };

const B64URL = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

function toBase64Url(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const n = ((bytes[i] ?? 0) << 16) | ((bytes[i + 1] ?? 0) << 8) | (bytes[i + 2] ?? 0);
    const chars = i + 2 < bytes.length ? 4 : i + 1 < bytes.length ? 3 : 2;
    for (let c = 0; c < chars; c++) out += B64URL[(n >> (18 - 6 * c)) & 63];
  }
  return out;
}

function fromBase64Url(text: string): Uint8Array | null {
  if (text.length % 4 === 1) return null;
  const out = new Uint8Array(Math.floor((text.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < text.length; i += 4) {
    let n = 0;
    for (let c = 0; c < 4; c++) n = (n << 6) | (i + c < text.length ? B64URL.indexOf(text[i + c] as string) : 0);
    for (let b = 0; b < 3 && o < out.length; b++) out[o++] = (n >> (16 - 8 * b)) & 255;
  }
  return out;
}

/** Adler-32, the checksum a zlib stream ends with (fflate does not check it; a link must). */
export function adler32(bytes: Uint8Array): number {
  let a = 1;
  let b = 0;
  for (let i = 0; i < bytes.length; i++) {
    a = (a + (bytes[i] as number)) % 65521;
    b = (b + a) % 65521;
  }
  return ((b << 16) | a) >>> 0;
}

/** The hash (without '#') that opens this experiment. */
export function encodeLink(state: LinkState): string {
  const payload: { l: number; spec: ExperimentSpec; t?: TeacherOptions } = { l: LINK_FORMAT, spec: state.spec };
  if (state.teacher && (state.teacher.hide?.length || state.teacher.lock?.length || state.teacher.view)) payload.t = state.teacher;
  return `${LINK_PARAM}=${toBase64Url(zlibSync(strToU8(JSON.stringify(payload)), { level: 9 }))}`;
}

const fail = (code: LinkErrorCode, message: string): LinkResult => ({ ok: false, error: { code, message } });
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Reads a location hash ('#e=…' or 'e=…'); says exactly what is wrong with a bad one. */
export function decodeLink(hash: string): LinkResult {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (raw.length > MAX_LINK_CHARS) return fail('too-long', `The link is ${countText(raw.length)} characters long; PruneLab links are at most ${countText(MAX_LINK_CHARS)}. It was not read.`);
  if (!raw.startsWith(`${LINK_PARAM}=`)) return fail('not-a-link', `The part of the address after # ("${raw.slice(0, 24)}${raw.length > 24 ? '…' : ''}") is not a PruneLab experiment; experiment links start with #${LINK_PARAM}=.`);
  const data = raw.slice(LINK_PARAM.length + 1);
  if (data === '') return fail('empty', 'The link holds no experiment: nothing follows #e=.');
  if (!/^[A-Za-z0-9_-]*$/.test(data)) return fail('bad-characters', 'The link contains characters that cannot be in an experiment link (it was probably edited or cut): only letters, digits, - and _ may follow #e=.');
  const bytes = fromBase64Url(data);
  if (!bytes || bytes.length < 6) return fail('truncated', 'The link is cut short: its data ends mid-way. Copy the whole link again.');
  let text: Uint8Array;
  try {
    text = unzlibSync(bytes);
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    if (/unexpected EOF/i.test(msg)) return fail('truncated', 'The link is cut short: its data ends mid-way. Copy the whole link again.');
    return fail('damaged', 'The link is damaged: its data does not decompress. Copy the whole link again.');
  }
  if (text.length > MAX_PAYLOAD_BYTES) return fail('too-large', `The link expands to ${(text.length / 1024).toFixed(0)} KB of settings; an experiment is at most ${MAX_PAYLOAD_BYTES / 1024} KB. It was not read.`);
  const stored = bytes.length >= 4 ? (((bytes[bytes.length - 4] as number) << 24) | ((bytes[bytes.length - 3] as number) << 16) | ((bytes[bytes.length - 2] as number) << 8) | (bytes[bytes.length - 1] as number)) >>> 0 : -1;
  if (stored !== adler32(text)) return fail('checksum', 'The link is damaged: its checksum does not match its contents (some characters were changed).');
  let json: string;
  try {
    json = strFromU8(text, false);
    new TextDecoder('utf-8', { fatal: true }).decode(text);
  } catch {
    return fail('not-text', 'The link is damaged: its contents are not text.');
  }
  let payload: unknown;
  try {
    payload = JSON.parse(json);
  } catch {
    return fail('not-json', 'The link is damaged: its contents are not valid JSON.');
  }
  if (!isObject(payload)) return fail('not-an-object', 'The link is damaged: it does not hold an experiment object.');
  const format = payload.l;
  if (typeof format === 'number' && format > LINK_FORMAT) return fail('future-format', `The link was made by a newer PruneLab (link format ${format}; this one reads format ${LINK_FORMAT}). Open it in the newer version.`);
  if (format !== LINK_FORMAT) return fail('not-an-object', 'The link is damaged: it does not say which link format it uses.');
  const spec = payload.spec;
  if (!isObject(spec)) return fail('no-spec', 'The link holds no experiment spec.');
  if (typeof spec.version === 'number' && spec.version > SPEC_VERSION) return fail('future-spec', `The link's experiment is spec version ${spec.version}, from a newer PruneLab; this one reads versions 1 to ${SPEC_VERSION}.`);
  const dataset = spec.dataset;
  if (isObject(dataset)) {
    const known = (dataset.kind === 'builtin' && (BUILTIN_NAMES as readonly unknown[]).includes(dataset.name)) || (dataset.kind === 'synthetic' && (SYNTHETIC_NAMES as readonly unknown[]).includes(dataset.name)) || dataset.kind === 'csv';
    if (!known) return fail('unknown-dataset', `The link's experiment uses a dataset this PruneLab does not have (${JSON.stringify(String(dataset.kind)).slice(0, 40)} ${JSON.stringify(String(dataset.name)).slice(0, 60)}). Built-in: ${BUILTIN_NAMES.join(', ')}; synthetic: ${SYNTHETIC_NAMES.join(', ')}.`);
    if (dataset.kind === 'csv' && typeof dataset.sha256 !== 'string') return fail('csv-without-hash', 'The link refers to an uploaded CSV file without its SHA-256, so the file could not be checked: share the link again from a current PruneLab.');
  }
  const parsed = parseSpec(spec);
  if (!parsed.ok) return fail('invalid-spec', `The link's experiment is not valid: ${parsed.error.replace(/^Invalid experiment spec — /, '')}.`);
  const teacher = readTeacher(payload.t, parsed.spec);
  if (!teacher.ok) return teacher;
  const state: LinkState = { spec: parsed.spec, ...(teacher.value ? { teacher: teacher.value } : {}) };
  return parsed.migratedFrom ? { ok: true, state, migratedFrom: parsed.migratedFrom } : { ok: true, state };
}

function readTeacher(t: unknown, spec: ExperimentSpec): { ok: true; value?: TeacherOptions } | { ok: false; error: LinkError } {
  if (t === undefined) return { ok: true };
  const bad = (code: LinkErrorCode, message: string) => ({ ok: false as const, error: { code, message } });
  if (!isObject(t) || Object.keys(t).some((k) => !['hide', 'lock', 'view'].includes(k))) return bad('bad-teacher', 'The link’s teacher options are not understood (expected hide, lock and view).');
  const out: TeacherOptions = {};
  if (t.hide !== undefined) {
    if (!Array.isArray(t.hide)) return bad('bad-teacher', 'The link’s hidden sections are not a list.');
    const unknown = t.hide.find((h) => !(SECTIONS as readonly unknown[]).includes(h));
    if (unknown !== undefined) return bad('unknown-section', `The link hides a section PruneLab does not have: ${JSON.stringify(unknown).slice(0, 40)} (sections: ${SECTIONS.join(', ')}).`);
    out.hide = t.hide as SectionId[];
  }
  if (t.lock !== undefined) {
    if (!Array.isArray(t.lock) || t.lock.some((p) => typeof p !== 'string')) return bad('bad-teacher', 'The link’s locked settings are not a list of names.');
    const missing = (t.lock as string[]).find((p) => !hasPath(spec, p));
    if (missing !== undefined) return bad('bad-lock', `The link locks a setting the experiment does not have: "${missing.slice(0, 60)}".`);
    out.lock = t.lock as string[];
  }
  if (t.view !== undefined) {
    if (!(RESULT_VIEWS as readonly unknown[]).includes(t.view)) return bad('unknown-view', `The link opens a results view PruneLab does not have: ${JSON.stringify(t.view).slice(0, 40)} (views: ${RESULT_VIEWS.join(', ')}).`);
    out.view = t.view as ResultView;
  }
  return { ok: true, value: out };
}

/** Whether a setting is locked by the teacher options (a locked path locks everything under it). */
export const isLocked = (teacher: TeacherOptions | undefined, path: string): boolean => (teacher?.lock ?? []).some((l) => path === l || path.startsWith(`${l}.`));
