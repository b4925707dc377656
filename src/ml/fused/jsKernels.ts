/**
 * Plain typed-array kernels of the JS fused engine, the same contracts as asm/kernels.ts with
 * offsets in floats into one Float32Array. V8 does not vectorise these loops; register blocking
 * (2 rows share each weight load, 4 columns accumulate in locals) is what pays.
 */
import { exp } from '../../core/math';

/**
 * C[m, n] (+)= sum_k A(m, k) B[k, n]; A(m, k) = m[a + m sam + k sak], B rows ldb apart, C rows
 * ldc apart (offsets in floats into `h`).
 */
export function gemm(
  h: Float32Array,
  a: number,
  sam: number,
  sak: number,
  b: number,
  ldb: number,
  c: number,
  ldc: number,
  M: number,
  N: number,
  K: number,
  acc: boolean,
): void {
  // 2 rows x 4 columns of C in 8 locals (registers) across the k loop, as the SIMD kernel does.
  for (let m = 0; m < M; m += 2) {
    const two = m + 1 < M;
    const a0 = a + m * sam;
    const a1 = two ? a0 + sam : a0;
    const c0 = c + m * ldc;
    const c1 = c0 + ldc;
    let n = 0;
    for (; n + 4 <= N; n += 4) {
      let x0 = acc ? h[c0 + n]! : 0;
      let x1 = acc ? h[c0 + n + 1]! : 0;
      let x2 = acc ? h[c0 + n + 2]! : 0;
      let x3 = acc ? h[c0 + n + 3]! : 0;
      let y0 = acc && two ? h[c1 + n]! : 0;
      let y1 = acc && two ? h[c1 + n + 1]! : 0;
      let y2 = acc && two ? h[c1 + n + 2]! : 0;
      let y3 = acc && two ? h[c1 + n + 3]! : 0;
      for (let k = 0, pa0 = a0, pa1 = a1, pb = b + n; k < K; k++, pa0 += sak, pa1 += sak, pb += ldb) {
        const s0 = h[pa0]!;
        const s1 = h[pa1]!;
        const b0 = h[pb]!;
        const b1 = h[pb + 1]!;
        const b2 = h[pb + 2]!;
        const b3 = h[pb + 3]!;
        x0 += s0 * b0;
        x1 += s0 * b1;
        x2 += s0 * b2;
        x3 += s0 * b3;
        y0 += s1 * b0;
        y1 += s1 * b1;
        y2 += s1 * b2;
        y3 += s1 * b3;
      }
      h[c0 + n] = x0;
      h[c0 + n + 1] = x1;
      h[c0 + n + 2] = x2;
      h[c0 + n + 3] = x3;
      if (two) {
        h[c1 + n] = y0;
        h[c1 + n + 1] = y1;
        h[c1 + n + 2] = y2;
        h[c1 + n + 3] = y3;
      }
    }
    for (; n < N; n++) {
      let x = acc ? h[c0 + n]! : 0;
      let y = acc && two ? h[c1 + n]! : 0;
      for (let k = 0, pa0 = a0, pa1 = a1, pb = b + n; k < K; k++, pa0 += sak, pa1 += sak, pb += ldb) {
        x += h[pa0]! * h[pb]!;
        y += h[pa1]! * h[pb]!;
      }
      h[c0 + n] = x;
      if (two) h[c1 + n] = y;
    }
  }
}

export function transpose(h: Float32Array, src: number, dst: number, rows: number, cols: number): void {
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) h[dst + c * rows + r] = h[src + r * cols + c]!;
}

export function colSum(h: Float32Array, src: number, ld: number, rows: number, N: number, out: number): void {
  h.fill(0, out, out + N);
  for (let r = 0; r < rows; r++) {
    const row = src + r * ld;
    for (let n = 0; n < N; n++) h[out + n]! += h[row + n]!;
  }
}

export function broadcastRows(h: Float32Array, vec: number, dst: number, ld: number, rows: number, N: number): void {
  for (let r = 0; r < rows; r++) h.copyWithin(dst + r * ld, vec, vec + N);
}

export const sigmoid = (x: number): number => 1 / (1 + exp(-x));
export const hardSigmoid = (x: number): number => Math.min(1, Math.max(0, 0.2 * x + 0.5));
/** About twice as fast as Math.tanh in V8 (FUSED-RNN.md); saturates cleanly at +-1. */
export const tanh = (x: number): number => 1 - 2 / (1 + exp(2 * x));
export const sigmoidGrad = (y: number): number => y * (1 - y);
export const hardSigmoidGrad = (y: number): number => (y > 0 && y < 1 ? 0.2 : 0);
