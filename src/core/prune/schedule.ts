/**
 * Automated gradual pruning (Zhu & Gupta 2017), the same schedule as tfmot's PolynomialDecay:
 *   s_t = s_f + (s_i − s_f) · (1 − (t − t0)/(end − t0))^power,  power 3,
 * pruning only at steps t0, t0 + frequency, … up to `end`.
 */
export interface AgpSchedule {
  initialSparsity: number;
  finalSparsity: number;
  beginStep: number;
  endStep: number;
  frequency: number;
  power?: number;
}

export function agpSparsity(s: AgpSchedule, step: number): number {
  const span = s.endStep - s.beginStep;
  // A zero-length schedule prunes once, at its end step, straight to the final sparsity.
  const p = span <= 0 ? (step >= s.endStep ? 1 : 0) : Math.min(1, Math.max(0, (step - s.beginStep) / span));
  return s.finalSparsity + (s.initialSparsity - s.finalSparsity) * (1 - p) ** (s.power ?? 3);
}

/** tfmot's should-prune test: inside [begin, end] and on the frequency grid (the end step always counts). */
export function agpShouldPrune(s: AgpSchedule, step: number): boolean {
  if (step < s.beginStep || step > s.endStep) return false;
  return (step - s.beginStep) % s.frequency === 0 || step === s.endStep;
}
