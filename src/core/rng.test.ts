import { describe, it, expect } from 'vitest';
import { createRng, shuffleInPlace } from './rng';

describe('createRng', () => {
  it('is deterministic for a seed and differs across seeds', () => {
    const a = createRng(42);
    const b = createRng(42);
    const c = createRng(43);
    const sa = Array.from({ length: 20 }, () => a.next());
    const sb = Array.from({ length: 20 }, () => b.next());
    const sc = Array.from({ length: 20 }, () => c.next());
    expect(sa).toEqual(sb);
    expect(sa).not.toEqual(sc);
  });

  it('matches the published mulberry32 reference stream', () => {
    // Reference: the widely copied mulberry32 (bryc/code, jshash/PRNGs.md), seed 0:
    // first output 0x6d2b79f5 mixed -> 1144304738 / 2^32 = 0.26642920868471265.
    const rng = createRng(0);
    expect(rng.next() * 4294967296).toBe(1144304738);
  });

  it('next() is roughly uniform on [0, 1)', () => {
    const rng = createRng(7);
    const n = 100_000;
    const bins = new Array<number>(10).fill(0);
    let sum = 0;
    let outside = 0;
    for (let i = 0; i < n; i++) {
      const u = rng.next();
      if (!(u >= 0 && u < 1)) outside++;
      sum += u;
      bins[Math.floor(u * 10)]!++;
    }
    // Mean of U(0,1) is 1/2 with std 1/sqrt(12 n) ~ 0.0009; each bin expects n/10 = 10000, std ~95.
    expect(outside).toBe(0);
    expect(Math.abs(sum / n - 0.5)).toBeLessThan(0.005);
    for (const count of bins) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });

  it('normal() has mean ~0, variance ~1, skew ~0, kurtosis ~3', () => {
    const rng = createRng(123);
    const n = 200_000;
    let m1 = 0;
    let m2 = 0;
    let m3 = 0;
    let m4 = 0;
    for (let i = 0; i < n; i++) {
      const z = rng.normal();
      m1 += z;
      m2 += z * z;
      m3 += z * z * z;
      m4 += z * z * z * z;
    }
    // Standard errors at n = 2e5: mean 0.0022, var 0.0032, skew 0.0055, kurt 0.011.
    expect(Math.abs(m1 / n)).toBeLessThan(0.015);
    expect(Math.abs(m2 / n - 1)).toBeLessThan(0.02);
    expect(Math.abs(m3 / n)).toBeLessThan(0.04);
    expect(Math.abs(m4 / n - 3)).toBeLessThan(0.08);
  });

  it('int(n) covers 0..n-1 and rejects bad n', () => {
    const rng = createRng(1);
    const seen = new Set<number>();
    for (let i = 0; i < 1000; i++) seen.add(rng.int(6));
    expect([...seen].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(() => rng.int(0)).toThrow(/integer >= 1, got 0/);
    expect(() => rng.int(2.5)).toThrow(/rng.int/);
  });
});

describe('shuffleInPlace', () => {
  it('permutes arrays and Int32Arrays deterministically', () => {
    const a = Array.from({ length: 50 }, (_, i) => i);
    const b = Int32Array.from(a);
    shuffleInPlace(a, createRng(5));
    shuffleInPlace(b, createRng(5));
    expect(Array.from(b)).toEqual(a);
    expect([...a].sort((x, y) => x - y)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(a).not.toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  it('gives each of the 6 permutations of 3 items about equally often', () => {
    const rng = createRng(99);
    const counts = new Map<string, number>();
    const trials = 60_000;
    for (let i = 0; i < trials; i++) {
      const items = ['a', 'b', 'c'];
      shuffleInPlace(items, rng);
      const key = items.join('');
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
    expect(counts.size).toBe(6);
    // Expected 10000 each, binomial std ~91.
    for (const count of counts.values()) expect(Math.abs(count - 10_000)).toBeLessThan(500);
  });
});
