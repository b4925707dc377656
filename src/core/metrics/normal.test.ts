import { describe, it, expect } from 'vitest';
import { normalCdf, normalInv, normalPdf } from './normal';
import { logGamma, regularizedBeta, studentTCdf, studentTTwoSided } from './studentT';

const rel = (actual: number, expected: number): number => Math.abs(actual - expected) / Math.abs(expected);

describe('normal distribution (reference values from scipy.stats.norm)', () => {
  it('cdf', () => {
    expect(normalCdf(0)).toBe(0.5);
    expect(rel(normalCdf(1.96), 0.9750021048517795)).toBeLessThan(1e-14);
    expect(rel(normalCdf(-1), 0.15865525393145705)).toBeLessThan(1e-14);
    expect(rel(normalCdf(-2.9), 0.0018658133003840384)).toBeLessThan(1e-13); // series side of the switch
    expect(rel(normalCdf(-3.5), 0.00023262907903552504)).toBeLessThan(1e-14); // continued fraction side
    expect(rel(normalCdf(-8), 6.220960574271784e-16)).toBeLessThan(1e-14);
    expect(normalCdf(Infinity)).toBe(1);
  });
  it('inverse cdf', () => {
    expect(rel(normalInv(0.05), -1.6448536269514729)).toBeLessThan(1e-14);
    expect(rel(normalInv(0.975), 1.959963984540054)).toBeLessThan(1e-14);
    expect(rel(normalInv(1e-10), -6.361340902404056)).toBeLessThan(1e-14);
    expect(rel(normalInv(0.999999), 4.753424308817087)).toBeLessThan(1e-14);
    expect(normalInv(0.5)).toBe(0);
    expect(normalInv(0)).toBe(-Infinity);
    expect(() => normalInv(1.5)).toThrow('normalInv: p must be in [0, 1], got 1.5');
  });
  it('pdf and round trip', () => {
    expect(normalPdf(0)).toBeCloseTo(1 / Math.sqrt(2 * Math.PI), 15);
    for (const p of [0.001, 0.2, 0.5, 0.8, 0.999]) expect(rel(normalCdf(normalInv(p)), p)).toBeLessThan(1e-14);
  });
});

describe('Student t via the regularized incomplete beta (reference values from scipy.stats.t)', () => {
  it('two-sided p-values', () => {
    expect(rel(studentTTwoSided(2, 10), 0.07338803477074037)).toBeLessThan(1e-13); // the textbook 0.07339
    expect(rel(studentTTwoSided(0.5, 3), 0.651447964848151)).toBeLessThan(1e-13);
    expect(rel(studentTTwoSided(10, 30), 4.575251408229618e-11)).toBeLessThan(1e-12);
    // A million df is the normal: 0.05 at 1.96. The log-gamma differences of ~6e6 cost digits.
    expect(rel(studentTTwoSided(1.96, 1e6), 0.04999606758526985)).toBeLessThan(1e-8);
    expect(studentTTwoSided(Infinity, 5)).toBe(0);
  });
  it('cdf and special functions', () => {
    expect(studentTCdf(1, 1)).toBeCloseTo(0.75, 14); // Cauchy: 1/2 + atan(1)/pi
    expect(rel(studentTCdf(-2.3237900077244502, 3), 0.10272807885839899 / 2)).toBeLessThan(1e-13);
    expect(rel(regularizedBeta(0.3, 2.5, 4), 0.3521975859067672)).toBeLessThan(1e-13);
    expect(rel(logGamma(0.3), 1.0957979948180756)).toBeLessThan(1e-14);
    expect(logGamma(5)).toBeCloseTo(Math.log(24), 13);
    expect(() => studentTCdf(1, 0)).toThrow('studentTCdf: degrees of freedom must be > 0, got 0');
  });
});
