import { typed, F32, FnBuilder, I32, OP, SIMD, V128 } from './wasmEmit';

/**
 * Columns of x a pass sums per unit: seven 4-float accumulators (28 columns: a 784-pixel row is
 * 28 of them). V8 loads a step's vectors of x before it multiplies them, so with eight the loop
 * ran out of the 16 SIMD registers and kept an accumulator on the stack. Measured on a 200×784·64
 * gradient with 54 % zeros, in blocks of 50 rows, fused multiply-adds: 4, 5, 6, 7 and 8 vectors
 * took 360, 347, 340, 322 and 533 µs.
 */
const CHUNK_VECTORS = 7;

/**
 * The most rows of x a block holds. A pass re-reads its strip of x (28 columns of the block's
 * rows) for every unit, so the strip must stay in the L1 cache while each unit's list of nonzeros
 * streams through it: the same gradient took 400 µs in one block of 200 rows, 341 in blocks of
 * 100, 322 in blocks of 50 or 67, 328 in blocks of 40.
 */
const MAX_BLOCK_ROWS = 64;

/**
 * sparseGradT(x, nIn, d, nOut, bs, entries, counts, out, rows): a relu layer's weight gradient,
 * transposed, with the zeros of its output gradient skipped:
 *
 *   out[j·nIn + i] = Σ_{b : d[b, j] ≠ 0} d[b, j] · x[b, i]      (b ascending)
 *
 * x [bs, nIn] is the layer's input (the batch, or the layer below's output; with rows ≠ 0, the
 * batch's row b is row rows[b] of the training matrix at x, int32 indices), d [bs, nOut] the
 * gradient at its pre-activation, where relu's derivative (and dropout) left exact zeros: about
 * half of them. The rows go in blocks of at most MAX_BLOCK_ROWS, of equal size (200 rows: four
 * of 50). For each block, first each column of d is compacted, branch-free, into entries (the
 * byte offset of a row of x, int32, then d's nonzero value there, float32; [nOut, bs] pairs:
 * one stream for the loop to read, 3 % faster than offsets and values apart) and their counts;
 * then, for 28 columns of x at a time, each unit's row of the result is summed over its nonzero
 * rows in the block, starting from the sums the blocks before left in out (from +0 in the
 * first); then 4 columns at a time, then one.
 *
 * Xᵀ·d computes the same sums in the same order with the zero terms included: a term x·0 adds
 * ±0, which leaves a sum unchanged (a sum of +0 stays +0: the accumulators start at +0), and a
 * sum stored in out and read back is the same float, so for finite x the result is bit for bit
 * the same, with ~half the multiply-adds. (An infinite or NaN input would make x·0 NaN there and
 * is skipped here: inputs are standardised finite numbers, and a net whose activations overflow
 * has a non-finite loss, which stops the run anyway.)
 */
export function emitSparseGradT(fma = false): FnBuilder {
  const f = new FnBuilder('sparseGradT', typed(I32, 'x', 'nIn', 'd', 'nOut', 'bs', 'entries', 'counts', 'out', 'rows'));
  for (const name of ['j', 'b', 'n', 'p', 'end', 'dp', 'rowBytes', 'xc', 'c', 'op', 'k', 'kEnd', 'blk']) f.local(name, I32);
  for (const name of ['s', ...Array.from({ length: CHUNK_VECTORS }, (_, v) => `a${v}`)]) f.local(name, V128);
  f.local('v', F32);
  f.local('acc', F32);
  const addTo = (name: string, by: () => void) => {
    f.get(name);
    by();
    f.op(OP.i32Add).set(name);
  };
  /** for (v = from; v < to; v += step) body */
  const each = (v: string, from: () => void, to: () => void, step: () => void, body: () => void) => {
    from();
    f.set(v);
    f.block(() =>
      f.loop(() => {
        f.get(v);
        to();
        f.op(OP.i32GeU).brIf(1);
        body();
        addTo(v, step);
        f.br(0);
      }),
    );
  };
  f.get('nIn').i32(2).op(OP.i32Shl).set('rowBytes');
  // blk = ⌈bs / n⌉ with n = ⌈bs / MAX_BLOCK_ROWS⌉ blocks (at least one): the fewest blocks, of equal size but the last.
  f.get('bs').i32(MAX_BLOCK_ROWS - 1).op(OP.i32Add).i32(MAX_BLOCK_ROWS).op(OP.i32DivU).tee('n').i32(1).get('n').op(OP.select).set('n');
  f.get('bs').get('n').op(OP.i32Add).i32(1).op(OP.i32Sub).get('n').op(OP.i32DivU).set('blk');

  // Compaction of rows [k, kEnd): column j of d → its entries from pair j·bs (bytes: j·bs·8), its count at counts[j].
  const compact = () =>
    each('j', () => f.i32(0), () => f.get('nOut'), () => f.i32(1), () => {
      f.i32(0).set('n');
      f.get('d').get('k').get('nOut').op(OP.i32Mul).get('j').op(OP.i32Add).i32(2).op(OP.i32Shl).op(OP.i32Add).set('dp');
      f.get('j').get('bs').op(OP.i32Mul).i32(3).op(OP.i32Shl).set('p');
      each('b', () => f.get('k'), () => f.get('kEnd'), () => f.i32(1), () => {
        f.get('dp').mem(OP.f32Load, 2, 0).set('v');
        // Stored at the next free place whether or not it is kept; n moves on only for a nonzero.
        f.get('entries').get('p').op(OP.i32Add).get('n').i32(3).op(OP.i32Shl).op(OP.i32Add);
        // The entry: the byte offset of row b of x, or of row rows[b] when the rows are indexed
        // (rows ≠ 0: x is then the training matrix)...
        f.get('rows').get('b').i32(2).op(OP.i32Shl).op(OP.i32Add).mem(OP.i32Load, 2, 0).get('b').get('rows').op(OP.select);
        f.get('rowBytes').op(OP.i32Mul);
        f.mem(OP.i32Store, 2, 0);
        f.get('entries').get('p').op(OP.i32Add).get('n').i32(3).op(OP.i32Shl).op(OP.i32Add);
        // ...then the value.
        f.get('v');
        f.mem(OP.f32Store, 2, 4);
        f.get('n').get('v').f32(0).op(OP.f32Ne).op(OP.i32Add).set('n');
        addTo('dp', () => f.get('nOut').i32(2).op(OP.i32Shl));
      });
      f.get('counts').get('j').i32(2).op(OP.i32Shl).op(OP.i32Add).get('n').mem(OP.i32Store, 2, 0);
    });

  /** The columns [c, c + 4·nv) of every unit's row (nv vectors; 0: one column, scalar), over the block's nonzeros. */
  const pass = (nv: number) => {
    f.get('x').get('c').i32(2).op(OP.i32Shl).op(OP.i32Add).set('xc');
    each('j', () => f.i32(0), () => f.get('nOut'), () => f.i32(1), () => {
      // op = out + (j·nIn + c)·4: the sums so far (+0 before the first block).
      f.get('out').get('j').get('rowBytes').op(OP.i32Mul).op(OP.i32Add).get('c').i32(2).op(OP.i32Shl).op(OP.i32Add).set('op');
      f.get('k').op(OP.i32Eqz);
      f.ifElse(
        () => {
          if (nv > 0) for (let v = 0; v < nv; v++) f.v128zero().set(`a${v}`);
          else f.f32(0).set('acc');
        },
        () => {
          if (nv > 0) for (let v = 0; v < nv; v++) f.get('op').simd(SIMD.load, { align: 2, offset: 16 * v }).set(`a${v}`);
          else f.get('op').mem(OP.f32Load, 2, 0).set('acc');
        },
      );
      f.get('j').get('bs').op(OP.i32Mul).i32(3).op(OP.i32Shl).set('p');
      f.get('entries').get('p').op(OP.i32Add).tee('p');
      f.get('counts').get('j').i32(2).op(OP.i32Shl).op(OP.i32Add).mem(OP.i32Load, 2, 0).i32(3).op(OP.i32Shl).op(OP.i32Add).set('end');
      // Each nonzero entry: its row of x (dp), its value splatted (s), into the accumulators.
      f.block(() =>
        f.loop(() => {
          f.get('p').get('end').op(OP.i32GeU).brIf(1);
          f.get('xc').get('p').mem(OP.i32Load, 2, 0).op(OP.i32Add).set('dp');
          if (nv > 0) {
            f.get('p').simd(SIMD.load32Splat, { align: 2, offset: 4 }).set('s');
            for (let v = 0; v < nv; v++) f.madd(fma, () => f.get('s'), () => f.get('dp').simd(SIMD.load, { align: 2, offset: 16 * v }), () => f.get(`a${v}`)).set(`a${v}`);
          } else f.maddScalar(fma, () => f.get('p').mem(OP.f32Load, 2, 4), () => f.get('dp').mem(OP.f32Load, 2, 0), () => f.get('acc')).set('acc');
          addTo('p', () => f.i32(8));
          f.br(0);
        }),
      );
      if (nv > 0) for (let v = 0; v < nv; v++) f.get('op').get(`a${v}`).simd(SIMD.store, { align: 2, offset: 16 * v });
      else f.get('op').get('acc').mem(OP.f32Store, 2, 0);
    });
  };

  // The blocks, as do-while: at least one, so an empty batch still writes its +0 sums.
  f.i32(0).set('k');
  f.loop(() => {
    // kEnd = min(k + blk, bs)
    f.get('k').get('blk').op(OP.i32Add).tee('kEnd').get('bs').get('kEnd').get('bs').op(OP.i32LtU).op(OP.select).set('kEnd');
    compact();
    // Chunks of 28 columns while they fit, then of 4, then single columns: c runs on through the three.
    f.i32(0).set('c');
    for (const [width, nv] of [[4 * CHUNK_VECTORS, CHUNK_VECTORS], [4, 1], [1, 0]] as const) {
      f.block(() =>
        f.loop(() => {
          f.get('c').i32(width).op(OP.i32Add).get('nIn').op(OP.i32GtS).brIf(1);
          pass(nv);
          addTo('c', () => f.i32(width));
          f.br(0);
        }),
      );
    }
    addTo('k', () => f.get('blk'));
    f.get('k').get('bs').op(OP.i32LtU).brIf(0);
  });
  return f;
}
