/**
 * A core for the page while it draws. When every core runs a training worker, the page's main
 * thread shares a core with one of them: its drawing takes 2–3× its CPU time in wall time
 * (measured in Chromium's trace during the default sweep: tasks of 71–109 ms that used 32–36 ms
 * of CPU), and a draw of 25 ms becomes a long task. The page raises a shared flag while it has
 * drawing to do and lowers it when idle; a host told to yield waits between mini-batches while the
 * flag is up, so its core goes to the page. Waiting changes no number (the same steps run, later).
 * Measured on this 2-vCPU machine, default sweeps interleaved: without the gate 10 long tasks in 8
 * sweeps (worst 109 ms); with one worker yielding, 2 in 8 (worst 99 ms); with the costly views
 * also raising it as they commit, 2 in 10 against 7 in 10 without that. The sweep's time
 * unchanged (medians 2.01–2.04 s).
 *
 * Tensor-free and DOM-free: the page raises and lowers, a worker waits (Atomics.wait is refused on a
 * page's main thread, so only worker hosts are given the flag).
 */

/** The longest one wait lasts; a flag left up longer only slows the host (it waits again at its next mini-batch). */
export const PAGE_GATE_WAIT_MS = 100;

/** A flag over a SharedArrayBuffer of one Int32 (0 down, 1 up). */
export function pageFlag(buffer: SharedArrayBuffer): Int32Array {
  return new Int32Array(buffer, 0, 1);
}

export function raiseFlag(flag: Int32Array): void {
  Atomics.store(flag, 0, 1);
}

/** Lowers the flag and wakes the hosts waiting on it. */
export function lowerFlag(flag: Int32Array): void {
  Atomics.store(flag, 0, 0);
  Atomics.notify(flag, 0);
}

/** In a host, between mini-batches: returns at once when the flag is down, else when it is lowered (at most `maxMs` later). */
export function waitWhileRaised(flag: Int32Array, maxMs = PAGE_GATE_WAIT_MS): void {
  if (Atomics.load(flag, 0) !== 0) Atomics.wait(flag, 0, 1, maxMs);
}

/**
 * How many of a pool's `size` hosts yield to the page on a machine with `cores` cores: enough that
 * one core is left for the page while the flag is up (none when the pool leaves a core free).
 */
export function yieldingHosts(size: number, cores: number): number {
  return Math.max(0, Math.min(size, size - (cores - 1)));
}
