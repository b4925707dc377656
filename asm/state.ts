// AssemblyScript: the engine's shape and memory layout. setup() in fused_rnn.ts fills these once;
// every buffer is carved from linear memory after __heap_base (nothing is allocated afterwards, so
// JS views made after setup stay valid).

export const CELL_LSTM = 0;
export const CELL_GRU = 1;

// Per-layer fields of the layer table (byte pointers, except FL).
export const IN = 0; // layer input [B, T, FL]: x for layer 0, the h sequence of the layer below otherwise
export const FL = 1; // input width (i32)
export const WX = 2; // kernel [FL, G]
export const WH = 3; // recurrentKernel [H, G]
export const BI = 4; // bias [G]
export const GWX = 5;
export const GWH = 6;
export const GBI = 7;
export const ACT = 8; // gate activations [B, T, G]; overwritten by gate gradients in the backward pass
export const HS = 9; // h_t [B, T, H]
export const CS = 10; // LSTM c_t [B, T, H]
export const AUX = 11; // LSTM tanh(c_t), GRU r_t * h_(t-1): [B, T, H]
export const DHX = 12; // dLoss/dh_t from above (the head or the next layer) [B, T, H]
export const WHT = 13; // recurrentKernel transposed [G, H]
export const WXT = 14; // kernel transposed [G, FL]
export const DIN = 15; // where dLoss/dInput goes: DHX of the layer below (layer 0: 0, or DX in backwardInput)
export const XD = 16; // training input with dropout: HS below times the mask [B, T, H] (0: no dropout)
export const MSK = 17; // the dropout mask slab applied to this layer's input [B, T, H] (0: none)
const NF = 18;

export const LOSS_MSE = 0;
export const LOSS_LOGISTIC = 1;
export const LOSS_PINBALL = 2;

export let cell = CELL_LSTM;
export let nLayers = 1;
export let maxB = 1;
export let T = 1;
export let F = 1;
export let H = 1;
export let O = 1;
export let G = 4;
export let hard = false;
export let LOSS = LOSS_MSE;
export let NQ = 1; // quantiles per y column (pinball), else 1
export let YW = 1; // y columns: O / NQ

export let table: usize = 0;
export let P: usize = 0; // parameters, tfjs getWeights() order
export let GR: usize = 0; // gradients, same layout
export let MOM1: usize = 0; // Adam first moments
export let MOM2: usize = 0; // Adam second moments
export let nParams = 0;
export let X: usize = 0; // [B, T, F]
export let Y: usize = 0; // [B, YW]
export let TAU: usize = 0; // [NQ] quantile levels (pinball)
export let MASK: usize = 0; // [layers - 1, B, T, H] dropout multipliers, written by JS per batch
export let OUT: usize = 0; // [B, O]
export let DOUT: usize = 0; // [B, O]
export let DX: usize = 0; // [B, T, F] d(sum of DOUT * OUT)/dX, written by backwardInput
export let WD: usize = 0; // dense kernel [H, O]
export let BD: usize = 0;
export let GWD: usize = 0;
export let GBD: usize = 0;
export let WDT: usize = 0; // [O, H]
export let DH: usize = 0; // [B, H] recurrent dh carried back one step
export let DC: usize = 0; // [B, H] LSTM dc carried back one step
export let TMP: usize = 0; // [B, H] GRU d(r * h_(t-1))

let cursor: usize = 0;

export function lf(l: i32, field: i32): usize {
  return load<usize>(table + (<usize>(l * NF + field) << 2));
}

export function setLf(l: i32, field: i32, value: usize): void {
  store<usize>(table + (<usize>(l * NF + field) << 2), value);
}

/** n floats, 16-byte aligned. */
function take(n: i32): usize {
  const p = cursor;
  cursor = (cursor + (<usize>n << 2) + 15) & ~(<usize>15);
  return p;
}

export function configure(
  cellKind: i32, layers: i32, batch: i32, steps: i32, features: i32, units: i32, outputs: i32, hardGate: bool,
  loss: i32, quantiles: i32, dropout: bool,
): void {
  cell = cellKind;
  nLayers = layers;
  maxB = batch;
  T = steps;
  F = features;
  H = units;
  O = outputs;
  G = (cellKind == CELL_GRU ? 3 : 4) * units;
  hard = hardGate;
  LOSS = loss;
  NQ = loss == LOSS_PINBALL ? quantiles : 1;
  YW = outputs / NQ;
  const drop = dropout && layers > 1;
  cursor = (__heap_base + 63) & ~(<usize>63);
  table = take(layers * NF);
  // Parameter count in tfjs order: per layer kernel, recurrentKernel, bias; then dense kernel, bias.
  let count = 0;
  for (let l = 0; l < layers; l++) count += (l == 0 ? F : H) * G + H * G + G;
  count += H * O + O;
  nParams = count;
  P = take(count);
  GR = take(count);
  MOM1 = take(count);
  MOM2 = take(count);
  X = take(batch * steps * features);
  Y = take(batch * YW);
  TAU = take(NQ);
  MASK = drop ? take((layers - 1) * batch * steps * units) : 0;
  OUT = take(batch * outputs);
  DOUT = take(batch * outputs);
  DX = take(batch * steps * features);
  WDT = take(H * O);
  DH = take(batch * H);
  DC = take(batch * H);
  TMP = take(batch * H);
  let off: usize = 0;
  for (let l = 0; l < layers; l++) {
    const fl = l == 0 ? F : H;
    const seq = batch * steps * H;
    setLf(l, IN, l == 0 ? X : lf(l - 1, HS));
    setLf(l, FL, <usize>fl);
    setLf(l, WX, P + off);
    setLf(l, GWX, GR + off);
    off += <usize>(fl * G) << 2;
    setLf(l, WH, P + off);
    setLf(l, GWH, GR + off);
    off += <usize>(H * G) << 2;
    setLf(l, BI, P + off);
    setLf(l, GBI, GR + off);
    off += <usize>G << 2;
    setLf(l, ACT, take(batch * steps * G));
    setLf(l, HS, take(seq));
    setLf(l, CS, cellKind == CELL_LSTM ? take(seq) : 0);
    setLf(l, AUX, take(seq));
    setLf(l, DHX, take(seq));
    setLf(l, WHT, take(G * H));
    setLf(l, WXT, take(G * fl));
    setLf(l, DIN, l > 0 ? lf(l - 1, DHX) : 0);
    setLf(l, XD, drop && l > 0 ? take(seq) : 0);
    setLf(l, MSK, drop && l > 0 ? MASK + (<usize>((l - 1) * seq) << 2) : 0);
  }
  WD = P + off;
  GWD = GR + off;
  off += <usize>(H * O) << 2;
  BD = P + off;
  GBD = GR + off;
  const pages = <i32>((cursor + 65535) >> 16) - memory.size();
  if (pages > 0 && memory.grow(pages) < 0) unreachable();
}
