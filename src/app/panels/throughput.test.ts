import { describe, expect, it } from 'vitest';
import { throughput } from './throughput';

describe('the run’s measured pace', () => {
  it('is the wall time over the model-epochs trained, as text', () => {
    expect(throughput(4750, 7216.4, 'browser workers ×2')).toBe("4,750 model-epochs in 7.2 s of wall time (loading and workers' start included): 1.52 ms each, on browser workers ×2.");
    expect(throughput(10, 250, 'this tab')).toBe("10 model-epochs in 0.3 s of wall time (loading and workers' start included): 25.0 ms each, on this tab.");
  });
});
