/**
 * The go-ahead of a stepped run (presentation mode): every job asks before each epoch. Playing,
 * the answer is immediate; paused, it waits for Step (one epoch for every job waiting) or Play.
 */
export class Playback {
  paused = false;
  private waiting: (() => void)[] = [];
  private pendingStep = false;
  private stepTimer: ReturnType<typeof setTimeout> | null = null;

  constructor(paused: boolean) {
    this.paused = paused;
  }

  readonly gate = (): Promise<void> => {
    if (!this.paused) return Promise.resolve();
    return new Promise<void>((go) => {
      this.waiting.push(go);
      // A Step pressed before any job was waiting lets through the jobs that arrive together.
      if (this.pendingStep && !this.stepTimer) this.stepTimer = setTimeout(() => this.releaseStep(), 100);
    });
  };

  private releaseStep(): void {
    this.stepTimer = null;
    this.pendingStep = false;
    this.release();
  }

  private release(): void {
    this.waiting.splice(0).forEach((go) => go());
  }

  play(): void {
    this.paused = false;
    this.pendingStep = false;
    this.release();
  }

  pause(): void {
    this.paused = true;
  }

  step(): void {
    this.paused = true;
    if (this.waiting.length) this.release();
    else this.pendingStep = true;
  }

  /** Ends every wait (the run was cancelled: its jobs must reach their cancellation checks). */
  stop(): void {
    this.paused = false;
    if (this.stepTimer) clearTimeout(this.stepTimer);
    this.release();
  }
}
