/**
 * The plain typed-array fused engine: the same algorithm and memory layout as the wasm module
 * (asm/; the layout is documented in engine.ts), for shapes or platforms without wasm SIMD, and as
 * the middle line of the benchmark. Everything lives in one Float32Array.
 */
import { checkShape, gateWidth, maskSize, paramCount, yWidth, type EngineShape, type FusedEngine, type StepOptions, type StepResult } from './engine';
import { headLossSum } from './heads';
import { gruBackward, gruForward, lstmBackward, lstmForward, type CellContext, type LayerBuffers } from './jsCells';
import { colSum, gemm, transpose } from './jsKernels';
import { createJsOptimizer } from './jsOptimizer';

/** Dropout between layer l - 1 and l: the masked copy of the h sequence below and its mask. */
interface DropLink {
  below: LayerBuffers;
  /** [B, T, H] input of layer l in training: h below times the mask. */
  xd: number;
  mask: number;
}

/** What a forward pass leaves in a layer, for batch row `s` (views, overwritten by the next pass). */
export interface LayerStates {
  /** [T, G]: the activated gates (LSTM i, f, g, o; GRU z, r, candidate h), G = gateWidth. */
  gates: Float32Array;
  /** [T, H] cell state (LSTM only). */
  cell: Float32Array | null;
  /** [T, H] hidden state. */
  hidden: Float32Array;
}

export interface JsFusedEngine extends FusedEngine {
  /** The gate activations and states the last forward() computed, of `layer` for batch row `s`. */
  layerStates(layer: number, s: number): LayerStates;
}

export function createJsEngine(shape: EngineShape): JsFusedEngine {
  checkShape(shape);
  const { layers, units: H, features: F, lookback: T, outputs: O, maxBatch: B } = shape;
  const G = gateWidth(shape);
  const YW = yWidth(shape);
  const loss = shape.loss ?? { kind: 'mse' as const };
  const nParams = paramCount(shape);
  const nMask = maskSize(shape);
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
  const Y = take(B * YW);
  const OUT = take(B * O);
  const DOUT = take(B * O);
  const DX = take(B * T * F);
  const MASK = take(nMask);
  const WDT = take(H * O);
  const ctxOffsets = { dh: take(B * H), dc: take(B * H), tmp: take(B * H) };
  const L: LayerBuffers[] = [];
  const drops: (DropLink | null)[] = [];
  const seq = B * T * H;
  let off = 0;
  for (let l = 0; l < layers; l++) {
    const fl = l === 0 ? F : H;
    const wx = off;
    off += fl * G;
    const wh = off;
    off += H * G;
    const bi = off;
    off += G;
    const below = L[l - 1];
    drops.push(below && nMask > 0 ? { below, xd: take(seq), mask: MASK + (l - 1) * seq } : null);
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
      wxt: take(G * fl),
      din: below ? below.dhx : -1,
    });
  }
  const WD = P + off;
  const GWD = GR + off;
  const BD = WD + H * O;
  const GBD = GWD + H * O;
  const h = new Float32Array(cursor);
  const view = (at: number, n: number): Float32Array => h.subarray(at, at + n);
  const ctx: CellContext = { h, T, H, G, hard: shape.hardSigmoid, ...ctxOffsets };
  const top = L[layers - 1]!;
  const fwd = shape.cell === 'lstm' ? lstmForward : gruForward;
  const bwd = shape.cell === 'lstm' ? lstmBackward : gruBackward;
  const optimizer = createJsOptimizer(view(P, nParams), view(GR, nParams), view(M1, nParams), view(M2, nParams));
  const outView = view(OUT, B * O);
  const yView = view(Y, B * YW);
  const dOutView = view(DOUT, B * O);

  const checkBatch = (b: number): void => {
    if (!Number.isInteger(b) || b < 1 || b > B) throw new Error(`fused engine: batch must be an integer in [1, ${B}], got ${b}`);
  };

  const forwardPass = (b: number, training: boolean): void => {
    L.forEach((layer, l) => {
      const d = drops[l];
      if (d) {
        layer.inp = training ? d.xd : d.below.hs;
        if (training) for (let i = 0; i < b * T * H; i++) h[d.xd + i] = h[d.below.hs + i]! * h[d.mask + i]!;
      }
      fwd(ctx, layer, b);
    });
    for (let s = 0; s < b; s++) h.copyWithin(OUT + s * O, BD, BD + O);
    gemm(h, top.hs + (T - 1) * H, T * H, 1, WD, O, OUT, O, b, O, H, true);
  };

  const gradients = (b: number): number => {
    checkBatch(b);
    forwardPass(b, true);
    const sum = headLossSum(loss, outView, yView, b, O, dOutView);
    const last = top.hs + (T - 1) * H;
    gemm(h, last, 1, T * H, DOUT, O, GWD, O, H, O, b, false);
    colSum(h, DOUT, O, b, O, GBD);
    h.fill(0, top.dhx, top.dhx + b * T * H);
    transpose(h, WD, WDT, H, O);
    gemm(h, DOUT, O, 1, WDT, H, top.dhx + (T - 1) * H, T * H, b, H, O, false);
    for (let l = layers - 1; l >= 0; l--) {
      bwd(ctx, L[l]!, b);
      const d = drops[l];
      if (d) for (let i = 0; i < b * T * H; i++) h[d.below.dhx + i] = h[d.below.dhx + i]! * h[d.mask + i]!;
    }
    return sum / (b * O);
  };

  return {
    kind: 'js',
    shape: { ...shape },
    paramCount: nParams,
    params: () => view(P, nParams),
    grads: () => view(GR, nParams),
    x: () => view(X, B * T * F),
    y: () => yView,
    out: () => outView,
    mask: () => view(MASK, nMask),
    dOut: () => dOutView,
    dx: () => view(DX, B * T * F),
    forward(b: number) {
      checkBatch(b);
      forwardPass(b, false);
    },
    backwardInput(b: number) {
      checkBatch(b);
      h.fill(0, top.dhx, top.dhx + b * T * H);
      transpose(h, WD, WDT, H, O);
      gemm(h, DOUT, O, 1, WDT, H, top.dhx + (T - 1) * H, T * H, b, H, O, false);
      const first = L[0]!;
      first.din = DX;
      try {
        for (let l = layers - 1; l >= 0; l--) bwd(ctx, L[l]!, b, false);
      } finally {
        first.din = -1;
      }
    },
    gradients,
    step(b: number, o: StepOptions): StepResult {
      const value = gradients(b);
      const applied = optimizer.clip(o.clipNorm);
      if (applied) optimizer.update(o);
      return { loss: value, applied };
    },
    resetOptimizer(beta1: number, beta2: number) {
      optimizer.reset(beta1, beta2);
    },
    layerStates(layer: number, s: number): LayerStates {
      const at = L[layer];
      if (!at) throw new Error(`fused engine: no layer ${layer} (it has ${layers})`);
      checkBatch(s + 1);
      return {
        gates: view(at.act + s * T * G, T * G),
        cell: at.cs >= 0 ? view(at.cs + s * T * H, T * H) : null,
        hidden: view(at.hs + s * T * H, T * H),
      };
    },
  };
}
