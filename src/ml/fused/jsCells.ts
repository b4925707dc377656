/**
 * LSTM and GRU layers of the JS fused engine: forward and BPTT, a line-for-line twin of
 * asm/lstm.ts and asm/gru.ts (read those for the derivation notes). Offsets are in floats.
 */
import { broadcastRows, colSum, gemm, hardSigmoid, hardSigmoidGrad, sigmoid, sigmoidGrad, tanh, transpose } from './jsKernels';

export interface LayerBuffers {
  inp: number;
  fl: number;
  wx: number;
  wh: number;
  bi: number;
  gwx: number;
  gwh: number;
  gbi: number;
  act: number;
  hs: number;
  cs: number;
  aux: number;
  dhx: number;
  wht: number;
  wxt: number;
  /** dLoss/dInput destination (the DHX of the layer below); -1 for the first layer, DX in backwardInput. */
  din: number;
}

export interface CellContext {
  h: Float32Array;
  T: number;
  H: number;
  G: number;
  hard: boolean;
  /** [B, H] scratch: dh carried back, dc carried back, GRU d(r * h). */
  dh: number;
  dc: number;
  tmp: number;
}

export function lstmForward(x: CellContext, L: LayerBuffers, b: number): void {
  const { h, T, H, G } = x;
  const gate = x.hard ? hardSigmoid : sigmoid;
  const rows = b * T;
  broadcastRows(h, L.bi, L.act, G, rows, G);
  gemm(h, L.inp, L.fl, 1, L.wx, G, L.act, G, rows, G, L.fl, true);
  for (let t = 0; t < T; t++) {
    if (t > 0) gemm(h, L.hs + (t - 1) * H, T * H, 1, L.wh, G, L.act + t * G, T * G, b, G, H, true);
    for (let s = 0; s < b; s++) {
      const r = s * T + t;
      const a = L.act + r * G;
      const hc = r * H;
      for (let j = 0; j < H; j++) {
        const i = gate(h[a + j]!);
        const f = gate(h[a + H + j]!);
        const g = tanh(h[a + 2 * H + j]!);
        const o = gate(h[a + 3 * H + j]!);
        const cPrev = t > 0 ? h[L.cs + hc - H + j]! : 0;
        const c = f * cPrev + i * g;
        const tc = tanh(c);
        h[a + j] = i;
        h[a + H + j] = f;
        h[a + 2 * H + j] = g;
        h[a + 3 * H + j] = o;
        h[L.cs + hc + j] = c;
        h[L.aux + hc + j] = tc;
        h[L.hs + hc + j] = o * tc;
      }
    }
  }
}

/** weights = false: skip the weight reductions (the input-gradient pass needs only dInput). */
export function lstmBackward(x: CellContext, L: LayerBuffers, b: number, weights = true): void {
  const { h, T, H, G, dh: DH, dc: DC } = x;
  const gg = x.hard ? hardSigmoidGrad : sigmoidGrad;
  transpose(h, L.wh, L.wht, H, G);
  h.fill(0, DH, DH + b * H).fill(0, DC, DC + b * H);
  for (let t = T - 1; t >= 0; t--) {
    for (let s = 0; s < b; s++) {
      const r = s * T + t;
      const a = L.act + r * G;
      const hc = r * H;
      const sc = s * H;
      for (let j = 0; j < H; j++) {
        const i = h[a + j]!;
        const f = h[a + H + j]!;
        const g = h[a + 2 * H + j]!;
        const o = h[a + 3 * H + j]!;
        const tc = h[L.aux + hc + j]!;
        const cPrev = t > 0 ? h[L.cs + hc - H + j]! : 0;
        const dh = h[L.dhx + hc + j]! + h[DH + sc + j]!;
        const dc = h[DC + sc + j]! + dh * o * (1 - tc * tc);
        h[DC + sc + j] = dc * f;
        h[a + j] = dc * g * gg(i);
        h[a + H + j] = dc * cPrev * gg(f);
        h[a + 2 * H + j] = dc * i * (1 - g * g);
        h[a + 3 * H + j] = dh * tc * gg(o);
      }
    }
    if (t > 0) gemm(h, L.act + t * G, T * G, 1, L.wht, H, DH, H, b, H, G, false);
  }
  if (weights) weightGrads(x, L, b, G, 0);
  inputGrad(x, L, b);
}

export function gruForward(x: CellContext, L: LayerBuffers, b: number): void {
  const { h, T, H, G } = x;
  const gate = x.hard ? hardSigmoid : sigmoid;
  const rows = b * T;
  broadcastRows(h, L.bi, L.act, G, rows, G);
  gemm(h, L.inp, L.fl, 1, L.wx, G, L.act, G, rows, G, L.fl, true);
  for (let t = 0; t < T; t++) {
    const at = L.act + t * G;
    if (t > 0) gemm(h, L.hs + (t - 1) * H, T * H, 1, L.wh, G, at, T * G, b, 2 * H, H, true);
    for (let s = 0; s < b; s++) {
      const r = s * T + t;
      const a = L.act + r * G;
      const hc = r * H;
      for (let j = 0; j < H; j++) {
        const rg = gate(h[a + H + j]!);
        h[a + j] = gate(h[a + j]!);
        h[a + H + j] = rg;
        h[L.aux + hc + j] = rg * (t > 0 ? h[L.hs + hc - H + j]! : 0);
      }
    }
    if (t > 0) gemm(h, L.aux + t * H, T * H, 1, L.wh + 2 * H, G, at + 2 * H, T * G, b, H, H, true);
    for (let s = 0; s < b; s++) {
      const r = s * T + t;
      const a = L.act + r * G;
      const hc = r * H;
      for (let j = 0; j < H; j++) {
        const z = h[a + j]!;
        const hh = tanh(h[a + 2 * H + j]!);
        const hPrev = t > 0 ? h[L.hs + hc - H + j]! : 0;
        h[a + 2 * H + j] = hh;
        h[L.hs + hc + j] = z * hPrev + (1 - z) * hh;
      }
    }
  }
}

export function gruBackward(x: CellContext, L: LayerBuffers, b: number, weights = true): void {
  const { h, T, H, G, dh: DH, tmp: TMP } = x;
  const gg = x.hard ? hardSigmoidGrad : sigmoidGrad;
  transpose(h, L.wh, L.wht, H, G);
  h.fill(0, DH, DH + b * H);
  for (let t = T - 1; t >= 0; t--) {
    const at = L.act + t * G;
    for (let s = 0; s < b; s++) {
      const r = s * T + t;
      const a = L.act + r * G;
      const hc = r * H;
      const sc = s * H;
      for (let j = 0; j < H; j++) {
        const z = h[a + j]!;
        const hh = h[a + 2 * H + j]!;
        const hPrev = t > 0 ? h[L.hs + hc - H + j]! : 0;
        const dh = h[L.dhx + hc + j]! + h[DH + sc + j]!;
        h[a + j] = dh * (hPrev - hh) * gg(z);
        h[a + 2 * H + j] = dh * (1 - z) * (1 - hh * hh);
        h[DH + sc + j] = dh * z;
      }
    }
    if (t === 0) {
      for (let s = 0; s < b; s++) h.fill(0, L.act + s * T * G + H, L.act + s * T * G + 2 * H);
      break;
    }
    gemm(h, at + 2 * H, T * G, 1, L.wht + 2 * H * H, H, TMP, H, b, H, H, false);
    for (let s = 0; s < b; s++) {
      const a = L.act + (s * T + t) * G;
      const hc = (s * T + t) * H;
      const sc = s * H;
      for (let j = 0; j < H; j++) {
        const drh = h[TMP + sc + j]!;
        h[DH + sc + j]! += drh * h[a + H + j]!;
        h[a + H + j] = drh * h[L.hs + hc - H + j]! * gg(h[a + H + j]!);
      }
    }
    gemm(h, at, T * G, 1, L.wht, H, DH, H, b, H, 2 * H, true);
  }
  if (weights) weightGrads(x, L, b, 2 * H, H);
  inputGrad(x, L, b);
}

/**
 * After the time loop: dWx = X^T dZ, db = colsum dZ, dWh = h_(t-1)^T dZ_t over the first
 * `recCols` gate columns (GRU: the last `rhCols` pair with r * h_(t-1)).
 */
function weightGrads(x: CellContext, L: LayerBuffers, b: number, recCols: number, rhCols: number): void {
  const { h, T, H, G } = x;
  const rows = b * T;
  gemm(h, L.inp, 1, L.fl, L.act, G, L.gwx, G, L.fl, G, rows, false);
  h.fill(0, L.gwh, L.gwh + H * G);
  for (let s = 0; s < b; s++) {
    const row1 = L.act + (s * T + 1) * G;
    gemm(h, L.hs + s * T * H, 1, H, row1, G, L.gwh, G, H, recCols, T - 1, true);
    if (rhCols > 0) gemm(h, L.aux + (s * T + 1) * H, 1, H, row1 + recCols, G, L.gwh + recCols, G, H, rhCols, T - 1, true);
  }
  colSum(h, L.act, G, rows, G, L.gbi);
}

/** dInput = dZ Wx^T into L.din (when the layer has a destination). */
function inputGrad(x: CellContext, L: LayerBuffers, b: number): void {
  const { h, T, G } = x;
  const rows = b * T;
  if (L.din >= 0) {
    transpose(h, L.wx, L.wxt, L.fl, G);
    gemm(h, L.act, G, 1, L.wxt, L.fl, L.din, L.fl, rows, L.fl, G, false);
  }
}
