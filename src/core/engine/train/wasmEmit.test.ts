import { describe, expect, it } from 'vitest';
import { FnBuilder, I32, moduleBytes, OP, sleb, uleb } from './wasmEmit';

describe('wasmEmit: the WebAssembly binary writer', () => {
  it('encodes LEB128 as the format defines it (the DWARF / Wikipedia examples)', () => {
    expect(uleb(0)).toEqual([0]);
    expect(uleb(127)).toEqual([0x7f]);
    expect(uleb(128)).toEqual([0x80, 0x01]);
    expect(uleb(624485)).toEqual([0xe5, 0x8e, 0x26]);
    expect(sleb(-1)).toEqual([0x7f]);
    expect(sleb(63)).toEqual([0x3f]);
    expect(sleb(64)).toEqual([0xc0, 0x00]);
    expect(sleb(-123456)).toEqual([0xc0, 0xbb, 0x78]);
  });

  it('writes a module that validates and runs: a loop summing 1..n into memory', () => {
    const f = new FnBuilder('sum', [
      ['n', I32],
      ['out', I32],
    ]);
    f.local('s', I32);
    f.block(() =>
      f.loop(() => {
        f.get('n').op(OP.i32Eqz).brIf(1);
        f.get('s').get('n').op(OP.i32Add).set('s');
        f.get('n').i32(1).op(OP.i32Sub).set('n');
        f.br(0);
      }),
    );
    // i32.store (0x36), align 2, offset 0.
    f.get('out').get('s').mem(0x36, 2, 0);
    const bytes = moduleBytes([f]);
    expect(WebAssembly.validate(bytes as BufferSource)).toBe(true);
    const memory = new WebAssembly.Memory({ initial: 1 });
    const { exports } = new WebAssembly.Instance(new WebAssembly.Module(bytes as BufferSource), { env: { memory } });
    (exports.sum as (n: number, out: number) => void)(100, 8);
    expect(new Int32Array(memory.buffer)[2]).toBe(5050);
  });
});
