/**
 * e^x: a port of fdlibm 5.3's e_exp.c (Sun Microsystems, 1993: "Permission to use, copy, modify,
 * and distribute this software is freely granted, provided that this notice is preserved."), with
 * FreeBSD's scaling by 2^k (no exponent overflow at k = 1024). Error < 1 ulp, same bits everywhere.
 */
import { fromWords, highWord, lowWord } from './words';

const O_THRESHOLD = 7.09782712893383973096e2; // 0x40862E42 FEFA39EF
const U_THRESHOLD = -7.45133219101941108420e2; // 0xc0874910 D52D3051
const LN2_HI = 6.93147180369123816490e-1;
const LN2_LO = 1.90821492927058770002e-10;
const INVLN2 = 1.44269504088896338700;
const TWOM1000 = 9.33263618503218878990e-302;
export const P1 = 1.66666666666666019037e-1;
export const P2 = -2.77777777770155933842e-3;
export const P3 = 6.61375632143793436117e-5;
export const P4 = -1.65339022054652515390e-6;
export const P5 = 4.13813679705723846039e-8;

/** e^x; exp(Infinity) = Infinity, exp(-Infinity) = 0, overflow to Infinity, underflow to 0. */
export function exp(x: number): number {
  const word = highWord(x);
  const xsb = word >>> 31;
  const hx = word & 0x7fffffff;
  if (hx >= 0x40862e42) {
    // |x| >= 709.78...
    if (hx >= 0x7ff00000) {
      if (((hx & 0xfffff) | lowWord(x)) !== 0) return x + x; // NaN
      return xsb === 0 ? x : 0;
    }
    if (x > O_THRESHOLD) return Infinity;
    if (x < U_THRESHOLD) return 0;
  }
  if (x === 1) return Math.E; // correctly rounded, as V8 and most libms special-case it (fdlibm: 1 ulp above)
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (hx > 0x3fd62e42) {
    // |x| > 0.5 ln2
    if (hx < 0x3ff0a2b2) {
      // and |x| < 1.5 ln2
      hi = xsb === 0 ? x - LN2_HI : x + LN2_HI;
      lo = xsb === 0 ? LN2_LO : -LN2_LO;
      k = 1 - xsb - xsb;
    } else {
      k = (INVLN2 * x + (xsb === 0 ? 0.5 : -0.5)) | 0;
      hi = x - k * LN2_HI; // exact here
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (hx < 0x3e300000) {
    // |x| < 2^-28
    return 1 + x;
  }
  const t = x * x;
  const c = x - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  const y = 1 - (lo - (x * c) / (2 - c) - hi);
  if (k >= -1021) {
    if (k === 1024) return y * 2 * fromWords(0x7fe00000, 0);
    return y * fromWords((0x3ff + k) << 20, 0);
  }
  return y * fromWords((0x3ff + k + 1000) << 20, 0) * TWOM1000;
}
