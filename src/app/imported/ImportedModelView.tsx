import { IMPORTED_METHODS, shapeText } from '../../core/imported/report';
import { TableScroll } from '../results/TableScroll';
import { useStore } from '../store';
import { countText, kbText } from '../../core/format';

const int = countText;
const kb = kbText;

/** The imported model's summary (every number from its weights) and, once pruned, what each kernel lost. */
export function ImportedModelView() {
  const { summary: s, report: r, fileNames } = useStore((st) => st.imported);
  if (!s) return null;
  return (
    <section className="panel imported" aria-labelledby="imported-heading">
      <h2 id="imported-heading">Imported model: {s.name}</h2>
      <p data-testid="imported-summary">
        {int(s.totalParams)} parameters ({int(s.prunableParams)} prunable) · {int(s.totalMacs)} multiply-adds ({int(s.totalFlops)} FLOPs) per sample · {kb(s.storedBytes)} stored{s.quantized ? ' (quantized)' : ''}, {kb(s.gzipBytes)} gzip as float32 · input {shapeText(s.inputShape)}, output {shapeText(s.outputShape)}
      </p>
      <p className="hint">
        {s.format}
        {s.generatedBy ? `, ${s.generatedBy}` : ''} · files: {fileNames.join(', ')}. MACs count Dense, convolution and recurrent kernels; FLOPs are 2 per multiply-add plus one per bias add, as everywhere in PruneLab.
      </p>
      <TableScroll label="Layers of the imported model">
        <table className="results">
          <caption>Layers (parameters and MACs exact, from the weights)</caption>
          <thead>
            <tr>
              <th scope="col">Layer</th>
              <th scope="col">Type</th>
              <th scope="col">Output</th>
              <th scope="col">Params</th>
              <th scope="col">MACs</th>
              <th scope="col">FLOPs</th>
              <th scope="col">Prunable</th>
            </tr>
          </thead>
          <tbody>
            {s.layers.map((l) => (
              <tr key={l.name} data-testid="imported-layer">
                <th scope="row">{l.name}</th>
                <td>{l.className}</td>
                <td>{l.outputShape}</td>
                <td className="num">{int(l.params)}</td>
                <td className="num">{int(l.macs)}</td>
                <td className="num">{int(l.flops)}</td>
                <td>{l.prunable.join(', ') || '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {s.notPruned.length > 0 && <p className="hint">Left as they are (no method prunes their weights): {s.notPruned.join(', ')}.</p>}
      {r && (
        <>
          <h3>Pruned: {IMPORTED_METHODS[r.method].split(':')[0]}{r.method === 'nm' ? '' : ` at ${(100 * r.sparsity).toFixed(1)} %`}</h3>
          <p data-testid="imported-pruned">
            Prunable weights {(100 * r.achieved).toFixed(2)} % zero · {int(r.nonzeroParams)} of {int(r.totalParams)} parameters nonzero · gzip {kb(r.gzipBefore)} → {kb(r.gzipAfter)}
          </p>
          <TableScroll label="Sparsity per pruned weight">
            <table className="results">
              <caption>Sparsity per pruned weight</caption>
              <thead>
                <tr>
                  <th scope="col">Layer</th>
                  <th scope="col">Weight</th>
                  <th scope="col">Shape</th>
                  <th scope="col">Zeros</th>
                  <th scope="col">Sparsity</th>
                </tr>
              </thead>
              <tbody>
                {r.slots.map((x) => (
                  <tr key={`${x.layer}/${x.slot}`} data-testid="imported-slot">
                    <th scope="row">{x.layer}</th>
                    <td>{x.slot}</td>
                    <td>{x.shape.join('×')}</td>
                    <td className="num">
                      {int(x.zeros)} / {int(x.total)}
                    </td>
                    <td className="num">
                      {((100 * x.zeros) / x.total).toFixed(1)} %{x.channels ? ` (${x.channels.zeroed} of ${x.channels.total} channels)` : ''}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </section>
  );
}
