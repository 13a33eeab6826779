import type { LayerWeights } from '../prune/accounting';

/**
 * A structurally pruned network's weights laid back into the dense architecture, zeros where units
 * (neurons or filters) were removed: the "masked" twin of the shrunk model. Removed units get zero
 * incoming weights and bias, and — what makes the outputs identical — zero outgoing weights, so
 * the full-size network computes exactly what the shrunk one does.
 *
 * `kept[g]` lists the surviving units of prunable group g (hidden layers of an MLP, conv layers of
 * a CNN) as indices into the dense network; `dense` gives the dense layers' names and shapes.
 */
export function expandWeights(shrunk: readonly LayerWeights[], kept: readonly (readonly number[])[], dense: readonly Pick<LayerWeights, 'name' | 'shape' | 'positions'>[]): LayerWeights[] {
  if (shrunk.length !== dense.length) throw new Error(`The pruned network has ${shrunk.length} weight layers; the dense one has ${dense.length}.`);
  const convs = dense.filter((l) => l.shape.length === 4).length;
  const identity = (n: number) => Array.from({ length: n }, (_, i) => i);
  return dense.map((full, i) => {
    const small = shrunk[i] as LayerWeights;
    const isConv = full.shape.length === 4;
    const outs = full.shape[full.shape.length - 1] as number;
    const outMap = i < kept.length && (isConv || convs === 0) ? (kept[i] as number[]) : identity(outs);
    const kernel = new Float32Array(full.shape.reduce((a, b) => a * b, 1));
    const bias = new Float32Array(outs);
    outMap.forEach((o, j) => (bias[o] = small.bias[j] as number));
    if (isConv) {
      const [kh = 1, kw = 1, cin = 1, cout = 1] = full.shape;
      const inMap = i === 0 ? identity(cin) : (kept[i - 1] as number[]);
      const cinS = inMap.length;
      const coutS = outMap.length;
      for (let p = 0; p < kh * kw; p++)
        for (let a = 0; a < cinS; a++)
          for (let b = 0; b < coutS; b++) kernel[(p * cin + (inMap[a] as number)) * cout + (outMap[b] as number)] = small.kernel[(p * cinS + a) * coutS + b] as number;
    } else {
      const [fin = 1, fout = 1] = full.shape;
      let inMap: number[];
      if (i === 0) inMap = identity(fin);
      else if (i === convs && convs > 0) {
        // The first dense layer after the convolutions reads the flattened (h, w, channel) map.
        const channels = dense[convs - 1]?.shape[3] as number;
        const keptC = kept[convs - 1] as number[];
        inMap = [];
        for (let p = 0; p < fin / channels; p++) for (const c of keptC) inMap.push(p * channels + c);
      } else inMap = i - 1 < kept.length && convs === 0 ? (kept[i - 1] as number[]) : identity(fin);
      const outS = outMap.length;
      inMap.forEach((r, a) => outMap.forEach((c, b) => (kernel[r * fout + c] = small.kernel[a * outS + b] as number)));
    }
    return { name: full.name, shape: full.shape, ...(full.positions !== undefined ? { positions: full.positions } : {}), kernel, bias };
  });
}
