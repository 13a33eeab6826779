/** The loss became NaN or infinite: training cannot continue. */
export class DivergenceError extends Error {
  override name = 'DivergenceError';
  constructor(readonly epoch: number) {
    super(`Training diverged at epoch ${epoch}: the loss became NaN or infinite. Lower the learning rate, or standardise the features.`);
  }
}

/** The run was cancelled by the user. */
export class CancelledError extends Error {
  override name = 'CancelledError';
  constructor() {
    super('The run was cancelled.');
  }
}
