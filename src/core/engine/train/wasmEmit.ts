/**
 * A minimal WebAssembly binary writer: just what the fused step's matrix kernel (`heapKernels.ts`)
 * needs — one imported memory, exported functions, i32/f32/v128 locals, structured control flow,
 * and the handful of scalar and 128-bit SIMD instructions it uses. Bytes are written from the
 * binary format's definitions (https://webassembly.github.io/spec/core/binary/), so the kernel
 * ships as TypeScript that builds its module at run time: no toolchain, no committed blob.
 */

export const I32 = 0x7f;
export const F32 = 0x7d;
export const V128 = 0x7b;
export type ValType = typeof I32 | typeof F32 | typeof V128;

/** Parameters (or locals) of one type, by name: `[...typed(I32, 'a', 'b'), ...typed(F32, 'x')]`. */
export const typed = (type: ValType, ...names: string[]): [string, ValType][] => names.map((n) => [n, type]);

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  let v = n >>> 0;
  do {
    let byte = v & 0x7f;
    v >>>= 7;
    if (v !== 0) byte |= 0x80;
    out.push(byte);
  } while (v !== 0);
  return out;
}

/** Signed LEB128 (32-bit). */
export function sleb(n: number): number[] {
  const out: number[] = [];
  let v = n | 0;
  for (;;) {
    const byte = v & 0x7f;
    v >>= 7;
    const done = (v === 0 && (byte & 0x40) === 0) || (v === -1 && (byte & 0x40) !== 0);
    out.push(done ? byte : byte | 0x80);
    if (done) return out;
  }
}

const utf8 = (s: string) => [...uleb(s.length), ...Array.from(s, (c) => c.charCodeAt(0))];
const section = (id: number, body: number[]) => [id, ...uleb(body.length), ...body];
const vec = (items: number[][]) => [...uleb(items.length), ...items.flat()];

/** A function body under construction: locals by name, instructions appended in order. */
export class FnBuilder {
  readonly code: number[] = [];
  private readonly locals: ValType[] = [];
  private readonly index = new Map<string, number>();

  constructor(
    readonly name: string,
    readonly params: readonly [string, ValType][],
  ) {
    params.forEach(([n], i) => this.index.set(n, i));
  }

  local(name: string, type: ValType): void {
    if (this.index.has(name)) throw new Error(`Local ${name} declared twice.`);
    this.index.set(name, this.params.length + this.locals.length);
    this.locals.push(type);
  }

  private at(name: string): number {
    const i = this.index.get(name);
    if (i === undefined) throw new Error(`Unknown local ${name}.`);
    return i;
  }

  get(name: string): this {
    this.code.push(0x20, ...uleb(this.at(name)));
    return this;
  }
  /** local.tee: sets the local and keeps the value on the stack. */
  tee(name: string): this {
    this.code.push(0x22, ...uleb(this.at(name)));
    return this;
  }
  set(name: string): this {
    this.code.push(0x21, ...uleb(this.at(name)));
    return this;
  }
  i32(n: number): this {
    this.code.push(0x41, ...sleb(n));
    return this;
  }
  f32(x: number): this {
    this.code.push(0x43, ...new Uint8Array(Float32Array.of(x).buffer));
    return this;
  }
  /** Raw opcodes (the scalar ones below are named in `OP`). */
  op(...bytes: number[]): this {
    this.code.push(...bytes);
    return this;
  }
  /** A 0xfd-prefixed SIMD instruction, with a memory argument (alignment as log2, byte offset) where it takes one. */
  simd(opcode: number, mem?: { align: number; offset: number }): this {
    this.code.push(0xfd, ...uleb(opcode));
    if (mem) this.code.push(...uleb(mem.align), ...uleb(mem.offset));
    return this;
  }
  /** A scalar load or store with its memory argument. */
  mem(opcode: number, align: number, offset: number): this {
    this.code.push(opcode, ...uleb(align), ...uleb(offset));
    return this;
  }
  /**
   * a·b + c on f32x4 values, each pushed by its callback. With `fma`, one relaxed multiply-add
   * (relaxed SIMD's f32x4.relaxed_madd: a single rounding where the CPU has FMA, as most x86-64
   * CPUs since 2013 and every ARM64 one do; a multiply and an add where it has not), else a
   * multiply then an add, as c + a·b.
   */
  madd(fma: boolean, a: () => void, b: () => void, c: () => void): this {
    if (fma) {
      a();
      b();
      c();
      return this.simd(SIMD.f32x4RelaxedMadd);
    }
    c();
    a();
    b();
    return this.simd(SIMD.f32x4Mul).simd(SIMD.f32x4Add);
  }
  /** a·b + c on f32 values: with `fma`, by the vector multiply-add in lane 0 (WebAssembly has no scalar one), so edges round as the vector body does. */
  maddScalar(fma: boolean, a: () => void, b: () => void, c: () => void): this {
    if (!fma) {
      c();
      a();
      b();
      return this.op(OP.f32Mul, OP.f32Add);
    }
    const splat = (push: () => void) => () => {
      push();
      this.simd(SIMD.f32x4Splat);
    };
    return this.madd(true, splat(a), splat(b), splat(c)).simd(SIMD.f32x4ExtractLane).op(0);
  }
  v128zero(): this {
    this.code.push(0xfd, 0x0c, ...new Array<number>(16).fill(0));
    return this;
  }
  /** A structured instruction (block, loop, if) with no result: opcode, empty block type, body, end. */
  private structured(opcode: number, body: () => void): this {
    this.code.push(opcode, 0x40);
    body();
    this.code.push(0x0b);
    return this;
  }
  /** block … end; `body` may branch to depth 0 to leave it. */
  block(body: () => void): this {
    return this.structured(0x02, body);
  }
  /** loop … end; a branch to depth 0 inside `body` goes round again. */
  loop(body: () => void): this {
    return this.structured(0x03, body);
  }
  /** if … end on the i32 on the stack. */
  if(body: () => void): this {
    return this.structured(0x04, body);
  }
  /** if … else … end on the i32 on the stack. */
  ifElse(then: () => void, otherwise: () => void): this {
    this.code.push(0x04, 0x40);
    then();
    this.code.push(0x05);
    otherwise();
    this.code.push(0x0b);
    return this;
  }
  br(depth: number): this {
    this.code.push(0x0c, ...uleb(depth));
    return this;
  }
  brIf(depth: number): this {
    this.code.push(0x0d, ...uleb(depth));
    return this;
  }

  /** The function's body entry: its locals grouped by run of type, the code, end. */
  body(): number[] {
    const groups: number[][] = [];
    for (const t of this.locals) {
      const last = groups[groups.length - 1];
      if (last && last[1] === t) last[0] = (last[0] as number) + 1;
      else groups.push([1, t]);
    }
    const content = [...uleb(groups.length), ...groups.flatMap(([n, t]) => [...uleb(n as number), t as number]), ...this.code, 0x0b];
    return [...uleb(content.length), ...content];
  }
}

/** Scalar opcodes used by the kernel. */
export const OP = {
  i32Eqz: 0x45,
  i32LtU: 0x49,
  i32GeU: 0x4f,
  i32GtS: 0x4a,
  i32Ne: 0x47,
  i32Add: 0x6a,
  i32Sub: 0x6b,
  i32Mul: 0x6c,
  i32DivU: 0x6e,
  i32And: 0x71,
  i32Shl: 0x74,
  i32ShrU: 0x76,
  i32Load: 0x28,
  i32Store: 0x36,
  f32Load: 0x2a,
  f32Store: 0x38,
  f32Add: 0x92,
  f32Mul: 0x94,
  f32Sub: 0x93,
  f32Div: 0x95,
  f32Sqrt: 0x91,
  f32Max: 0x97,
  f32Gt: 0x5e,
  f32Ne: 0x5c,
  select: 0x1b,
} as const;

/** SIMD opcodes (after the 0xfd prefix). */
export const SIMD = {
  load: 0x00,
  load32Splat: 0x09,
  store: 0x0b,
  f32x4Add: 0xe4,
  f32x4Mul: 0xe6,
  /** Relaxed SIMD's f32x4.relaxed_madd(a, b, c) = a·b + c, fused or not as the CPU does it (deterministic on one machine). */
  f32x4RelaxedMadd: 0x105,
  f32x4Max: 0xe9,
  /** Pseudo-maximum: pmax(a, b) = a < b ? b : a (one maxps; f32x4.max's NaN and ±0 rules cost ~8 instructions). */
  f32x4Pmax: 0xeb,
  f32x4Sub: 0xe5,
  f32x4Div: 0xe7,
  f32x4Sqrt: 0xe3,
  f32x4Splat: 0x13,
  f32x4ExtractLane: 0x1f,
  f32x4Gt: 0x44,
  and: 0x4e,
} as const;

/** A module importing `env.memory` and exporting `fns` (each returns nothing). */
export function moduleBytes(fns: readonly FnBuilder[]): Uint8Array {
  const types = fns.map((f) => [0x60, ...uleb(f.params.length), ...f.params.map(([, t]) => t), 0x00]);
  const bytes = [
    ...[0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00],
    ...section(1, vec(types)),
    ...section(2, vec([[...utf8('env'), ...utf8('memory'), 0x02, 0x00, 0x01]])),
    ...section(3, vec(fns.map((_, i) => uleb(i)))),
    ...section(7, vec(fns.map((f, i) => [...utf8(f.name), 0x00, ...uleb(i)]))),
    ...section(10, vec(fns.map((f) => f.body()))),
  ];
  return Uint8Array.from(bytes);
}

/** A module with one relaxed multiply-add: whether it validates tells whether this engine has relaxed SIMD. */
export function relaxedSimdProbe(): Uint8Array {
  const f = new FnBuilder('probe', typed(I32, 'p'));
  const at = (offset: number) => () => f.get('p').simd(SIMD.load, { align: 4, offset });
  f.madd(true, at(0), at(16), at(32)).op(0x1a);
  return moduleBytes([f]);
}
