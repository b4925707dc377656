import { describe, expect, it } from 'vitest';
import { choleskyInPlace, choleskySolveInPlace, fitRidge, predictRidge } from './ridge';
import { createRng } from './rng';

describe('cholesky', () => {
  it('factors a hand-made SPD matrix and solves against it', () => {
    // A = L L' with L = [[2,0,0],[1,3,0],[0.5,-1,1]]
    const a = Float64Array.from([4, 2, 1, 2, 10, -2.5, 1, -2.5, 2.25]);
    choleskyInPlace(a, 3);
    expect(Array.from(a)).toEqual([2, 0, 0, 1, 3, 0, 0.5, -1, 1]);
    // A x = b with x = [1, -2, 3]
    const b = Float64Array.from([4 * 1 + 2 * -2 + 1 * 3, 2 * 1 + 10 * -2 - 2.5 * 3, 1 - 2.5 * -2 + 2.25 * 3]);
    choleskySolveInPlace(a, 3, b, 1);
    expect(b[0]).toBeCloseTo(1, 12);
    expect(b[1]).toBeCloseTo(-2, 12);
    expect(b[2]).toBeCloseTo(3, 12);
  });

  it('refuses a matrix that is not positive definite with the fix in the message', () => {
    expect(() => choleskyInPlace(Float64Array.from([1, 2, 2, 1]), 2)).toThrow(/not positive definite.*raise the ridge lambda/);
  });
});

describe('fitRidge', () => {
  function planted(n: number, d: number, seed: number): { x: Float64Array; y: Float64Array } {
    const rng = createRng(seed);
    const x = new Float64Array(n * d);
    for (let i = 0; i < x.length; i++) x[i] = rng.normal();
    const y = new Float64Array(n * 2);
    for (let i = 0; i < n; i++) {
      y[i * 2] = 3 + 2 * x[i * d]! - x[i * d + 1]!;
      y[i * 2 + 1] = -1 + 0.5 * x[i * d + d - 1]!;
    }
    return { x, y };
  }

  it('recovers exact coefficients and the intercept with a tiny lambda (primal, d < n)', () => {
    const { x, y } = planted(50, 4, 1);
    const fit = fitRidge(x, y, 50, 4, 2, 1e-9);
    expect(fit.intercept[0]).toBeCloseTo(3, 6);
    expect(fit.intercept[1]).toBeCloseTo(-1, 6);
    expect(fit.weights[0 * 2]).toBeCloseTo(2, 6);
    expect(fit.weights[1 * 2]).toBeCloseTo(-1, 6);
    expect(fit.weights[3 * 2 + 1]).toBeCloseTo(0.5, 6);
    const pred = predictRidge(fit, x.subarray(0, 4), 1);
    expect(pred[0]).toBeCloseTo(y[0]!, 6);
  });

  it('gives the same answer through the dual form when d > n', () => {
    const { x, y } = planted(12, 30, 2);
    const lambda = 0.7;
    const dual = fitRidge(x, y, 12, 30, 2, lambda);
    // Same problem, forced primal: pad with rows that change nothing is not possible, so check the
    // normal equations directly: (Xc'Xc + lambda I) w = Xc'yc.
    const n = 12;
    const d = 30;
    const xm = new Float64Array(d);
    const ym = [0, 0];
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < d; j++) xm[j]! += x[i * d + j]! / n;
      ym[0]! += y[i * 2]! / n;
      ym[1]! += y[i * 2 + 1]! / n;
    }
    for (let c = 0; c < 2; c++) {
      for (let j = 0; j < d; j++) {
        let lhs = lambda * dual.weights[j * 2 + c]!;
        let rhs = 0;
        for (let i = 0; i < n; i++) {
          const xij = x[i * d + j]! - xm[j]!;
          let fitted = 0;
          for (let k = 0; k < d; k++) fitted += (x[i * d + k]! - xm[k]!) * dual.weights[k * 2 + c]!;
          lhs += xij * fitted;
          rhs += xij * (y[i * 2 + c]! - ym[c]!);
        }
        expect(lhs).toBeCloseTo(rhs, 8);
      }
    }
  });

  it('shrinks toward zero as lambda grows and rejects bad input precisely', () => {
    const { x, y } = planted(50, 4, 3);
    const big = fitRidge(x, y, 50, 4, 2, 1e6);
    expect(Math.abs(big.weights[0]!)).toBeLessThan(0.01);
    expect(() => fitRidge(x, y, 50, 4, 2, 0)).toThrow(/lambda must be a finite number > 0/);
    expect(() => fitRidge(x, y, 49, 4, 2, 1)).toThrow(/x has 200 values, expected n\*d = 196/);
  });
});
