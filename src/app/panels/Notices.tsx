import { useStore } from '../store';

/** What happened to the last link, spec file or results file opened: said once, at the top of the form. */
export function Notices() {
  const notice = useStore((s) => s.specNotice);
  const pending = useStore((s) => s.pendingCsv);
  return (
    <>
      {notice && (
        <p role={notice.kind === 'error' ? 'alert' : 'status'} className={notice.kind === 'error' ? 'error notice' : 'notice'} data-testid="spec-notice">
          {notice.text}
        </p>
      )}
      {pending && (
        <p role="status" className="notice" data-testid="pending-csv">
          This experiment runs on the file “{pending.name}” ({pending.rows} rows, target “{pending.targetColumn}”). Choose that file under Data → Upload CSV; only a file with the same SHA-256 is accepted.
        </p>
      )}
    </>
  );
}
