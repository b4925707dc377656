/**
 * Exact argument reduction for sin/cos beyond 2^19 pi/2: x - n pi/2 from x * (2/pi) in BigInt
 * arithmetic (exact, so the same in every engine) against 1,200 bits of 2/pi, computed once by
 * Machin's formula. Enough bits for every finite double: the product's error is below 2^-370,
 * and the closest a double comes to a multiple of pi/2 is about 2^-61.
 */
import { fromWords, highWord, lowWord } from './words';

const BITS = 1200;
const GUARD = 64;

/** atan(1/m) * 2^bits, truncated term by term. */
function atanInverse(m: bigint, bits: bigint): bigint {
  let power = (1n << bits) / m;
  let sum = power;
  const m2 = m * m;
  for (let k = 1n; power !== 0n; k++) {
    power /= m2;
    const term = power / (2n * k + 1n);
    sum += k % 2n === 1n ? -term : term;
  }
  return sum;
}

let cached: { twoOverPi: bigint; halfPi: bigint } | null = null;

function constants() {
  if (cached) return cached;
  const width = BigInt(BITS + GUARD);
  const pi = 4n * (4n * atanInverse(5n, width) - atanInverse(239n, width)); // pi * 2^width
  cached = {
    twoOverPi: (1n << (BigInt(BITS) + 1n + width)) / pi, // 2/pi * 2^BITS
    halfPi: pi >> (width - 127n), // pi/2 * 2^128
  };
  return cached;
}

const TWO_M256 = fromWords(0x2ff00000, 0);

/** n with x - n pi/2 = out[0] + out[1] (|out[0]| <= pi/4), for finite |x| >= 2^19 pi/2. */
export function remPio2Large(x: number, out: number[]): number {
  const { twoOverPi, halfPi } = constants();
  const hx = highWord(x) & 0x7fffffff;
  const exponent = (hx >>> 20) - 1075; // |x| = mantissa * 2^exponent
  const mantissa = (BigInt((hx & 0xfffff) | 0x100000) << 32n) | BigInt(lowWord(x));
  const product = mantissa * twoOverPi; // |x| 2/pi * 2^(BITS - exponent)
  const shift = BigInt(BITS - exponent);
  let n = Number((product >> shift) & 7n);
  const fraction = product & ((1n << shift) - 1n);
  let f = shift > 128n ? fraction >> (shift - 128n) : fraction << (128n - shift); // * 2^-128
  if (f >= 1n << 127n) {
    f -= 1n << 128n;
    n += 1;
  }
  const y = f * halfPi; // * 2^-256
  const hi = Number(y);
  const lo = Number(y - BigInt(hi));
  const sign = highWord(x) < 0 ? -1 : 1;
  out[0] = sign * hi * TWO_M256;
  out[1] = sign * lo * TWO_M256;
  return sign * n;
}
