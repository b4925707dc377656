/**
 * Bit access to IEEE doubles, as fdlibm's __HI/__LO macros: the high word signed (int32), the low
 * word unsigned. Typed arrays alias one 8-byte buffer; the word order follows the platform's.
 */
const f64 = new Float64Array(1);
const u32 = new Uint32Array(f64.buffer);
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;
const HI = LITTLE ? 1 : 0;
const LO = LITTLE ? 0 : 1;

/** The sign, exponent and top 20 fraction bits, as a signed 32-bit integer. */
export function highWord(x: number): number {
  f64[0] = x;
  return u32[HI]! | 0;
}

/** The low 32 fraction bits, unsigned. */
export function lowWord(x: number): number {
  f64[0] = x;
  return u32[LO]!;
}

/** The double whose words are hi and lo. */
export function fromWords(hi: number, lo: number): number {
  u32[HI] = hi >>> 0;
  u32[LO] = lo >>> 0;
  return f64[0]!;
}

/** x with its high word replaced. */
export function withHighWord(x: number, hi: number): number {
  f64[0] = x;
  u32[HI] = hi >>> 0;
  return f64[0]!;
}

/** x with its low word cleared (the top 21 significant bits kept: products with it are exact). */
export function withLowWordZero(x: number): number {
  f64[0] = x;
  u32[LO] = 0;
  return f64[0]!;
}

const TWO54 = 1.8014398509481984e16;
const TWOM54 = 5.551115123125783e-17;

/** x * 2^n with one rounding (fdlibm's scalbn), also into and out of the subnormal range. */
export function scalbn(x: number, n: number): number {
  let hx = highWord(x);
  let k = (hx & 0x7ff00000) >> 20;
  if (k === 0) {
    if (((hx & 0x7fffffff) | lowWord(x)) === 0) return x;
    x *= TWO54;
    hx = highWord(x);
    k = ((hx & 0x7ff00000) >> 20) - 54;
    if (n < -50000) return 1e-300 * x;
  }
  if (k === 0x7ff) return x + x;
  if (n > 50000) return 1e300 * (x < 0 ? -1e300 : 1e300);
  k += n;
  if (k > 0x7fe) return 1e300 * (x < 0 ? -1e300 : 1e300);
  if (n < -50000) return 1e-300 * (x < 0 ? -1e-300 : 1e-300);
  if (k > 0) return withHighWord(x, (hx & 0x800fffff) | (k << 20));
  if (k <= -54) return 1e-300 * (x < 0 ? -1e-300 : 1e-300);
  k += 54;
  return withHighWord(x, (hx & 0x800fffff) | (k << 20)) * TWOM54;
}
