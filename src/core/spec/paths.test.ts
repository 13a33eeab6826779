import { hiddenOf } from './sections';
import { describe, expect, it } from 'vitest';
import { parseAssignment, parseValue, PathError, setPath } from './paths';
import { defaultSpec } from './schema';

describe('setPath (the CLI’s --set)', () => {
  it('sets nested fields and array items by index, leaving the input untouched', () => {
    const spec = defaultSpec();
    const out = setPath(spec, 'model.hidden.0.units', 64);
    expect(hiddenOf(out.model)[0]?.units).toBe(64);
    expect(hiddenOf(spec.model)[0]?.units).toBe(32);
    expect(setPath(spec, 'training.earlyStopping.enabled', true).training.earlyStopping.enabled).toBe(true);
    // Appending at the end of a list is allowed (the schema then judges the item).
    expect(hiddenOf(setPath(spec, 'model.hidden.1', { units: 8, activation: 'relu', dropout: 0 }).model)).toHaveLength(2);
  });

  it('reads values as JSON when they parse, as strings otherwise', () => {
    expect(parseValue('64')).toBe(64);
    expect(parseValue('true')).toBe(true);
    expect(parseValue('[1,2]')).toEqual([1, 2]);
    expect(parseValue('adam')).toBe('adam');
    expect(parseValue('"64"')).toBe('64');
    expect(parseAssignment('model.hidden=[{"units":4}]')).toEqual(['model.hidden', [{ units: 4 }]]);
    expect(parseAssignment('a.b=x=y')).toEqual(['a.b', 'x=y']);
  });

  it('says exactly what is wrong with a path', () => {
    const spec = defaultSpec();
    expect(() => setPath(spec, 'model.hiden.0.units', 1)).toThrow('model has no field "hiden"');
    expect(() => setPath(spec, 'model.hidden.5.units', 1)).toThrow('model.hidden has 1 item(s); index 5 is out of range');
    expect(() => setPath(spec, 'model.hidden.x', 1)).toThrow('model.hidden is a list; "x" is not an index');
    expect(() => setPath(spec, 'seed.value', 1)).toThrow('seed is a value, not an object or a list');
    expect(() => setPath(spec, '__proto__.polluted', 1)).toThrow(PathError);
    expect(() => setPath(spec, 'a..b', 1)).toThrow('is not a field path');
    expect(() => parseAssignment('novalue')).toThrow('--set expects PATH=VALUE');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
