import { describe, expect, it } from 'vitest';
import { countText, dateTimeText } from './format';

describe('countText', () => {
  it('groups thousands as en-US does, rounding first', () => {
    expect([0, 7, 999, 1000, 1722, 12345, 999999.6, 1234567, -1234, 1e9].map(countText)).toEqual(['0', '7', '999', '1,000', '1,722', '12,345', '1,000,000', '1,234,567', '-1,234', '1,000,000,000']);
  });
  it('matches Intl for a spread of values', () => {
    // eslint-disable-next-line no-restricted-properties -- the reference countText replaces
    for (const n of [3, 41, 512, 4096, 65536, 1048576, 987654321]) expect(countText(n)).toBe(n.toLocaleString('en-US'));
  });
});

describe('dateTimeText', () => {
  it('writes local time as en-GB does', () => {
    const d = new Date(2026, 10, 29, 18, 20, 5); // local time
    expect(dateTimeText(d.toISOString(), { seconds: true })).toBe('29 Nov, 18:20:05');
    expect(dateTimeText(d.toISOString(), { year: true })).toBe('29 Nov 2026, 18:20');
    expect(dateTimeText(new Date(2026, 0, 3, 7, 4, 9).toISOString())).toBe('3 Jan, 07:04');
  });
  it('returns text it cannot read unchanged', () => expect(dateTimeText('not a date')).toBe('not a date'));
});

describe('naturalCompare', () => {
  it('orders numbers by value, digit runs by value, letters ignoring case', async () => {
    const { naturalCompare } = await import('./format');
    expect(['0.1', '2', '1e-4', '0.001', '10'].sort(naturalCompare)).toEqual(['1e-4', '0.001', '0.1', '2', '10']);
    expect(['x10', 'x2', 'X1', 'b', 'A'].sort(naturalCompare)).toEqual(['A', 'b', 'X1', 'x2', 'x10']);
    expect(['relu', 'elu', 'tanh'].sort(naturalCompare)).toEqual(['elu', 'relu', 'tanh']);
    expect(naturalCompare('mean radius', 'mean radius')).toBe(0);
  });
});
