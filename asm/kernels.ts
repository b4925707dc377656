// AssemblyScript (compiled by scripts/build-wasm.mjs, not by the project's tsc): the matrix
// kernels of the fused recurrent engine, f32x4 SIMD. Pointers are byte addresses in linear memory,
// sizes are element counts. No decorators, so eslint's TypeScript parser can still read the file.

/**
 * C[m, n] (+)= sum_k A(m, k) * B[k, n] for m < M, n < N, k < K.
 * A(m, k) lives at a + 4 (m sam + k sak): the strides let one kernel read A or A transposed.
 * B rows are ldb floats apart, C rows ldc floats apart; acc = false overwrites C.
 * Two rows of C share every load of B; 16 columns (4 f32x4) per tile keep 8 accumulators in
 * registers. Column tails run in f32x4 then scalar, so every shape is covered.
 */
export function gemm(a: usize, sam: i32, sak: i32, b: usize, ldb: i32, c: usize, ldc: i32, M: i32, N: i32, K: i32, acc: bool): void {
  const zero = f32x4.splat(0);
  const sakB = <usize>sak << 2;
  const ldbB = <usize>ldb << 2;
  let m = 0;
  for (; m + 1 < M; m += 2) {
    const a0 = a + (<usize>(m * sam) << 2);
    const a1 = a0 + (<usize>sam << 2);
    const c0 = c + (<usize>(m * ldc) << 2);
    const c1 = c0 + (<usize>ldc << 2);
    let n = 0;
    for (; n + 16 <= N; n += 16) {
      const o = <usize>n << 2;
      let x0 = acc ? v128.load(c0 + o) : zero;
      let x1 = acc ? v128.load(c0 + o, 16) : zero;
      let x2 = acc ? v128.load(c0 + o, 32) : zero;
      let x3 = acc ? v128.load(c0 + o, 48) : zero;
      let y0 = acc ? v128.load(c1 + o) : zero;
      let y1 = acc ? v128.load(c1 + o, 16) : zero;
      let y2 = acc ? v128.load(c1 + o, 32) : zero;
      let y3 = acc ? v128.load(c1 + o, 48) : zero;
      let pa0 = a0;
      let pa1 = a1;
      let pb = b + o;
      for (let k = 0; k < K; k++) {
        const s0 = f32x4.splat(load<f32>(pa0));
        const s1 = f32x4.splat(load<f32>(pa1));
        const b0 = v128.load(pb);
        const b1 = v128.load(pb, 16);
        const b2 = v128.load(pb, 32);
        const b3 = v128.load(pb, 48);
        x0 = f32x4.add(x0, f32x4.mul(s0, b0));
        x1 = f32x4.add(x1, f32x4.mul(s0, b1));
        x2 = f32x4.add(x2, f32x4.mul(s0, b2));
        x3 = f32x4.add(x3, f32x4.mul(s0, b3));
        y0 = f32x4.add(y0, f32x4.mul(s1, b0));
        y1 = f32x4.add(y1, f32x4.mul(s1, b1));
        y2 = f32x4.add(y2, f32x4.mul(s1, b2));
        y3 = f32x4.add(y3, f32x4.mul(s1, b3));
        pa0 += sakB;
        pa1 += sakB;
        pb += ldbB;
      }
      v128.store(c0 + o, x0);
      v128.store(c0 + o, x1, 16);
      v128.store(c0 + o, x2, 32);
      v128.store(c0 + o, x3, 48);
      v128.store(c1 + o, y0);
      v128.store(c1 + o, y1, 16);
      v128.store(c1 + o, y2, 32);
      v128.store(c1 + o, y3, 48);
    }
    for (; n + 4 <= N; n += 4) {
      const o = <usize>n << 2;
      let x0 = acc ? v128.load(c0 + o) : zero;
      let y0 = acc ? v128.load(c1 + o) : zero;
      let pa0 = a0;
      let pa1 = a1;
      let pb = b + o;
      for (let k = 0; k < K; k++) {
        const b0 = v128.load(pb);
        x0 = f32x4.add(x0, f32x4.mul(f32x4.splat(load<f32>(pa0)), b0));
        y0 = f32x4.add(y0, f32x4.mul(f32x4.splat(load<f32>(pa1)), b0));
        pa0 += sakB;
        pa1 += sakB;
        pb += ldbB;
      }
      v128.store(c0 + o, x0);
      v128.store(c1 + o, y0);
    }
    for (; n < N; n++) {
      const o = <usize>n << 2;
      let x: f32 = acc ? load<f32>(c0 + o) : 0;
      let y: f32 = acc ? load<f32>(c1 + o) : 0;
      let pa0 = a0;
      let pa1 = a1;
      let pb = b + o;
      for (let k = 0; k < K; k++) {
        const bv = load<f32>(pb);
        x += load<f32>(pa0) * bv;
        y += load<f32>(pa1) * bv;
        pa0 += sakB;
        pa1 += sakB;
        pb += ldbB;
      }
      store<f32>(c0 + o, x);
      store<f32>(c1 + o, y);
    }
  }
  if (m < M) gemmRow(a + (<usize>(m * sam) << 2), sakB, b, ldbB, c + (<usize>(m * ldc) << 2), N, K, acc);
}

/** One row of gemm (the odd row left over when M is odd). */
function gemmRow(a0: usize, sakB: usize, b: usize, ldbB: usize, c0: usize, N: i32, K: i32, acc: bool): void {
  const zero = f32x4.splat(0);
  let n = 0;
  for (; n + 16 <= N; n += 16) {
    const o = <usize>n << 2;
    let x0 = acc ? v128.load(c0 + o) : zero;
    let x1 = acc ? v128.load(c0 + o, 16) : zero;
    let x2 = acc ? v128.load(c0 + o, 32) : zero;
    let x3 = acc ? v128.load(c0 + o, 48) : zero;
    let pa = a0;
    let pb = b + o;
    for (let k = 0; k < K; k++) {
      const s = f32x4.splat(load<f32>(pa));
      x0 = f32x4.add(x0, f32x4.mul(s, v128.load(pb)));
      x1 = f32x4.add(x1, f32x4.mul(s, v128.load(pb, 16)));
      x2 = f32x4.add(x2, f32x4.mul(s, v128.load(pb, 32)));
      x3 = f32x4.add(x3, f32x4.mul(s, v128.load(pb, 48)));
      pa += sakB;
      pb += ldbB;
    }
    v128.store(c0 + o, x0);
    v128.store(c0 + o, x1, 16);
    v128.store(c0 + o, x2, 32);
    v128.store(c0 + o, x3, 48);
  }
  for (; n + 4 <= N; n += 4) {
    const o = <usize>n << 2;
    let x0 = acc ? v128.load(c0 + o) : zero;
    let pa = a0;
    let pb = b + o;
    for (let k = 0; k < K; k++) {
      x0 = f32x4.add(x0, f32x4.mul(f32x4.splat(load<f32>(pa)), v128.load(pb)));
      pa += sakB;
      pb += ldbB;
    }
    v128.store(c0 + o, x0);
  }
  for (; n < N; n++) {
    const o = <usize>n << 2;
    let x: f32 = acc ? load<f32>(c0 + o) : 0;
    let pa = a0;
    let pb = b + o;
    for (let k = 0; k < K; k++) {
      x += load<f32>(pa) * load<f32>(pb);
      pa += sakB;
      pb += ldbB;
    }
    store<f32>(c0 + o, x);
  }
}

/** dst[c, r] = src[r, c] for a rows x cols matrix. */
export function transpose(src: usize, dst: usize, rows: i32, cols: i32): void {
  for (let r = 0; r < rows; r++) {
    for (let c = 0; c < cols; c++) {
      store<f32>(dst + (<usize>(c * rows + r) << 2), load<f32>(src + (<usize>(r * cols + c) << 2)));
    }
  }
}

/** out[n] = sum over rows r of src[r, n] (rows ld floats apart). */
export function colSum(src: usize, ld: i32, rows: i32, N: i32, out: usize): void {
  fill(out, N, 0);
  const ldB = <usize>ld << 2;
  for (let r = 0; r < rows; r++) {
    const row = src + <usize>r * ldB;
    let n = 0;
    for (; n + 4 <= N; n += 4) {
      const o = <usize>n << 2;
      v128.store(out + o, f32x4.add(v128.load(out + o), v128.load(row + o)));
    }
    for (; n < N; n++) {
      const o = <usize>n << 2;
      store<f32>(out + o, load<f32>(out + o) + load<f32>(row + o));
    }
  }
}

/** Copies vec (N floats) into each of `rows` rows, ld floats apart. */
export function broadcastRows(vec: usize, dst: usize, ld: i32, rows: i32, N: i32): void {
  const ldB = <usize>ld << 2;
  for (let r = 0; r < rows; r++) memory.copy(dst + <usize>r * ldB, vec, <usize>N << 2);
}

/** dst[i] = a[i] * b[i] for i < n (dst may be a). */
export function mulInto(a: usize, b: usize, dst: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const o = <usize>i << 2;
    v128.store(dst + o, f32x4.mul(v128.load(a + o), v128.load(b + o)));
  }
  for (; i < n; i++) {
    const o = <usize>i << 2;
    store<f32>(dst + o, load<f32>(a + o) * load<f32>(b + o));
  }
}

export function fill(dst: usize, n: i32, value: f32): void {
  for (let i = 0; i < n; i++) store<f32>(dst + (<usize>i << 2), value);
}

export function sigmoid(x: f32): f32 {
  return <f32>1 / (<f32>1 + Mathf.exp(-x));
}

/** tfjs hardSigmoid: clip(0.2 x + 0.5, 0, 1). */
export function hardSigmoid(x: f32): f32 {
  return min<f32>(<f32>1, max<f32>(<f32>0, <f32>0.2 * x + <f32>0.5));
}

/** The gate activation, sigmoid (hard = false) or hardSigmoid. */
export function gate(x: f32, hard: bool): f32 {
  return hard ? hardSigmoid(x) : sigmoid(x);
}

/** Derivative of the gate activation from its output y. */
export function gateGrad(y: f32, hard: bool): f32 {
  if (hard) return y > 0 && y < 1 ? <f32>0.2 : <f32>0;
  return y * (<f32>1 - y);
}

/** tanh(x) = 1 - 2 / (1 + exp(2x)): one exp, saturates cleanly at +-1. */
export function tanh(x: f32): f32 {
  return <f32>1 - <f32>2 / (<f32>1 + Mathf.exp(<f32>2 * x));
}
