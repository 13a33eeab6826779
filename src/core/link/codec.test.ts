import { strToU8, zlibSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { parseSpec } from '../spec/parse';
import { defaultSpecFor, withTask } from '../spec/edit';
import { randomSpec } from '../testing/randomSpec';
import { adler32, decodeLink, encodeLink, isLocked, MAX_LINK_CHARS, type LinkErrorCode, type LinkState } from './codec';

const b64url = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');
/** A link whose payload is exactly this text (compressed as real links are). */
const linkOf = (text: string) => `#e=${b64url(zlibSync(strToU8(text), { level: 9 }))}`;
const payload = (over: Record<string, unknown>) => linkOf(JSON.stringify({ l: 1, spec: defaultSpecFor('iris'), ...over }));

describe('experiment links', () => {
  it('round-trip random valid specs (every kind, model and dataset), with teacher options', () => {
    const rng = createRng(2026);
    for (let i = 0; i < 300; i++) {
      const spec = randomSpec(rng, { extremes: i % 2 === 0 });
      const checked = parseSpec(spec);
      expect(checked.ok, JSON.stringify(checked)).toBe(true);
      const state: LinkState = i % 3 === 0 ? { spec, teacher: { hide: ['model'], lock: ['training.epochs', 'task'], view: 'chart' } } : { spec };
      const back = decodeLink(`#${encodeLink(state)}`);
      expect(back).toEqual({ ok: true, state });
    }
  });

  it('stay under 2,000 characters for any spec on built-in or synthetic data', () => {
    const rng = createRng(7);
    let longest = 0;
    for (let i = 0; i < 500; i++) longest = Math.max(longest, `https://prunelab.example/#${encodeLink({ spec: randomSpec(rng, { extremes: true }), teacher: { hide: ['data', 'model', 'training', 'validation', 'experiment'], lock: ['dataset', 'model', 'training', 'cv', 'seed', 'task'], view: 'table' } })}`.length);
    expect(longest).toBeLessThan(2000);
    expect(encodeLink({ spec: defaultSpecFor('breast_cancer') }).length).toBeLessThan(600);
  });

  // Each bad link, its own message; the app then opens on its defaults.
  const bad: [string, string, LinkErrorCode, RegExp][] = [
    ['not ours', '#section-3', 'not-a-link', /is not a PruneLab experiment/],
    ['empty', '#e=', 'empty', /nothing follows #e=/],
    ['oversized', `#e=${'A'.repeat(MAX_LINK_CHARS + 1)}`, 'too-long', /16,00\d characters long/],
    ['edited characters', '#e=eJx$$$', 'bad-characters', /only letters, digits, - and _/],
    ['one character', '#e=e', 'truncated', /cut short/],
    ['truncated', encodeLink({ spec: defaultSpecFor('wine') }).slice(0, 40).replace(/^/, '#'), 'truncated', /cut short/],
    ['damaged block', `#e=${b64url(Uint8Array.from([0x78, 0xda, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]))}`, 'damaged', /does not decompress/],
    ['contents changed under an intact stream', (() => {
      const bytes = zlibSync(strToU8(JSON.stringify({ l: 1, spec: defaultSpecFor('wine') })), { level: 9 });
      bytes[bytes.length - 1] = (bytes[bytes.length - 1] as number) ^ 1;
      return `#e=${b64url(bytes)}`;
    })(), 'checksum', /checksum does not match/],
    ['a bomb', linkOf(' '.repeat(300 * 1024)), 'too-large', /expands to 300 KB/],
    ['binary', `#e=${b64url(zlibSync(Uint8Array.from([0xff, 0xfe, 0x00, 0x80])))}`, 'not-text', /not text/],
    ['not JSON', linkOf('{"l":1,"spec":'), 'not-json', /not valid JSON/],
    ['a list', linkOf('[1,2,3]'), 'not-an-object', /does not hold an experiment object/],
    ['newer link format', payload({ l: 9 }), 'future-format', /newer PruneLab \(link format 9/],
    ['no spec', linkOf('{"l":1}'), 'no-spec', /holds no experiment spec/],
    ['newer spec', payload({ spec: { ...defaultSpecFor('iris'), version: 5 } }), 'future-spec', /spec version 5/],
    ['unknown dataset', payload({ spec: { ...defaultSpecFor('iris'), dataset: { kind: 'builtin', name: 'mnist' } } }), 'unknown-dataset', /does not have \("builtin" "mnist"\)/],
    ['invalid field', payload({ spec: { ...defaultSpecFor('iris'), training: { ...defaultSpecFor('iris').training, epochs: 0 } } }), 'invalid-spec', /not valid: training\.epochs/],
    ['CSV without hash', payload({ spec: { ...defaultSpecFor('iris'), dataset: { kind: 'csv', name: 'mine.csv', targetColumn: 'y', rows: 10 } } }), 'csv-without-hash', /without its SHA-256/],
    ['teacher options garbled', payload({ t: { hide: ['model'], run: true } }), 'bad-teacher', /teacher options are not understood/],
    ['unknown section', payload({ t: { hide: ['secrets'] } }), 'unknown-section', /hides a section PruneLab does not have: "secrets"/],
    ['lock of nothing', payload({ t: { lock: ['training.nope'] } }), 'bad-lock', /locks a setting the experiment does not have: "training.nope"/],
    ['unknown view', payload({ t: { view: 'dashboard' } }), 'unknown-view', /results view PruneLab does not have: "dashboard"/],
    ['script in a name', payload({ spec: { ...defaultSpecFor('iris'), dataset: { kind: 'builtin', name: '<img src=x onerror=alert(1)>' } } }), 'unknown-dataset', /does not have/],
  ];
  for (const [name, hash, code, message] of bad) {
    it(`refuses a bad link (${name}) with its own message`, () => {
      const r = decodeLink(hash);
      if (r.ok) throw new Error(`accepted ${name}`);
      expect(r.error.code).toBe(code);
      expect(r.error.message).toMatch(message);
    });
  }

  it('gives every kind of bad link a distinct message', () => {
    const messages = new Set(bad.map(([, hash]) => (decodeLink(hash) as { error: { message: string } }).error.message));
    expect(messages.size).toBeGreaterThanOrEqual(15);
  });

  it('reads a version 1 spec in a link, migrated', () => {
    const { task: _t, ...rest } = withTask(defaultSpecFor('wine'), 'cv');
    const r = decodeLink(payload({ spec: { ...rest, version: 1 } }));
    expect(r.ok && r.migratedFrom).toBe(1);
  });

  it('adler32 is zlib’s (RFC 1950 example: "Wikipedia" → 0x11E60398)', () => {
    expect(adler32(strToU8('Wikipedia'))).toBe(0x11e60398);
  });

  it('locks a path and everything under it', () => {
    const t = { lock: ['training', 'task.kind'] };
    expect(isLocked(t, 'training.epochs')).toBe(true);
    expect(isLocked(t, 'task.kind')).toBe(true);
    expect(isLocked(t, 'task.methods')).toBe(false);
    expect(isLocked(t, 'trainingX')).toBe(false);
    expect(isLocked(undefined, 'seed')).toBe(false);
  });
});
