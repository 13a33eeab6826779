import { useId, useState } from 'react';
import { RUN_KINDS, type KindResult } from '../../core/kinds/registry';
import type { ResultTable, RunKindDef } from '../../core/kinds/types';
import { tableToCsv } from '../../core/run/csv';
import { toJson } from '../../core/run/json';
import type { ModelFiles } from '../../core/run/protocol';
import { useStore } from '../store';
import { download, downloadBytes } from '../ui/download';
import { SelectField } from '../ui/fields';
import { countText, kbText } from '../../core/format';

const kb = kbText;
type AnyKind = RunKindDef<string, { kind: string }, unknown, unknown, KindResult>;

/** Everything the run on screen can be taken away as: its results file, a CSV of each table, and its models in TF.js format. */
export function Downloads() {
  const file = useStore((s) => s.currentFile);
  const status = useStore((s) => s.status);
  const titleId = useId();
  if (!file || status === 'running') return null;
  const kind = RUN_KINDS[file.result.kind] as unknown as AnyKind;
  const tables: ResultTable[] = kind.exports(file.result);
  return (
    <section aria-labelledby={titleId} className="downloads" data-testid="downloads">
      <h2 id={titleId}>Export</h2>
      <div className="buttons wrap">
        <button type="button" onClick={() => download(`prunelab-${file.result.kind}-results.json`, `${toJson(file, 2)}\n`, 'application/json')}>
          Export results (JSON)
        </button>
        {tables.map((t) => (
          <button key={t.name ?? t.title} type="button" onClick={() => download(`prunelab-${t.name ?? 'table'}.csv`, tableToCsv(t), 'text/csv')}>
            CSV: {t.title}
          </button>
        ))}
      </div>
      <p className="hint">The results file is the format `prunelab run --out` writes; open it again under History → Open results (JSON).</p>
      <ModelExport choices={kind.models(file.result)} />
    </section>
  );
}

function ModelExport({ choices }: { choices: { tag: string; label: string; job?: number }[] }) {
  const exportModel = useStore((s) => s.exportModel);
  const [tag, setTag] = useState(choices[0]?.tag ?? '');
  const [state, setState] = useState<{ kind: 'idle' } | { kind: 'busy' } | { kind: 'done'; files: ModelFiles } | { kind: 'error'; message: string }>({ kind: 'idle' });
  if (choices.length === 0) return null;
  const chosen = choices.find((c) => c.tag === tag) ?? choices[0];
  if (!chosen) return null;
  const run = async () => {
    setState({ kind: 'busy' });
    try {
      const files = await exportModel(chosen.tag, chosen.label, chosen.job);
      // The two files tf.loadLayersModel reads: model.json names weights.bin in its manifest.
      download('model.json', files.modelJson, 'application/json');
      downloadBytes('weights.bin', files.weights);
      setState({ kind: 'done', files });
    } catch (e) {
      setState({ kind: 'error', message: e instanceof Error ? e.message : String(e) });
    }
  };
  return (
    <div className="model-export">
      <SelectField label="Model to export" value={chosen.tag} options={choices.map((c) => ({ value: c.tag, label: c.label }))} onChange={setTag} disabled={state.kind === 'busy'} />
      <div className="buttons">
        <button type="button" onClick={() => void run()} disabled={state.kind === 'busy'}>
          Export model (TF.js)
        </button>
      </div>
      <p className="hint">The model is trained again from the run’s seed (the same weights the run had), then saved as model.json + weights.bin for tf.loadLayersModel.</p>
      {state.kind === 'busy' && <p role="status">Exporting: training it again…</p>}
      {state.kind === 'error' && (
        <p role="alert" className="error">
          The model could not be exported: {state.message}
        </p>
      )}
      {state.kind === 'done' && (
        <p role="status" data-testid="model-export-sizes">
          Exported {state.files.label}: {kb(state.files.rawBytes)} ({kb(state.files.gzipBytes)} gzip) · {countText(state.files.params)} parameters, {countText(state.files.zeros)} exactly zero ({((100 * state.files.zeros) / Math.max(1, state.files.params)).toFixed(1)}%).
        </p>
      )}
    </div>
  );
}
