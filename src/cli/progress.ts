import { SingleBar } from 'cli-progress';
import type { Progress } from '../core/run/tracker';

const seconds = (ms: number | null) => (ms === null ? '…' : ms < 60_000 ? `${Math.round(ms / 1000)} s` : `${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s`);

/** A progress bar with ETA on stderr (only when stderr is a terminal; logs and pipes stay clean). */
export function progressBar(stream: NodeJS.WriteStream = process.stderr) {
  const bar = new SingleBar({ stream, format: ' {bar} {percentage}% · {jobs} · elapsed {elapsed} · ETA {eta_text}', hideCursor: true, clearOnComplete: true, barsize: 30 });
  let started = false;
  return {
    update(p: Progress) {
      const payload = { jobs: `${p.jobsDone}/${p.jobsTotal} jobs`, elapsed: seconds(p.elapsedMs), eta_text: seconds(p.etaMs) };
      if (!started) {
        bar.start(p.total, p.done, payload);
        started = true;
      } else bar.update(p.done, payload);
    },
    stop() {
      if (started) bar.stop();
    },
  };
}
