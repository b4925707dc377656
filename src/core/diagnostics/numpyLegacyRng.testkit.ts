/**
 * numpy's legacy global generator (`np.random.seed(n)`: MT19937 seeded by init_genrand, normals
 * by the polar method with one cached value), so published numpy/scipy examples can be replayed
 * here without copying their random samples into a fixture.
 */
const N = 624;
const M = 397;

export function numpyLegacyRng(seed: number) {
  const key = new Uint32Array(N);
  key[0] = seed >>> 0;
  for (let i = 1; i < N; i++) {
    const prev = key[i - 1]!;
    key[i] = (Math.imul(1812433253, prev ^ (prev >>> 30)) + i) >>> 0;
  }
  let pos = N;
  let cached: number | null = null;

  const next32 = (): number => {
    if (pos >= N) {
      for (let i = 0; i < N; i++) {
        const y = (key[i]! & 0x80000000) | (key[(i + 1) % N]! & 0x7fffffff);
        key[i] = key[(i + M) % N]! ^ (y >>> 1) ^ (y & 1 ? 0x9908b0df : 0);
      }
      pos = 0;
    }
    let y = key[pos++]!;
    y ^= y >>> 11;
    y ^= (y << 7) & 0x9d2c5680;
    y ^= (y << 15) & 0xefc60000;
    y ^= y >>> 18;
    return y >>> 0;
  };
  const nextDouble = (): number => {
    const a = next32() >>> 5;
    const b = next32() >>> 6;
    return (a * 67108864 + b) / 9007199254740992;
  };
  const gauss = (): number => {
    if (cached !== null) {
      const g = cached;
      cached = null;
      return g;
    }
    let x1: number;
    let x2: number;
    let r2: number;
    do {
      x1 = 2 * nextDouble() - 1;
      x2 = 2 * nextDouble() - 1;
      r2 = x1 * x1 + x2 * x2;
    } while (r2 >= 1 || r2 === 0);
    const f = Math.sqrt((-2 * Math.log(r2)) / r2);
    cached = f * x1;
    return f * x2;
  };
  return {
    /** scipy.stats.norm.rvs(size, loc, scale) on this generator. */
    normal: (size: number, loc: number, scale: number): number[] => Array.from({ length: size }, () => loc + scale * gauss()),
  };
}
