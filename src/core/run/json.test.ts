import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { base64ToBytes, bytesToBase64, fromJson, toJson } from './json';

describe('results JSON keeps typed arrays and numbers exactly', () => {
  it('base64 round-trips every length', () => {
    const rng = createRng(1);
    for (let n = 0; n < 40; n++) {
      const bytes = Uint8Array.from({ length: n }, () => rng.int(256));
      expect(base64ToBytes(bytesToBase64(bytes))).toEqual(bytes);
    }
    expect(bytesToBase64(new TextEncoder().encode('Man'))).toBe('TWFu');
    expect(bytesToBase64(new TextEncoder().encode('Ma'))).toBe('TWE=');
    expect(() => base64ToBytes('not*base64')).toThrow('Not base64');
  });

  it('typed arrays (views too) and awkward doubles survive a round trip bit for bit', () => {
    const big = new Float32Array([0.1, -0, Number.MIN_VALUE, 3.4e38, 1 / 3]);
    const value = { a: big, m: [Uint8Array.from([1, 0, 1])], view: new Int32Array(new Int32Array([5, 6, 7, 8]).buffer, 4, 2), x: 0.1 + 0.2, tiny: 5e-324, nested: { f64: Float64Array.from([Math.PI]) } };
    const back = fromJson(toJson(value)) as typeof value;
    expect(back.a).toBeInstanceOf(Float32Array);
    expect(Array.from(back.a)).toEqual(Array.from(big));
    expect(Object.is(back.a[1], -0)).toBe(true);
    expect(back.m[0]).toEqual(Uint8Array.from([1, 0, 1]));
    expect(Array.from(back.view)).toEqual([6, 7]);
    expect(back.x).toBe(0.1 + 0.2);
    expect(back.tiny).toBe(5e-324);
    expect(back.nested.f64[0]).toBe(Math.PI);
    expect(() => fromJson('{"$typed":"Evil","base64":""}')).toThrow('Unknown typed array');
  });
});
