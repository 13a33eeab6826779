import { useId, useState } from 'react';
import { dateTimeText } from '../../core/format';
import { RUN_KINDS } from '../../core/kinds/registry';
import { useStore } from '../store';
import type { ListedRun } from '../store/types';
import { FileField } from '../ui/fields';

const when = (iso: string) => dateTimeText(iso, { year: true });

/** Every finished or cancelled run, kept in this browser: reopen, rename, pin, delete, compare; results files open here too. */
export function HistoryPanel() {
  const saved = useStore((s) => s.saved);
  const loaded = useStore((s) => s.historyLoaded);
  const error = useStore((s) => s.historyError);
  const compareIds = useStore((s) => s.compareIds);
  const openResultsText = useStore((s) => s.openResultsText);
  const running = useStore((s) => s.status === 'running');
  const writing = useStore((s) => s.historyWrites > 0);
  const titleId = useId();
  return (
    <section className="panel history" aria-labelledby={titleId} aria-busy={writing}>
      <h2 id={titleId}>History</h2>
      <p className="hint">Runs are kept in this browser (IndexedDB) until you delete them. Tick 2 to 4 to compare them.</p>
      {error && (
        <p role="alert" className="error" data-testid="history-error">
          {error}
        </p>
      )}
      {loaded && saved.length === 0 && <p className="hint">No saved runs yet: every finished or cancelled run appears here.</p>}
      <ol className="runs">
        {saved.map((r) => (
          <RunItem key={r.id} run={r} comparing={compareIds.includes(r.id)} compareFull={compareIds.length >= 4} disabled={running} />
        ))}
      </ol>
      <FileField label="Open results (JSON)" accept=".json,application/json" disabled={running} onFile={(f) => void f.text().then((t) => openResultsText(t, f.name))} hint="A results file exported here or written by prunelab run --out." />
    </section>
  );
}

function RunItem({ run, comparing, compareFull, disabled }: { run: ListedRun; comparing: boolean; compareFull: boolean; disabled: boolean }) {
  const { reopenRun, renameRun, togglePin, deleteRun, toggleCompare } = useStore.getState();
  const shown = useStore((s) => s.shown?.id === run.id);
  const [editing, setEditing] = useState(false);
  const [name, setName] = useState(run.name);
  const inputId = useId();
  const s = run.file.result.summary;
  return (
    <li className={shown ? 'run shown' : 'run'} data-testid="history-run">
      {editing ? (
        <form
          className="rename"
          onSubmit={(e) => {
            e.preventDefault();
            void renameRun(run.id, name);
            setEditing(false);
          }}
        >
          <label htmlFor={inputId}>New name</label>
          <input id={inputId} value={name} maxLength={120} onChange={(e) => setName(e.target.value)} />
          <button type="submit">Save name</button>
        </form>
      ) : (
        <p className="run-name">
          {run.pinned && <span aria-label="pinned">📌 </span>}
          <strong data-testid="history-run-name">{run.name}</strong>
        </p>
      )}
      <p className="hint">
        {RUN_KINDS[run.file.spec.task.kind].label} · {run.file.data.name} · {when(run.savedAt)}
        {s ? ` · ${s.metric} ${s.mean.toFixed(4)} ± ${s.std.toFixed(4)}` : ''}
        {run.partial ? ' · partial (cancelled)' : ''}
        {run.origin === 'file' ? ' · opened from a file' : ''}
        {!run.stored ? ' · not saved in this browser' : ''}
      </p>
      <div className="buttons">
        <button type="button" disabled={disabled} onClick={() => reopenRun(run.id)} aria-label={`Open ${run.name}`}>
          Open
        </button>
        <button type="button" onClick={() => setEditing(!editing)} aria-label={`Rename ${run.name}`}>
          Rename
        </button>
        <button type="button" onClick={() => void togglePin(run.id)} aria-label={`${run.pinned ? 'Unpin' : 'Pin'} ${run.name}`}>
          {run.pinned ? 'Unpin' : 'Pin'}
        </button>
        <button type="button" onClick={() => void deleteRun(run.id)} aria-label={`Delete ${run.name}`}>
          Delete
        </button>
        <label className="compare-box">
          <input type="checkbox" checked={comparing} disabled={!comparing && compareFull} onChange={() => toggleCompare(run.id)} aria-label={`Compare ${run.name}`} /> Compare
        </label>
      </div>
    </li>
  );
}
