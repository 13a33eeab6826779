import { describe, expect, it } from 'vitest';
import { lbfgs, type Objective } from './lbfgs';

describe('lbfgs', () => {
  it('minimises a badly scaled convex quadratic to the requested gradient', () => {
    // f(x) = ½ Σ d_i (x_i − i)², d_i from 1 to 1e4: minimum at x_i = i.
    const d = [1, 10, 100, 1000, 10000];
    const f: Objective = (x, g) => {
      let v = 0;
      d.forEach((di, i) => {
        const r = (x[i] ?? 0) - i;
        v += 0.5 * di * r * r;
        g[i] = di * r;
      });
      return v;
    };
    const res = lbfgs(f, new Float64Array(5), { gtol: 1e-10 });
    expect(res.stop).toBe('gtol');
    expect(res.gradMax).toBeLessThanOrEqual(1e-10);
    res.x.forEach((v, i) => expect(v).toBeCloseTo(i, 10));
  });

  it('finds the minimum of the Rosenbrock function', () => {
    const f: Objective = (x, g) => {
      const a = x[0] ?? 0;
      const b = x[1] ?? 0;
      g[0] = -2 * (1 - a) - 400 * a * (b - a * a);
      g[1] = 200 * (b - a * a);
      return (1 - a) ** 2 + 100 * (b - a * a) ** 2;
    };
    const res = lbfgs(f, Float64Array.from([-1.2, 1]), { gtol: 1e-9, maxIter: 500 });
    expect(res.x[0]).toBeCloseTo(1, 7);
    expect(res.x[1]).toBeCloseTo(1, 7);
  });

  it('returns the start when it is already optimal and does not modify x0', () => {
    const x0 = Float64Array.from([0, 0]);
    const res = lbfgs((x, g) => {
      g[0] = x[0] ?? 0;
      g[1] = x[1] ?? 0;
      return 0.5 * ((x[0] ?? 0) ** 2 + (x[1] ?? 0) ** 2);
    }, x0);
    expect(res.iterations).toBe(0);
    expect(res.stop).toBe('gtol');
    expect([...x0]).toEqual([0, 0]);
  });
});
