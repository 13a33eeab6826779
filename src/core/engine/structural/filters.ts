import type { CnnNet } from '../model/cnn';

/** L1 or L2 norm of each filter (kernel[:, :, :, f]) of every conv layer: Li et al. 2017's filter ranking. */
export async function filterNorms(net: CnnNet, norm: 'l1' | 'l2'): Promise<Float64Array[]> {
  return Promise.all(
    net.convs.map(async (c) => {
      const values = (await c.kernel.data()) as Float32Array;
      const filters = c.kernel.shape[3] ?? 1;
      const out = new Float64Array(filters);
      values.forEach((v, i) => (out[i % filters] = (out[i % filters] ?? 0) + (norm === 'l1' ? Math.abs(v) : v * v)));
      return norm === 'l2' ? out.map(Math.sqrt) : out;
    }),
  );
}
