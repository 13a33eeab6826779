/**
 * JSON for results: typed arrays (masks, weights) travel as base64 of their bytes, tagged with
 * their type, so a results file reads back bit for bit. Numbers are written as JSON writes them
 * (the shortest text that reads back to the same double).
 */
const TYPED = {
  Float32Array,
  Float64Array,
  Int32Array,
  Uint8Array,
  Int8Array,
  Uint16Array,
  Int16Array,
  Uint32Array,
} as const;
type TypedName = keyof typeof TYPED;
type Typed = InstanceType<(typeof TYPED)[TypedName]>;

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

export function bytesToBase64(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i] ?? 0;
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    const n = (a << 16) | ((b ?? 0) << 8) | (c ?? 0);
    out += B64[(n >> 18) & 63]! + B64[(n >> 12) & 63]! + (b === undefined ? '=' : B64[(n >> 6) & 63]!) + (c === undefined ? '=' : B64[n & 63]!);
  }
  return out;
}

export function base64ToBytes(text: string): Uint8Array {
  const clean = text.replace(/=+$/, '');
  if (!/^[A-Za-z0-9+/]*$/.test(clean)) throw new Error('Not base64 data.');
  const out = new Uint8Array(Math.floor((clean.length * 3) / 4));
  let o = 0;
  for (let i = 0; i < clean.length; i += 4) {
    const n = (B64.indexOf(clean[i] ?? 'A') << 18) | (B64.indexOf(clean[i + 1] ?? 'A') << 12) | (B64.indexOf(clean[i + 2] ?? 'A') << 6) | B64.indexOf(clean[i + 3] ?? 'A');
    if (o < out.length) out[o++] = (n >> 16) & 255;
    if (o < out.length) out[o++] = (n >> 8) & 255;
    if (o < out.length) out[o++] = n & 255;
  }
  return out;
}

const typedName = (v: unknown): TypedName | null => {
  if (!ArrayBuffer.isView(v) || v instanceof DataView) return null;
  const name = v.constructor.name as TypedName;
  return name in TYPED ? name : null;
};

/** JSON.stringify that keeps typed arrays exactly. */
export function toJson(value: unknown, space?: number): string {
  return JSON.stringify(
    value,
    function (this: Record<string, unknown>, key: string, v: unknown) {
      const raw = this[key];
      const name = typedName(raw);
      if (name) {
        const t = raw as Typed;
        return { $typed: name, base64: bytesToBase64(new Uint8Array(t.buffer, t.byteOffset, t.byteLength)) };
      }
      return v;
    },
    space,
  );
}

/** JSON.parse that restores what toJson wrote. */
export function fromJson(text: string): unknown {
  return JSON.parse(text, (_key, v: unknown) => {
    if (v && typeof v === 'object' && '$typed' in v && 'base64' in v) {
      const { $typed, base64 } = v as { $typed: string; base64: unknown };
      const Ctor = TYPED[$typed as TypedName];
      if (!Ctor || typeof base64 !== 'string') throw new Error(`Unknown typed array "${$typed}".`);
      const bytes = base64ToBytes(base64);
      if (bytes.length % Ctor.BYTES_PER_ELEMENT) throw new Error(`A ${$typed} cannot hold ${bytes.length} bytes.`);
      return new Ctor(bytes.buffer as ArrayBuffer, 0, bytes.length / Ctor.BYTES_PER_ELEMENT);
    }
    return v;
  });
}
