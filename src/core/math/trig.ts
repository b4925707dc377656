/**
 * sin and cos: ports of fdlibm 5.3's k_sin.c, k_cos.c, s_sin.c, s_cos.c and the small and medium
 * cases of e_rem_pio2.c (Sun Microsystems, 1993: "Permission to use, copy, modify, and distribute
 * this software is freely granted, provided that this notice is preserved."). Arguments beyond
 * 2^19 pi/2 are reduced exactly with BigInt against 1,400 bits of 2/pi (remPio2Large), where fdlibm
 * has __kernel_rem_pio2. Same bits in every engine; error < 1 ulp.
 */
import { fromWords, highWord } from './words';
import { remPio2Large } from './remPio2Large';

const S1 = -1.66666666666666324348e-1;
const S2 = 8.33333333332248946124e-3;
const S3 = -1.98412698298579493134e-4;
const S4 = 2.75573137070700676789e-6;
const S5 = -2.50507602534068634195e-8;
const S6 = 1.58969099521155010221e-10;

/** sin(x + y) for |x| <= pi/4, y the tail of x (iy = 0: y is 0). */
function kernelSin(x: number, y: number, iy: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000) return x; // |x| < 2^-27
  const z = x * x;
  const v = z * x;
  const r = S2 + z * (S3 + z * (S4 + z * (S5 + z * S6)));
  if (iy === 0) return x + v * (S1 + z * r);
  return x - (z * (0.5 * y - v * r) - y - v * S1);
}

const C1 = 4.16666666666666019037e-2;
const C2 = -1.38888888888741095749e-3;
const C3 = 2.48015872894767294178e-5;
const C4 = -2.75573143513906633035e-7;
const C5 = 2.08757232129817482790e-9;
const C6 = -1.13596475577881948265e-11;

/** cos(x + y) for |x| <= pi/4. */
function kernelCos(x: number, y: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix < 0x3e400000) return 1; // |x| < 2^-27
  const z = x * x;
  const r = z * (C1 + z * (C2 + z * (C3 + z * (C4 + z * (C5 + z * C6)))));
  if (ix < 0x3fd33333) return 1 - (0.5 * z - (z * r - x * y)); // |x| < 0.3
  // qx = x/4 with its low word cleared, or 0.28125 for |x| > 0.78125
  const qx = ix > 0x3fe90000 ? 0.28125 : fromWords(ix - 0x00200000, 0);
  const hz = 0.5 * z - qx;
  const a = 1 - qx;
  return a - (hz - (z * r - x * y));
}

const INVPIO2 = 6.36619772367581382433e-1;
const PIO2_1 = 1.57079632673412561417;
const PIO2_1T = 6.07710050650619224932e-11;
const PIO2_2 = 6.07710050630396597660e-11;
const PIO2_2T = 2.02226624879595063154e-21;
const PIO2_3 = 2.02226624871116645580e-21;
const PIO2_3T = 8.47842766036889956997e-32;

/** Scratch for remPio2: x - n pi/2 as y0 + y1. */
const reduced = [0, 0];

/** n (mod 4 is what counts) with x - n pi/2 in reduced, for pi/4 < |x| < Infinity. */
function remPio2(x: number): number {
  const hx = highWord(x);
  const ix = hx & 0x7fffffff;
  if (ix < 0x4002d97c) {
    // |x| < 3pi/4: n = +-1
    const sign = hx > 0 ? 1 : -1;
    let z = x - sign * PIO2_1;
    if (ix !== 0x3ff921fb) {
      reduced[0] = z - sign * PIO2_1T;
      reduced[1] = z - reduced[0] - sign * PIO2_1T;
    } else {
      // near pi/2: 33 + 33 + 53 bits of pi
      z -= sign * PIO2_2;
      reduced[0] = z - sign * PIO2_2T;
      reduced[1] = z - reduced[0] - sign * PIO2_2T;
    }
    return sign;
  }
  if (ix <= 0x413921fb) {
    // |x| <= 2^19 pi/2
    const t0 = Math.abs(x);
    const n = (t0 * INVPIO2 + 0.5) | 0;
    let r = t0 - n * PIO2_1;
    let w = n * PIO2_1T; // good to 85 bits
    const j = ix >> 20;
    let y0 = r - w;
    if (j - ((highWord(y0) >> 20) & 0x7ff) > 16) {
      // cancellation: second round, good to 118 bits
      let t = r;
      w = n * PIO2_2;
      r = t - w;
      w = n * PIO2_2T - (t - r - w);
      y0 = r - w;
      if (j - ((highWord(y0) >> 20) & 0x7ff) > 49) {
        // third round, 151 bits
        t = r;
        w = n * PIO2_3;
        r = t - w;
        w = n * PIO2_3T - (t - r - w);
        y0 = r - w;
      }
    }
    const y1 = r - y0 - w;
    reduced[0] = hx < 0 ? -y0 : y0;
    reduced[1] = hx < 0 ? -y1 : y1;
    return hx < 0 ? -n : n;
  }
  return remPio2Large(x, reduced);
}

/** sin(x); sin(+-Infinity) and sin(NaN) are NaN, sin(-0) = -0. */
export function sin(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelSin(x, 0, 0);
  if (ix >= 0x7ff00000) return NaN;
  const n = remPio2(x) & 3;
  const [y0, y1] = reduced as [number, number];
  if (n === 0) return kernelSin(y0, y1, 1);
  if (n === 1) return kernelCos(y0, y1);
  if (n === 2) return -kernelSin(y0, y1, 1);
  return -kernelCos(y0, y1);
}

/** cos(x); cos(+-Infinity) and cos(NaN) are NaN. */
export function cos(x: number): number {
  const ix = highWord(x) & 0x7fffffff;
  if (ix <= 0x3fe921fb) return kernelCos(x, 0);
  if (ix >= 0x7ff00000) return NaN;
  const n = remPio2(x) & 3;
  const [y0, y1] = reduced as [number, number];
  if (n === 0) return kernelCos(y0, y1);
  if (n === 1) return -kernelSin(y0, y1, 1);
  if (n === 2) return -kernelCos(y0, y1);
  return kernelSin(y0, y1, 1);
}
