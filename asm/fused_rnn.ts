// AssemblyScript entry of the fused recurrent engine (see docs FUSED-RNN.md): stacked LSTM or GRU
// layers, a dense head and MSE loss, BPTT and the optimizer, one exported call per batch.
// Built by scripts/build-wasm.mjs into src/ml/fused/fused_rnn.wasm; driven by src/ml/fused/wasmEngine.ts.
import { colSum, gemm, transpose } from './kernels';
import { gruBackward, gruForward } from './gru';
import { lstmBackward, lstmForward } from './lstm';
import { adamStep, clipGradients, lastNorm, resetAdam, sgdStep } from './optimizer';
import * as S from './state';

let applied = true;

/** Lays out memory for the shape; returns the parameter count. hard != 0: hardSigmoid gates. */
export function setup(cell: i32, layers: i32, maxBatch: i32, steps: i32, features: i32, units: i32, outputs: i32, hard: i32): i32 {
  S.configure(cell, layers, maxBatch, steps, features, units, outputs, hard != 0);
  return S.nParams;
}

export function paramsPtr(): usize {
  return S.P;
}
export function gradsPtr(): usize {
  return S.GR;
}
export function xPtr(): usize {
  return S.X;
}
export function yPtr(): usize {
  return S.Y;
}
export function outPtr(): usize {
  return S.OUT;
}
export function gradNorm(): f64 {
  return lastNorm;
}
/** 1 when the last trainStep updated the weights, 0 when its gradient was not finite. */
export function lastApplied(): i32 {
  return applied ? 1 : 0;
}

/** OUT = head(last h) for the first b samples of X. */
export function forward(b: i32): void {
  for (let l = 0; l < S.nLayers; l++) {
    if (S.cell == S.CELL_LSTM) lstmForward(l, b);
    else gruForward(l, b);
  }
  const top = S.lf(S.nLayers - 1, S.HS) + (<usize>((S.T - 1) * S.H) << 2);
  for (let s = 0; s < b; s++) memory.copy(S.OUT + (<usize>(s * S.O) << 2), S.BD, <usize>S.O << 2);
  gemm(top, S.T * S.H, 1, S.WD, S.O, S.OUT, S.O, b, S.O, S.H, true);
}

/** Forward, MSE loss against Y, backward: GR holds every gradient. Returns the loss. */
export function gradients(b: i32): f32 {
  forward(b);
  const n = b * S.O;
  const scale = <f32>2 / <f32>n;
  let sum: f64 = 0;
  for (let i = 0; i < n; i++) {
    const o = <usize>i << 2;
    const e = load<f32>(S.OUT + o) - load<f32>(S.Y + o);
    sum += <f64>(e * e);
    store<f32>(S.DOUT + o, e * scale);
  }
  const top = S.nLayers - 1;
  const hs = S.lf(top, S.HS) + (<usize>((S.T - 1) * S.H) << 2);
  const dhx = S.lf(top, S.DHX);
  gemm(hs, 1, S.T * S.H, S.DOUT, S.O, S.GWD, S.O, S.H, S.O, b, false);
  colSum(S.DOUT, S.O, b, S.O, S.GBD);
  memory.fill(dhx, 0, <usize>(b * S.T * S.H) << 2);
  transpose(S.WD, S.WDT, S.H, S.O);
  gemm(S.DOUT, S.O, 1, S.WDT, S.H, dhx + (<usize>((S.T - 1) * S.H) << 2), S.T * S.H, b, S.H, S.O, false);
  for (let l = top; l >= 0; l--) {
    if (S.cell == S.CELL_LSTM) lstmBackward(l, b);
    else gruBackward(l, b);
  }
  return <f32>(sum / <f64>n);
}

/**
 * One training step on the first b samples of X/Y: gradients, clipping (clipNorm <= 0: none),
 * then Adam (optimizer 0) or SGD (1). A step with a non-finite gradient is skipped.
 */
export function trainStep(b: i32, optimizer: i32, lr: f64, beta1: f64, beta2: f64, epsilon: f64, clipNorm: f64): f32 {
  const loss = gradients(b);
  applied = clipGradients(clipNorm);
  if (applied) {
    if (optimizer == 0) adamStep(lr, beta1, beta2, epsilon);
    else sgdStep(lr);
  }
  return loss;
}

export function resetOptimizer(beta1: f64, beta2: f64): void {
  resetAdam(beta1, beta2);
}
