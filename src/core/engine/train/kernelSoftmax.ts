import { typed, F32, FnBuilder, I32, OP, SIMD, V128 } from './wasmEmit';

/**
 * softmaxXent(z, y, grad, rows, nC, invBs, sums, margins): softmax cross-entropy's gradient and
 * the pieces of its loss, per row r of the logits z [rows, nC] against one-hot targets y:
 *
 *   e_c = exp(z_c − max_r), sum_r = Σ_c e_c, grad_c = (e_c / sum_r − y_c) · invBs,
 *   sums[r] = sum_r, margins[r] = Σ_c y_c (z_c − max_r)
 *
 * so the row's loss is log(sum_r) − margins[r] (the caller takes the logs: `softmaxLoss`). One
 * call a step instead of the backend's Softmax, which builds an XNNPACK operator each call
 * (measured: 12.8 µs for 200×2, and 8 µs more for the loss and gradient in JS).
 *
 * exp is computed in float32 as Cephes' expf does: x = n·ln2 + r (ln2 split in two for an exact
 * n·ln2), e^r by a degree-7 polynomial, 2^n put into the exponent bits. Relative error ~1e-7;
 * x is clamped at −87 (e^−87 ≈ 1.6e−38, the smallest normal float's order); a NaN stays NaN
 * through to the loss (the loop's divergence check), never a trap. Identical results on
 * every run and platform: plain WebAssembly float arithmetic, no library exp.
 */
const LOG2E = 1.4426950408889634;
const C1 = 0.693359375;
const C2 = -2.12194440e-4;
const P = [1.9875691500e-4, 1.3981999507e-3, 8.3334519073e-3, 4.1665795894e-2, 1.6666665459e-1, 5.0000001201e-1];

/**
 * i32.trunc_sat_f32_s (0xfc 0x00) saturates where i32.trunc_f32_s traps: a NaN logit (a diverging
 * net) must give a NaN loss, which the loop reports as divergence, not a WebAssembly trap.
 */
const OPS = { f32Nearest: [0x90], i32TruncSatF32S: [0xfc, 0x00], f32ReinterpretI32: [0xbe] } as const;

/** Their f32x4 / i32x4 counterparts (after the 0xfd prefix): the same operations in each lane. */
const VOPS = { f32x4Nearest: 0x6a, i32x4TruncSatF32x4S: 0xf8, i32x4Splat: 0x11, i32x4Add: 0xae, i32x4Shl: 0xab } as const;

export function emitSoftmaxXent(): FnBuilder {
  const f = new FnBuilder('softmaxXent', [...typed(I32, 'z', 'y', 'grad', 'rows', 'nC'), ...typed(F32, 'invBs'), ...typed(I32, 'sums', 'margins')]);
  for (const n of ['r', 'c', 'o', 'end']) f.local(n, I32);
  for (const n of ['max', 'sum', 'x', 'n', 'e', 'inv', 'margin']) f.local(n, F32);
  for (const n of ['vx', 'vn', 'vmax']) f.local(n, V128);
  const splat = (x: number) => f.f32(x).simd(SIMD.f32x4Splat);
  const whileLt = (i: string, limit: () => void, body: () => void, step: number) => {
    f.block(() =>
      f.loop(() => {
        f.get(i);
        limit();
        f.op(OP.i32LtU).op(OP.i32Eqz).brIf(1);
        body();
        f.get(i).i32(step).op(OP.i32Add).set(i);
        f.br(0);
      }),
    );
  };
  /** e = exp(x) for x ≤ 0 (x in local 'x'). */
  const exp = () => {
    f.get('x').f32(-87).op(OP.f32Max).set('x');
    f.get('x').f32(LOG2E).op(OP.f32Mul).op(...OPS.f32Nearest).set('n');
    f.get('x').get('n').f32(C1).op(OP.f32Mul).op(OP.f32Sub).get('n').f32(C2).op(OP.f32Mul).op(OP.f32Sub).set('x');
    f.f32(P[0] as number);
    for (const k of P.slice(1)) f.get('x').op(OP.f32Mul).f32(k).op(OP.f32Add);
    // p·x² + x + 1
    f.get('x').op(OP.f32Mul).get('x').op(OP.f32Mul).get('x').op(OP.f32Add).f32(1).op(OP.f32Add);
    f.get('n').op(...OPS.i32TruncSatF32S).i32(127).op(OP.i32Add).i32(23).op(OP.i32Shl).op(...OPS.f32ReinterpretI32);
    f.op(OP.f32Mul).set('e');
  };
  /** The same exp, four lanes at a time (x in 'vx'; the result on the stack): lane for lane the very operations above. */
  const expV = () => {
    f.get('vx');
    splat(-87);
    f.simd(SIMD.f32x4Max).set('vx');
    f.get('vx');
    splat(LOG2E);
    f.simd(SIMD.f32x4Mul);
    f.simd(VOPS.f32x4Nearest).set('vn');
    f.get('vx').get('vn');
    splat(C1);
    f.simd(SIMD.f32x4Mul);
    f.simd(SIMD.f32x4Sub).get('vn');
    splat(C2);
    f.simd(SIMD.f32x4Mul);
    f.simd(SIMD.f32x4Sub).set('vx');
    splat(P[0] as number);
    for (const k of P.slice(1)) {
      f.get('vx');
      f.simd(SIMD.f32x4Mul);
      splat(k);
      f.simd(SIMD.f32x4Add);
    }
    // p·x² + x + 1
    f.get('vx');
    f.simd(SIMD.f32x4Mul).get('vx');
    f.simd(SIMD.f32x4Mul).get('vx');
    f.simd(SIMD.f32x4Add);
    splat(1);
    f.simd(SIMD.f32x4Add);
    f.get('vn');
    f.simd(VOPS.i32x4TruncSatF32x4S).i32(127);
    f.simd(VOPS.i32x4Splat);
    f.simd(VOPS.i32x4Add).i32(23);
    f.simd(VOPS.i32x4Shl);
    f.simd(SIMD.f32x4Mul);
  };
  /** while (c + 16 ≤ end): body; c += 16 — the row's whole vectors. */
  const whileVector = (body: () => void) =>
    f.block(() =>
      f.loop(() => {
        f.get('c').i32(16).op(OP.i32Add).get('end').op(OP.i32GtS).brIf(1);
        body();
        f.get('c').i32(16).op(OP.i32Add).set('c');
        f.br(0);
      }),
    );
  f.i32(0).set('r');
  whileLt(
    'r',
    () => f.get('rows'),
    () => {
      // o: byte offset of the row; end: one past it.
      f.get('r').get('nC').op(OP.i32Mul).i32(2).op(OP.i32Shl).tee('o').get('nC').i32(2).op(OP.i32Shl).op(OP.i32Add).set('end');
      f.f32(-Infinity).set('max');
      f.get('o').set('c');
      whileLt('c', () => f.get('end'), () => f.get('max').get('z').get('c').op(OP.i32Add).mem(OP.f32Load, 2, 0).op(OP.f32Max).set('max'), 4);
      // e = exp(z − max) into grad: whole vectors, then the row's last classes one by one.
      f.get('max').simd(SIMD.f32x4Splat).set('vmax');
      f.get('o').set('c');
      whileVector(() => {
        f.get('z').get('c').op(OP.i32Add).simd(SIMD.load, { align: 2, offset: 0 }).get('vmax').simd(SIMD.f32x4Sub).set('vx');
        f.get('grad').get('c').op(OP.i32Add);
        expV();
        f.simd(SIMD.store, { align: 2, offset: 0 });
      });
      whileLt(
        'c',
        () => f.get('end'),
        () => {
          f.get('z').get('c').op(OP.i32Add).mem(OP.f32Load, 2, 0).get('max').op(OP.f32Sub).set('x');
          exp();
          f.get('grad').get('c').op(OP.i32Add).get('e').mem(OP.f32Store, 2, 0);
        },
        4,
      );
      // The sum of the exponentials and the target's margin, class by class in order.
      f.f32(0).set('sum');
      f.f32(0).set('margin');
      f.get('o').set('c');
      whileLt(
        'c',
        () => f.get('end'),
        () => {
          f.get('margin').get('y').get('c').op(OP.i32Add).mem(OP.f32Load, 2, 0).get('z').get('c').op(OP.i32Add).mem(OP.f32Load, 2, 0).get('max').op(OP.f32Sub).op(OP.f32Mul).op(OP.f32Add).set('margin');
          f.get('sum').get('grad').get('c').op(OP.i32Add).mem(OP.f32Load, 2, 0).op(OP.f32Add).set('sum');
        },
        4,
      );
      f.f32(1).get('sum').op(OP.f32Div).set('inv');
      // grad = (e · inv − y) · invBs: whole vectors, then one by one.
      f.get('o').set('c');
      whileVector(() => {
        f.get('grad').get('c').op(OP.i32Add);
        f.get('grad').get('c').op(OP.i32Add).simd(SIMD.load, { align: 2, offset: 0 }).get('inv').simd(SIMD.f32x4Splat).simd(SIMD.f32x4Mul);
        f.get('y').get('c').op(OP.i32Add).simd(SIMD.load, { align: 2, offset: 0 }).simd(SIMD.f32x4Sub).get('invBs').simd(SIMD.f32x4Splat).simd(SIMD.f32x4Mul);
        f.simd(SIMD.store, { align: 2, offset: 0 });
      });
      whileLt(
        'c',
        () => f.get('end'),
        () => {
          f.get('grad').get('c').op(OP.i32Add);
          f.get('grad').get('c').op(OP.i32Add).mem(OP.f32Load, 2, 0).get('inv').op(OP.f32Mul);
          f.get('y').get('c').op(OP.i32Add).mem(OP.f32Load, 2, 0).op(OP.f32Sub).get('invBs').op(OP.f32Mul);
          f.mem(OP.f32Store, 2, 0);
        },
        4,
      );
      f.get('sums').get('r').i32(2).op(OP.i32Shl).op(OP.i32Add).get('sum').mem(OP.f32Store, 2, 0);
      f.get('margins').get('r').i32(2).op(OP.i32Shl).op(OP.i32Add).get('margin').mem(OP.f32Store, 2, 0);
    },
    1,
  );
  return f;
}

/**
 * The mean loss from softmaxXent's per-row sums and margins: mean of log(sum_r) − margin_r. The
 * logs of the sums (each in [1, nC]) are taken as the log of their product, renormalised before
 * it could overflow: a few Math.log calls a batch instead of one a row.
 */
export function softmaxLoss(sums: Float32Array, margins: Float32Array, rows: number): number {
  let logs = 0;
  let product = 1;
  let margin = 0;
  for (let r = 0; r < rows; r++) {
    product *= sums[r] as number;
    if (product > 1e280) {
      logs += Math.log(product);
      product = 1;
    }
    margin += margins[r] as number;
  }
  return (logs + Math.log(product) - margin) / rows;
}
