/**
 * Ridge regression in closed form, pure and deterministic (Float64 throughout):
 *   w = (X'X + lambda I)^-1 X'y on centred columns, intercept = mean(y) - mean(X) w (unpenalised).
 * When there are more columns than rows the dual form w = X'(XX' + lambda I)^-1 y gives the same
 * answer with an n x n system instead of d x d. Both are solved by Cholesky (the matrix is
 * symmetric positive definite for lambda > 0).
 */

export interface RidgeFit {
  /** Input columns. */
  d: number;
  /** Output columns. */
  m: number;
  lambda: number;
  /** [d, m], row-major. */
  weights: Float64Array;
  /** [m]. */
  intercept: Float64Array;
}

/**
 * In-place Cholesky: on return the lower triangle of `a` ([n, n], row-major) holds L with
 * L L' = a; the strict upper triangle is zeroed.
 */
export function choleskyInPlace(a: Float64Array, n: number): void {
  for (let j = 0; j < n; j++) {
    let diag = a[j * n + j]!;
    for (let k = 0; k < j; k++) diag -= a[j * n + k]! ** 2;
    if (!(diag > 0)) {
      throw new Error(`cholesky: the matrix is not positive definite at pivot ${j} (${diag}); raise the ridge lambda`);
    }
    const ljj = Math.sqrt(diag);
    a[j * n + j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let s = a[i * n + j]!;
      for (let k = 0; k < j; k++) s -= a[i * n + k]! * a[j * n + k]!;
      a[i * n + j] = s / ljj;
    }
    for (let k = j + 1; k < n; k++) a[j * n + k] = 0;
  }
}

/** Solves L L' X = B in place for B [n, m] (row-major), L from choleskyInPlace. */
export function choleskySolveInPlace(l: Float64Array, n: number, b: Float64Array, m: number): void {
  for (let c = 0; c < m; c++) {
    // forward: L z = b
    for (let i = 0; i < n; i++) {
      let s = b[i * m + c]!;
      for (let k = 0; k < i; k++) s -= l[i * n + k]! * b[k * m + c]!;
      b[i * m + c] = s / l[i * n + i]!;
    }
    // backward: L' x = z
    for (let i = n - 1; i >= 0; i--) {
      let s = b[i * m + c]!;
      for (let k = i + 1; k < n; k++) s -= l[k * n + i]! * b[k * m + c]!;
      b[i * m + c] = s / l[i * n + i]!;
    }
  }
}

/** Fits ridge on x [n, d] and y [n, m] (row-major, any numeric array). */
export function fitRidge(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  n: number,
  d: number,
  m: number,
  lambda: number,
): RidgeFit {
  if (!Number.isInteger(n) || n < 1) throw new Error(`fitRidge: n must be an integer >= 1, got ${n}`);
  if (!Number.isInteger(d) || d < 1 || !Number.isInteger(m) || m < 1) throw new Error(`fitRidge: d and m must be integers >= 1, got ${d} and ${m}`);
  if (x.length !== n * d) throw new Error(`fitRidge: x has ${x.length} values, expected n*d = ${n * d}`);
  if (y.length !== n * m) throw new Error(`fitRidge: y has ${y.length} values, expected n*m = ${n * m}`);
  if (!(lambda > 0) || !Number.isFinite(lambda)) throw new Error(`fitRidge: lambda must be a finite number > 0, got ${lambda}`);

  const xMean = new Float64Array(d);
  const yMean = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) xMean[j]! += x[i * d + j]!;
    for (let c = 0; c < m; c++) yMean[c]! += y[i * m + c]!;
  }
  for (let j = 0; j < d; j++) xMean[j]! /= n;
  for (let c = 0; c < m; c++) yMean[c]! /= n;
  const xc = new Float64Array(n * d);
  for (let i = 0; i < n; i++) for (let j = 0; j < d; j++) xc[i * d + j] = x[i * d + j]! - xMean[j]!;
  const yc = new Float64Array(n * m);
  for (let i = 0; i < n; i++) for (let c = 0; c < m; c++) yc[i * m + c] = y[i * m + c]! - yMean[c]!;

  const weights = d <= n ? primal(xc, yc, n, d, m, lambda) : dual(xc, yc, n, d, m, lambda);
  const intercept = new Float64Array(m);
  for (let c = 0; c < m; c++) {
    let s = yMean[c]!;
    for (let j = 0; j < d; j++) s -= xMean[j]! * weights[j * m + c]!;
    intercept[c] = s;
  }
  return { d, m, lambda, weights, intercept };
}

function primal(xc: Float64Array, yc: Float64Array, n: number, d: number, m: number, lambda: number): Float64Array {
  const a = new Float64Array(d * d);
  for (let i = 0; i < n; i++) {
    const row = i * d;
    for (let j = 0; j < d; j++) {
      const v = xc[row + j]!;
      if (v === 0) continue;
      for (let k = j; k < d; k++) a[j * d + k]! += v * xc[row + k]!;
    }
  }
  for (let j = 0; j < d; j++) {
    a[j * d + j]! += lambda;
    for (let k = j + 1; k < d; k++) a[k * d + j] = a[j * d + k]!;
  }
  const b = new Float64Array(d * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = xc[i * d + j]!;
      for (let c = 0; c < m; c++) b[j * m + c]! += v * yc[i * m + c]!;
    }
  }
  choleskyInPlace(a, d);
  choleskySolveInPlace(a, d, b, m);
  return b;
}

function dual(xc: Float64Array, yc: Float64Array, n: number, d: number, m: number, lambda: number): Float64Array {
  const k = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = i; j < n; j++) {
      let s = 0;
      for (let c = 0; c < d; c++) s += xc[i * d + c]! * xc[j * d + c]!;
      k[i * n + j] = s;
      k[j * n + i] = s;
    }
    k[i * n + i]! += lambda;
  }
  const alpha = Float64Array.from(yc);
  choleskyInPlace(k, n);
  choleskySolveInPlace(k, n, alpha, m);
  const w = new Float64Array(d * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < d; j++) {
      const v = xc[i * d + j]!;
      for (let c = 0; c < m; c++) w[j * m + c]! += v * alpha[i * m + c]!;
    }
  }
  return w;
}

/** [n, m] predictions for x [n, d]. */
export function predictRidge(fit: RidgeFit, x: ArrayLike<number>, n: number): Float64Array {
  const { d, m, weights, intercept } = fit;
  if (x.length !== n * d) throw new Error(`predictRidge: x has ${x.length} values, expected n*d = ${n * d}`);
  const out = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let c = 0; c < m; c++) {
      let s = intercept[c]!;
      for (let j = 0; j < d; j++) s += x[i * d + j]! * weights[j * m + c]!;
      out[i * m + c] = s;
    }
  }
  return out;
}
