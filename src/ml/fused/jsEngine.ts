/**
 * The plain typed-array fused engine: the same algorithm and memory layout as the wasm module
 * (asm/), for shapes or platforms without wasm SIMD, and as the middle line of the benchmark.
 * Everything lives in one Float32Array; the Adam arithmetic is rounded to float32 per operation
 * like tfjs.
 */
import { checkShape, gateWidth, paramCount, type EngineShape, type FusedEngine, type StepOptions, type StepResult } from './engine';
import { gruBackward, gruForward, lstmBackward, lstmForward, type CellContext, type LayerBuffers } from './jsCells';
import { colSum, gemm, transpose } from './jsKernels';

const f = Math.fround;

export function createJsEngine(shape: EngineShape): FusedEngine {
  checkShape(shape);
  const { layers, units: H, features: F, lookback: T, outputs: O, maxBatch: B } = shape;
  const G = gateWidth(shape);
  const nParams = paramCount(shape);
  let cursor = 0;
  const take = (n: number): number => {
    const at = cursor;
    cursor += n;
    return at;
  };
  const P = take(nParams);
  const GR = take(nParams);
  const M1 = take(nParams);
  const M2 = take(nParams);
  const X = take(B * T * F);
  const Y = take(B * O);
  const OUT = take(B * O);
  const DOUT = take(B * O);
  const WDT = take(H * O);
  const ctxOffsets = { dh: take(B * H), dc: take(B * H), tmp: take(B * H) };
  const L: LayerBuffers[] = [];
  let off = 0;
  for (let l = 0; l < layers; l++) {
    const fl = l === 0 ? F : H;
    const seq = B * T * H;
    const wx = off;
    off += fl * G;
    const wh = off;
    off += H * G;
    const bi = off;
    off += G;
    const below = L[l - 1];
    L.push({
      inp: below ? below.hs : X,
      fl,
      wx: P + wx,
      wh: P + wh,
      bi: P + bi,
      gwx: GR + wx,
      gwh: GR + wh,
      gbi: GR + bi,
      act: take(B * T * G),
      hs: take(seq),
      cs: shape.cell === 'lstm' ? take(seq) : -1,
      aux: take(seq),
      dhx: take(seq),
      wht: take(G * H),
      wxt: below ? take(G * fl) : -1,
      din: below ? below.dhx : -1,
    });
  }
  const WD = P + off;
  const GWD = GR + off;
  const BD = WD + H * O;
  const GBD = GWD + H * O;
  const h = new Float32Array(cursor);
  const ctx: CellContext = { h, T, H, G, hard: shape.hardSigmoid, ...ctxOffsets };
  const top = L[layers - 1]!;
  const fwd = shape.cell === 'lstm' ? lstmForward : gruForward;
  const bwd = shape.cell === 'lstm' ? lstmBackward : gruBackward;
  let accBeta1 = f(0.9);
  let accBeta2 = f(0.999);

  const checkBatch = (b: number): void => {
    if (!Number.isInteger(b) || b < 1 || b > B) throw new Error(`fused engine: batch must be an integer in [1, ${B}], got ${b}`);
  };

  const forward = (b: number): void => {
    checkBatch(b);
    for (const layer of L) fwd(ctx, layer, b);
    for (let s = 0; s < b; s++) h.copyWithin(OUT + s * O, BD, BD + O);
    gemm(h, top.hs + (T - 1) * H, T * H, 1, WD, O, OUT, O, b, O, H, true);
  };

  const gradients = (b: number): number => {
    forward(b);
    const n = b * O;
    let sum = 0;
    for (let i = 0; i < n; i++) {
      const e = f(h[OUT + i]! - h[Y + i]!);
      sum += e * e;
      h[DOUT + i] = e * f(2 / n);
    }
    const last = top.hs + (T - 1) * H;
    gemm(h, last, 1, T * H, DOUT, O, GWD, O, H, O, b, false);
    colSum(h, DOUT, O, b, O, GBD);
    h.fill(0, top.dhx, top.dhx + b * T * H);
    transpose(h, WD, WDT, H, O);
    gemm(h, DOUT, O, 1, WDT, H, top.dhx + (T - 1) * H, T * H, b, H, O, false);
    for (let l = layers - 1; l >= 0; l--) bwd(ctx, L[l]!, b);
    return sum / n;
  };

  const clip = (clipNorm: number | undefined): boolean => {
    let peak = 0;
    for (let i = GR; i < GR + nParams; i++) peak = Math.max(peak, Math.abs(h[i]!));
    const safe = Math.max(peak, 1e-30);
    let sumSq = 0;
    for (let i = GR; i < GR + nParams; i++) sumSq += (h[i]! / safe) ** 2;
    const norm = peak * Math.sqrt(sumSq);
    if (!Number.isFinite(norm)) return false;
    if (clipNorm !== undefined && norm > clipNorm) {
      const scale = f(clipNorm / norm);
      for (let i = GR; i < GR + nParams; i++) h[i] = h[i]! * scale;
    }
    return true;
  };

  const adam = (o: StepOptions): void => {
    const b1 = f(o.beta1);
    const b2 = f(o.beta2);
    const omb1 = f(1 - o.beta1);
    const omb2 = f(1 - o.beta2);
    const c1 = f(1 - accBeta1);
    const c2 = f(1 - accBeta2);
    const eps = f(o.epsilon);
    const negLr = f(-o.learningRate);
    for (let i = 0; i < nParams; i++) {
      const g = h[GR + i]!;
      const m = f(f(h[M1 + i]! * b1) + f(g * omb1));
      const v = f(f(h[M2 + i]! * b2) + f(f(g * g) * omb2));
      h[M1 + i] = m;
      h[M2 + i] = v;
      const step = f(f(f(m / c1) / f(f(Math.sqrt(f(v / c2))) + eps)) * negLr);
      h[P + i] = step + h[P + i]!;
    }
    accBeta1 = f(accBeta1 * b1);
    accBeta2 = f(accBeta2 * b2);
  };

  const view = (at: number, n: number): Float32Array => h.subarray(at, at + n);
  return {
    kind: 'js',
    shape: { ...shape },
    paramCount: nParams,
    params: () => view(P, nParams),
    grads: () => view(GR, nParams),
    x: () => view(X, B * T * F),
    y: () => view(Y, B * O),
    out: () => view(OUT, B * O),
    forward,
    gradients,
    step(b: number, o: StepOptions): StepResult {
      const loss = gradients(b);
      const applied = clip(o.clipNorm);
      if (applied && o.optimizer === 'adam') adam(o);
      if (applied && o.optimizer === 'sgd') {
        const negLr = f(-o.learningRate);
        for (let i = 0; i < nParams; i++) h[P + i] = f(h[GR + i]! * negLr) + h[P + i]!;
      }
      return { loss, applied };
    },
    resetOptimizer(beta1: number, beta2: number) {
      accBeta1 = f(beta1);
      accBeta2 = f(beta2);
      h.fill(0, M1, M1 + 2 * nParams);
    },
  };
}
