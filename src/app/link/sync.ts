import { decodeLink, encodeLink } from '../../core/link/codec';
import type { useStore } from '../store';

type StoreApi = typeof useStore;

/**
 * Opens the experiment in the address (#e=…), if any: every setting, the teacher options, and for an
 * uploaded CSV a request for that file. A bad link gets its specific message and the app opens on
 * its defaults; nothing in a link is executed or rendered as HTML.
 */
export function openFromAddress(store: StoreApi, hash = location.hash): void {
  if (!hash || hash === '#') return;
  const r = decodeLink(hash);
  const s = store.getState();
  if (!r.ok) {
    store.setState({ specNotice: { kind: 'error', text: `This link could not be opened: ${r.error.message} PruneLab opened on its defaults.` } });
    return;
  }
  const { spec, teacher } = r.state;
  s.openSpec(spec, `Opened from a link${r.migratedFrom ? ` (a version ${r.migratedFrom} experiment, migrated)` : ''}. Press Run to reproduce it.`);
  s.setTeacher(teacher);
  if (spec.dataset.kind === 'csv' && spec.dataset.sha256) {
    store.setState({ pendingCsv: { name: spec.dataset.name, rows: spec.dataset.rows, targetColumn: spec.dataset.targetColumn, sha256: spec.dataset.sha256 } });
  }
}

/** The address bar always holds the current experiment, as TensorFlow Playground keeps its state in the URL. */
export function keepAddressInSync(store: StoreApi): () => void {
  let timer: ReturnType<typeof setTimeout> | null = null;
  const write = () => {
    timer = null;
    const { spec, teacher } = store.getState();
    const hash = `#${encodeLink({ spec, ...(teacher ? { teacher } : {}) })}`;
    if (location.hash !== hash) history.replaceState(null, '', hash);
  };
  write();
  return store.subscribe((now, before) => {
    if (now.spec !== before.spec || now.teacher !== before.teacher) timer ??= setTimeout(write, 100);
  });
}
