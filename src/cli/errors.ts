/** A problem with the command line or the spec: reported with its specific message, exit code 2, nothing written. */
export class UsageError extends Error {
  override name = 'UsageError';
}

export const EXIT = { ok: 0, failed: 1, usage: 2, interrupted: 130 } as const;
