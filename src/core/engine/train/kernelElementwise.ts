import { typed, F32, FnBuilder, I32, OP, SIMD, V128 } from './wasmEmit';

/** The fused step's elementwise kernels (relu's gradient, Adam), 4 floats at a time, in the WASM backend's heap. */

/** A loop over `count` floats, 4 at a time then one by one; `vec` and `one` emit a body given the byte offset in local `o`. */
function elementwise(f: FnBuilder, vec: () => void, one: () => void): void {
  const tail = () => f.get('count').get('o').i32(2).op(OP.i32ShrU).op(OP.i32Sub);
  f.i32(0).set('o');
  f.block(() =>
    f.loop(() => {
      tail();
      f.i32(4).op(OP.i32LtU).brIf(1);
      vec();
      f.get('o').i32(16).op(OP.i32Add).set('o');
      f.br(0);
    }),
  );
  f.block(() =>
    f.loop(() => {
      tail();
      f.op(OP.i32Eqz).brIf(1);
      one();
      f.get('o').i32(4).op(OP.i32Add).set('o');
      f.br(0);
    }),
  );
}

export function emitReluGrad(): FnBuilder {
  const f = new FnBuilder('reluGrad', typed(I32, 'dh', 'a', 'out', 'count'));
  f.local('o', I32);
  const at = (base: string) => f.get(base).get('o').op(OP.i32Add);
  elementwise(
    f,
    () => {
      at('out');
      at('dh').simd(SIMD.load, { align: 2, offset: 0 });
      at('a').simd(SIMD.load, { align: 2, offset: 0 }).v128zero().simd(SIMD.f32x4Gt);
      f.simd(SIMD.and).simd(SIMD.store, { align: 2, offset: 0 });
    },
    () => {
      at('out');
      at('dh').mem(OP.f32Load, 2, 0).f32(0);
      at('a').mem(OP.f32Load, 2, 0).f32(0).op(OP.f32Gt);
      f.op(OP.select).mem(OP.f32Store, 2, 0);
    },
  );
  return f;
}

export function emitAdam(): FnBuilder {
  const f = new FnBuilder('adam', [...typed(I32, 'w', 'g', 'm', 'v', 'count'), ...typed(F32, 'alpha', 'c', 'beta1', 'beta2')]);
  f.local('o', I32);
  for (const n of ['gv', 'mv', 'vv', 'A', 'C', 'B1', 'B2', 'R1', 'R2', 'E']) f.local(n, V128);
  for (const n of ['gs', 'ms', 'vs']) f.local(n, F32);
  const splat = (from: () => void, to: string) => {
    from();
    f.simd(SIMD.f32x4Splat).set(to);
  };
  splat(() => f.get('alpha'), 'A');
  splat(() => f.get('c'), 'C');
  splat(() => f.get('beta1'), 'B1');
  splat(() => f.get('beta2'), 'B2');
  splat(() => f.f32(1).get('beta1').op(OP.f32Sub), 'R1');
  splat(() => f.f32(1).get('beta2').op(OP.f32Sub), 'R2');
  splat(() => f.f32(1e-8), 'E');
  const at = (base: string) => f.get(base).get('o').op(OP.i32Add);
  const V = { mul: SIMD.f32x4Mul, add: SIMD.f32x4Add };
  elementwise(
    f,
    () => {
      at('g').simd(SIMD.load, { align: 2, offset: 0 }).set('gv');
      // m ← β1·m + (1−β1)·g
      at('m');
      f.get('B1');
      at('m').simd(SIMD.load, { align: 2, offset: 0 }).simd(V.mul);
      f.get('R1').get('gv').simd(V.mul).simd(V.add).tee('mv');
      f.simd(SIMD.store, { align: 2, offset: 0 });
      // v ← β2·v + (1−β2)·g²
      at('v');
      f.get('B2');
      at('v').simd(SIMD.load, { align: 2, offset: 0 }).simd(V.mul);
      f.get('R2').get('gv').simd(V.mul).get('gv').simd(V.mul).simd(V.add).tee('vv');
      f.simd(SIMD.store, { align: 2, offset: 0 });
      // w ← w − α·m / (√(v·c) + ε)
      at('w');
      at('w').simd(SIMD.load, { align: 2, offset: 0 });
      f.get('A').get('mv').simd(V.mul);
      f.get('vv').get('C').simd(V.mul).simd(SIMD.f32x4Sqrt).get('E').simd(V.add);
      f.simd(SIMD.f32x4Div).simd(SIMD.f32x4Sub).simd(SIMD.store, { align: 2, offset: 0 });
    },
    () => {
      at('g').mem(OP.f32Load, 2, 0).set('gs');
      at('m');
      f.get('beta1');
      at('m').mem(OP.f32Load, 2, 0).op(OP.f32Mul);
      f.f32(1).get('beta1').op(OP.f32Sub).get('gs').op(OP.f32Mul).op(OP.f32Add).tee('ms');
      f.mem(OP.f32Store, 2, 0);
      at('v');
      f.get('beta2');
      at('v').mem(OP.f32Load, 2, 0).op(OP.f32Mul);
      f.f32(1).get('beta2').op(OP.f32Sub).get('gs').op(OP.f32Mul).get('gs').op(OP.f32Mul).op(OP.f32Add).tee('vs');
      f.mem(OP.f32Store, 2, 0);
      at('w');
      at('w').mem(OP.f32Load, 2, 0);
      f.get('alpha').get('ms').op(OP.f32Mul);
      f.get('vs').get('c').op(OP.f32Mul).op(OP.f32Sqrt).f32(1e-8).op(OP.f32Add);
      f.op(OP.f32Div).op(OP.f32Sub).mem(OP.f32Store, 2, 0);
    },
  );
  return f;
}

/** w[k] ← w[k] AND mask[k] bitwise (mask: −1 to keep a weight, 0 to prune it: an exact +0), over the flat weights after a step: held pruning masks. */
export function emitAndMask(): FnBuilder {
  const f = new FnBuilder('andMask', typed(I32, 'w', 'mask', 'count'));
  f.local('o', I32);
  const at = (base: string) => f.get(base).get('o').op(OP.i32Add);
  elementwise(
    f,
    () => {
      at('w');
      at('w').simd(SIMD.load, { align: 2, offset: 0 });
      at('mask').simd(SIMD.load, { align: 2, offset: 0 });
      f.simd(SIMD.and).simd(SIMD.store, { align: 2, offset: 0 });
    },
    () => {
      at('w');
      at('w').mem(OP.i32Load, 2, 0);
      at('mask').mem(OP.i32Load, 2, 0);
      f.op(OP.i32And).mem(OP.i32Store, 2, 0);
    },
  );
  return f;
}
