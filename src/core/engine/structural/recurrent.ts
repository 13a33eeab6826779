import { GATES } from '../../model/describe';
import type { RnnNet } from '../model/rnn';

/**
 * L1 or L2 norm of each unit group of an RNN, by incoming weights: a recurrent unit j owns column j
 * of every gate (k·u + j, k < gates) in both the input and the recurrent kernel, so its gates are
 * ranked — and removed — together; a dense hidden unit, its kernel column (as for an MLP).
 */
export async function recurrentUnitNorms(net: RnnNet, norm: 'l1' | 'l2'): Promise<Float64Array[]> {
  const r = net.rnn;
  const u = r.recurrentKernel.shape[0] ?? 0;
  const cols = GATES[r.cell] * u;
  const add = (out: Float64Array, values: Float32Array, width: number, unitOf: (col: number) => number) =>
    values.forEach((v, i) => {
      const j = unitOf(i % width);
      out[j] = (out[j] ?? 0) + (norm === 'l1' ? Math.abs(v) : v * v);
    });
  const recurrent = new Float64Array(u);
  for (const k of [r.kernel, r.recurrentKernel]) add(recurrent, (await k.data()) as Float32Array, cols, (c) => c % u);
  const dense = await Promise.all(
    net.layers.slice(0, -1).map(async (l) => {
      const width = l.kernel.shape[1] ?? 1;
      const out = new Float64Array(width);
      add(out, (await l.kernel.data()) as Float32Array, width, (c) => c);
      return out;
    }),
  );
  return [recurrent, ...dense].map((s) => (norm === 'l2' ? s.map(Math.sqrt) : s));
}
