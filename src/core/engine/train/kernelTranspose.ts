import { typed, FnBuilder, I32, OP, SIMD, V128 } from './wasmEmit';

/** i8x16.shuffle (after the 0xfd prefix), then its 16 byte lanes. */
const SHUFFLE = 0x0d;
/** Four f32 lanes (0–3 from the first operand, 4–7 from the second) as the shuffle's 16 byte lanes. */
const lanes = (l: readonly number[]) => l.flatMap((x) => [4 * x, 4 * x + 1, 4 * x + 2, 4 * x + 3]);

/**
 * transpose(src, dst, rows, cols): dst[c·rows + r] = src[r·cols + c] (pointers in bytes, counts in
 * floats). 4×4 blocks by eight shuffles (rows paired, then pairs of pairs), the right and bottom
 * edges a float at a time. The fused step uses it on a wide batch (200×784: ~30 µs), so that the
 * first layer's weight gradient reads Xᵀ by rows instead of X down its columns.
 */
export function emitTranspose(): FnBuilder {
  const f = new FnBuilder('transpose', typed(I32, 'src', 'dst', 'rows', 'cols'));
  for (const name of ['r', 'c', 's', 'd', 'rows4', 'cols4', 'rowBytes', 'colBytes', 'zero']) f.local(name, I32);
  for (const name of ['x0', 'x1', 'x2', 'x3', 't0', 't1', 't2', 't3']) f.local(name, V128);
  const addTo = (name: string, by: () => void) => {
    f.get(name);
    by();
    f.op(OP.i32Add).set(name);
  };
  const shuffle = (a: string, b: string, l: readonly number[]) => f.get(a).get(b).op(0xfd, SHUFFLE, ...lanes(l));
  /** Byte address of element (r, c) of a matrix at `base` whose rows are `stride` bytes apart. */
  const at = (base: string, r: string, stride: string, c: string) => f.get(base).get(r).get(stride).op(OP.i32Mul).op(OP.i32Add).get(c).i32(2).op(OP.i32Shl).op(OP.i32Add);
  f.get('rows').i32(-4).op(OP.i32And).set('rows4');
  f.get('cols').i32(-4).op(OP.i32And).set('cols4');
  f.get('cols').i32(2).op(OP.i32Shl).set('rowBytes');
  f.get('rows').i32(2).op(OP.i32Shl).set('colBytes');
  /** for (r = from; r < to; r += step) body */
  const each = (v: string, from: () => void, to: string, step: number, body: () => void) => {
    from();
    f.set(v);
    f.block(() =>
      f.loop(() => {
        f.get(v).get(to).op(OP.i32GeU).brIf(1);
        body();
        addTo(v, () => f.i32(step));
        f.br(0);
      }),
    );
  };
  each('r', () => f.i32(0), 'rows4', 4, () =>
    each('c', () => f.i32(0), 'cols4', 4, () => {
      at('src', 'r', 'rowBytes', 'c').set('s');
      for (let k = 0; k < 4; k++) {
        f.get('s').simd(SIMD.load, { align: 2, offset: 0 }).set(`x${k}`);
        if (k < 3) addTo('s', () => f.get('rowBytes'));
      }
      // (r0c0 r1c0 r0c1 r1c1), (r0c2 r1c2 r0c3 r1c3), and the same of rows 2 and 3 …
      shuffle('x0', 'x1', [0, 4, 1, 5]).set('t0');
      shuffle('x0', 'x1', [2, 6, 3, 7]).set('t1');
      shuffle('x2', 'x3', [0, 4, 1, 5]).set('t2');
      shuffle('x2', 'x3', [2, 6, 3, 7]).set('t3');
      // … then column k of the block, rows 0–3, is stored as row c + k of dst.
      at('dst', 'c', 'colBytes', 'r').set('d');
      const columns = [['t0', 't2', [0, 1, 4, 5]], ['t0', 't2', [2, 3, 6, 7]], ['t1', 't3', [0, 1, 4, 5]], ['t1', 't3', [2, 3, 6, 7]]] as const;
      columns.forEach(([a, b, l], k) => {
        f.get('d');
        shuffle(a, b, l);
        f.simd(SIMD.store, { align: 2, offset: 0 });
        if (k < 3) addTo('d', () => f.get('colBytes'));
      });
    }),
  );
  // The edges: columns from cols4 in every row, then the last rows' columns below cols4.
  const scalar = (rFrom: string, cFrom: string, cTo: string) =>
    each('r', () => f.get(rFrom), 'rows', 1, () =>
      each('c', () => f.get(cFrom), cTo, 1, () => {
        at('dst', 'c', 'colBytes', 'r');
        at('src', 'r', 'rowBytes', 'c').mem(OP.f32Load, 2, 0);
        f.mem(OP.f32Store, 2, 0);
      }),
    );
  scalar('zero', 'cols4', 'cols');
  scalar('rows4', 'zero', 'cols4');
  return f;
}
