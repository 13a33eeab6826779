import { typed, F32, FnBuilder, I32, OP, SIMD, V128 } from './wasmEmit';

/**
 * The product for a narrow B (under 4 columns: a binary or 3-class output layer), as row-by-row
 * dot products of A's rows with the rows of Bᵀ, both read 4 floats at a time:
 *
 *   C[i, j] = Σ_p A[i, p] · Bt[j, p] (+ bias[j]) (then max(·, 0) for relu)
 *
 * The gemm kernel would run such a product in its one-column tiles (~4 GFLOP/s: breast cancer's
 * 200×32·32×2 took 8 µs). Each dot sums 4 interleaved partial sums, then adds them
 * ((s0 + s1) + (s2 + s3)) and the scalar tail in order: fixed, so the numbers are the same on every run.
 */
export type DotRowsFn = (a: number, lda: number, bt: number, ldbt: number, c: number, ldc: number, m: number, k: number, n: number, bias: number, relu: number) => void;

export function emitDotRows(fma = false): FnBuilder {
  const f = new FnBuilder('dotRows', typed(I32, 'a', 'lda', 'bt', 'ldbt', 'c', 'ldc', 'm', 'k', 'n', 'bias', 'relu'));
  for (const name of ['i', 'j', 'p', 'ap', 'bp', 'k4']) f.local(name, I32);
  f.local('acc', V128);
  f.local('s', F32);
  for (const s of ['lda', 'ldbt', 'ldc']) f.get(s).i32(2).op(OP.i32Shl).set(s);
  // k4: the bytes covered 4 floats at a time.
  f.get('k').i32(-4).op(OP.i32And).i32(2).op(OP.i32Shl).set('k4');
  const loopWhile = (cond: () => void, body: () => void) =>
    f.block(() =>
      f.loop(() => {
        cond();
        f.op(OP.i32Eqz).brIf(1);
        body();
        f.br(0);
      }),
    );
  f.i32(0).set('i');
  loopWhile(
    () => f.get('i').get('m').op(OP.i32LtU),
    () => {
      f.i32(0).set('j');
      loopWhile(
        () => f.get('j').get('n').op(OP.i32LtU),
        () => {
          f.get('a').get('i').get('lda').op(OP.i32Mul).op(OP.i32Add).set('ap');
          f.get('bt').get('j').get('ldbt').op(OP.i32Mul).op(OP.i32Add).set('bp');
          f.v128zero().set('acc');
          f.i32(0).set('p');
          loopWhile(
            () => f.get('p').get('k4').op(OP.i32LtU),
            () => {
              f.madd(
                fma,
                () => f.get('ap').get('p').op(OP.i32Add).simd(SIMD.load, { align: 2, offset: 0 }),
                () => f.get('bp').get('p').op(OP.i32Add).simd(SIMD.load, { align: 2, offset: 0 }),
                () => f.get('acc'),
              ).set('acc');
              f.get('p').i32(16).op(OP.i32Add).set('p');
            },
          );
          const lane = (l: number) => f.get('acc').simd(SIMD.f32x4ExtractLane).op(l);
          lane(0);
          lane(1);
          f.op(OP.f32Add);
          lane(2);
          lane(3);
          f.op(OP.f32Add).op(OP.f32Add).set('s');
          loopWhile(
            () => f.get('p').get('k').i32(2).op(OP.i32Shl).op(OP.i32LtU),
            () => {
              f.maddScalar(
                fma,
                () => f.get('ap').get('p').op(OP.i32Add).mem(OP.f32Load, 2, 0),
                () => f.get('bp').get('p').op(OP.i32Add).mem(OP.f32Load, 2, 0),
                () => f.get('s'),
              ).set('s');
              f.get('p').i32(4).op(OP.i32Add).set('p');
            },
          );
          f.get('bias').if(() => f.get('s').get('bias').get('j').i32(2).op(OP.i32Shl).op(OP.i32Add).mem(OP.f32Load, 2, 0).op(OP.f32Add).set('s'));
          f.get('relu').if(() => f.get('s').f32(0).op(OP.f32Max).set('s'));
          f.get('c').get('i').get('ldc').op(OP.i32Mul).op(OP.i32Add).get('j').i32(2).op(OP.i32Shl).op(OP.i32Add).get('s').mem(OP.f32Store, 2, 0);
          f.get('j').i32(1).op(OP.i32Add).set('j');
        },
      );
      f.get('i').i32(1).op(OP.i32Add).set('i');
    },
  );
  return f;
}
