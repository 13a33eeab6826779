import { typed, F32, FnBuilder, I32, OP, SIMD, V128 } from './wasmEmit';

/**
 * The fused step's matrix product as a small WebAssembly SIMD kernel working in the WASM
 * backend's own memory:
 *
 *   C[i, j] = Σ_p a(i, p) · B[p, j] (+ bias[j]) (then max(·, 0) for relu)
 *
 * with a(i, p) = A[i·sai + p·sap] (strides in floats), so A can be read as it is or transposed
 * (a weight gradient Hᵀ·D reads H down its columns, with no transposed copy), and B, C row-major
 * with row strides ldb, ldc. Tiles of 2 rows × 16 columns (eight 4-float accumulators), then 8-,
 * 4- and 1-column tiles and a last single row for the edges. With `fma`, every multiply-add is
 * one relaxed f32x4 multiply-add (`FnBuilder.madd`): 200×784·784×64 483 → 374 µs here (42 → 54
 * GFLOP/s); a one-column tile then sums in lane 0 of vector accumulators. `indexed` builds
 * gemmRows, whose row i of A starts at a + rows[i]·sai.
 *
 * Why not XNNPACK through the backend's `_FusedMatMul`: that call creates an operator and packs B
 * on every call (B changes every step), ~8 ns per element of B plus ~5 µs, which is most of a
 * small net's step. Measured on the breast-cancer net's products: 200×30·30×64 63 → 30 µs,
 * 31×200·200×64 (a weight gradient) 136 → 26 µs, 200×784·784×64 1054 → 833 µs.
 */
export type GemmFn = (a: number, sai: number, sap: number, b: number, ldb: number, c: number, ldc: number, m: number, k: number, n: number, bias: number, relu: number) => void;

/** The product with A's row i at a + rows[i]·sai (rows: int32 in the heap): a batch multiplied straight from the training matrix, with no gathered copy. */
export type GemmRowsFn = (...args: [...Parameters<GemmFn>, rows: number]) => void;

const MR = 2;

export function emitGemm(fma = false, indexed = false): FnBuilder {
  const f = new FnBuilder(indexed ? 'gemmRows' : 'gemm', typed(I32, 'a', 'sai', 'sap', 'b', 'ldb', 'c', 'ldc', 'm', 'k', 'n', 'bias', 'relu', ...(indexed ? ['rows'] : [])));
  for (const name of ['i', 'j', 'p', 'bp', 'aRow', 'aRow1', 'cRow', 'cp', 'a0', 'a1']) f.local(name, I32);
  for (const name of ['x', 'b0', 'b1', 'b2', 'b3']) f.local(name, V128);
  for (let r = 0; r < MR; r++) for (let v = 0; v < 4; v++) f.local(`c${r}${v}`, V128);
  for (const name of ['xs', 's0', 's1']) f.local(name, F32);

  // Strides to bytes.
  for (const s of ['sai', 'sap', 'ldb', 'ldc']) f.get(s).i32(2).op(OP.i32Shl).set(s);
  const addTo = (name: string, by: () => void) => {
    f.get(name);
    by();
    f.op(OP.i32Add).set(name);
  };

  /** One tile: `rows` rows from aRow/cRow, `nv` vectors of 4 columns from j (0: one column, scalar). */
  const tile = (rows: number, nv: number) => {
    f.get('aRow').set('a0');
    if (rows > 1) f.get('aRow1').set('a1');
    f.get('b').get('j').i32(2).op(OP.i32Shl).op(OP.i32Add).set('bp');
    for (let r = 0; r < rows; r++) {
      if (nv > 0) for (let v = 0; v < nv; v++) f.v128zero().set(`c${r}${v}`);
      else if (fma) f.v128zero().set(`c${r}0`);
      else f.f32(0).set(`s${r}`);
    }
    f.get('k').set('p');
    f.block(() =>
      f.loop(() => {
        f.get('p').op(OP.i32Eqz).brIf(1);
        if (nv > 0) {
          for (let v = 0; v < nv; v++) f.get('bp').simd(SIMD.load, { align: 4, offset: 16 * v }).set(`b${v}`);
          for (let r = 0; r < rows; r++) {
            f.get(`a${r}`).simd(SIMD.load32Splat, { align: 2, offset: 0 }).set('x');
            for (let v = 0; v < nv; v++) f.madd(fma, () => f.get('x'), () => f.get(`b${v}`), () => f.get(`c${r}${v}`)).set(`c${r}${v}`);
          }
        } else if (fma) {
          // One column with fused multiply-adds: the sums in lane 0 of vector accumulators (there is
          // no scalar one), each value loaded splatted: as cheap as a scalar multiply and add.
          f.get('bp').simd(SIMD.load32Splat, { align: 2, offset: 0 }).set('b0');
          for (let r = 0; r < rows; r++) f.madd(true, () => f.get(`a${r}`).simd(SIMD.load32Splat, { align: 2, offset: 0 }), () => f.get('b0'), () => f.get(`c${r}0`)).set(`c${r}0`);
        } else {
          f.get('bp').mem(OP.f32Load, 2, 0).set('xs');
          for (let r = 0; r < rows; r++) f.maddScalar(false, () => f.get(`a${r}`).mem(OP.f32Load, 2, 0), () => f.get('xs'), () => f.get(`s${r}`)).set(`s${r}`);
        }
        for (let r = 0; r < rows; r++) addTo(`a${r}`, () => f.get('sap'));
        addTo('bp', () => f.get('ldb'));
        f.get('p').i32(1).op(OP.i32Sub).set('p');
        f.br(0);
      }),
    );
    if (nv === 0 && fma) for (let r = 0; r < rows; r++) f.get(`c${r}0`).simd(SIMD.f32x4ExtractLane).op(0).set(`s${r}`);
    // Bias, relu, store.
    f.get('bias').if(() => {
      if (nv > 0) {
        for (let v = 0; v < nv; v++) {
          f.get('bias').get('j').i32(2).op(OP.i32Shl).op(OP.i32Add).simd(SIMD.load, { align: 2, offset: 16 * v }).set('x');
          for (let r = 0; r < rows; r++) f.get(`c${r}${v}`).get('x').simd(SIMD.f32x4Add).set(`c${r}${v}`);
        }
      } else {
        f.get('bias').get('j').i32(2).op(OP.i32Shl).op(OP.i32Add).mem(OP.f32Load, 2, 0).set('xs');
        for (let r = 0; r < rows; r++) f.get(`s${r}`).get('xs').op(OP.f32Add).set(`s${r}`);
      }
    });
    f.get('relu').if(() => {
      for (let r = 0; r < rows; r++) {
        // relu as c < 0 ? 0 : c (pmax): a NaN stays NaN, −0 stays −0 (a zero either way).
        if (nv > 0) for (let v = 0; v < nv; v++) f.get(`c${r}${v}`).v128zero().simd(SIMD.f32x4Pmax).set(`c${r}${v}`);
        else f.get(`s${r}`).f32(0).op(OP.f32Max).set(`s${r}`);
      }
    });
    f.get('cRow').get('j').i32(2).op(OP.i32Shl).op(OP.i32Add).set('cp');
    for (let r = 0; r < rows; r++) {
      if (nv > 0) for (let v = 0; v < nv; v++) f.get('cp').get(`c${r}${v}`).simd(SIMD.store, { align: 2, offset: 16 * v });
      else f.get('cp').get(`s${r}`).mem(OP.f32Store, 2, 0);
      if (r < rows - 1) addTo('cp', () => f.get('ldc'));
    }
  };

  /** The columns of `rows` rows from row i: 16 at a time, then 8, 4, and one by one. */
  const strip = (rows: number) => {
    // Row i's start (and row i + 1's): i·sai, or rows[i]·sai when the rows are indexed.
    const rowStart = (next: number) => {
      f.get('a');
      if (indexed) f.get('rows').get('i').i32(2).op(OP.i32Shl).op(OP.i32Add).mem(OP.i32Load, 2, 4 * next);
      else if (next) f.get('i').i32(next).op(OP.i32Add);
      else f.get('i');
      f.get('sai').op(OP.i32Mul).op(OP.i32Add);
    };
    rowStart(0);
    f.set('aRow');
    if (rows > 1) {
      rowStart(1);
      f.set('aRow1');
    }
    f.get('c').get('i').get('ldc').op(OP.i32Mul).op(OP.i32Add).set('cRow');
    f.i32(0).set('j');
    f.block(() =>
      f.loop(() => {
        f.get('n').get('j').i32(16).op(OP.i32Add).op(OP.i32LtU).brIf(1);
        tile(rows, 4);
        addTo('j', () => f.i32(16));
        f.br(0);
      }),
    );
    for (const [width, nv] of [
      [8, 2],
      [4, 1],
    ] as const) {
      f.get('n').get('j').i32(width).op(OP.i32Add).op(OP.i32GeU).if(() => {
        tile(rows, nv);
        addTo('j', () => f.i32(width));
      });
    }
    f.block(() =>
      f.loop(() => {
        f.get('j').get('n').op(OP.i32GeU).brIf(1);
        tile(rows, 0);
        addTo('j', () => f.i32(1));
        f.br(0);
      }),
    );
  };

  f.i32(0).set('i');
  f.block(() =>
    f.loop(() => {
      f.get('i').get('m').op(OP.i32GeU).brIf(1);
      f.get('m').get('i').op(OP.i32Sub).i32(MR).op(OP.i32GeU);
      f.ifElse(
        () => {
          strip(MR);
          addTo('i', () => f.i32(MR));
        },
        () => {
          strip(1);
          addTo('i', () => f.i32(1));
        },
      );
      f.br(0);
    }),
  );
  return f;
}
