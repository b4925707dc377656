// AssemblyScript entry of the fused recurrent engine (see docs FUSED-RNN.md): stacked LSTM or GRU
// layers with dropout between them, a dense head and its loss (MSE, logistic, pinball), BPTT and
// the optimizer, one exported call per batch. The memory layout is documented in
// src/ml/fused/engine.ts. Built by scripts/build-wasm.mjs into src/ml/fused/fused_rnn.wasm;
// driven by src/ml/fused/wasmEngine.ts.
import { headLossSum } from './head';
import { colSum, gemm, mulInto, transpose } from './kernels';
import { gruBackward, gruForward } from './gru';
import { lstmBackward, lstmForward } from './lstm';
import { adamStep, clipGradients, lastNorm, resetAdam, sgdStep } from './optimizer';
import * as S from './state';

let applied = true;

/**
 * Lays out memory for the shape; returns the parameter count. hard != 0: hardSigmoid gates;
 * loss: 0 MSE, 1 logistic, 2 pinball over `quantiles` levels (JS writes them at tauPtr());
 * dropout != 0: masks between stacked layers (JS writes them at maskPtr() per batch).
 */
export function setup(
  cell: i32, layers: i32, maxBatch: i32, steps: i32, features: i32, units: i32, outputs: i32, hard: i32,
  loss: i32, quantiles: i32, dropout: i32,
): i32 {
  S.configure(cell, layers, maxBatch, steps, features, units, outputs, hard != 0, loss, quantiles, dropout != 0);
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
export function tauPtr(): usize {
  return S.TAU;
}
export function maskPtr(): usize {
  return S.MASK;
}
export function doutPtr(): usize {
  return S.DOUT;
}
export function dxPtr(): usize {
  return S.DX;
}
export function gradNorm(): f64 {
  return lastNorm;
}
/** 1 when the last trainStep updated the weights, 0 when its gradient was not finite. */
export function lastApplied(): i32 {
  return applied ? 1 : 0;
}

/** OUT = head(last h) for the first b samples of X, in inference mode (no dropout). */
export function forward(b: i32): void {
  forwardPass(b, false);
}

/** training: each layer above the first reads the h sequence below times its dropout mask. */
function forwardPass(b: i32, training: bool): void {
  const seq = b * S.T * S.H;
  for (let l = 0; l < S.nLayers; l++) {
    const xd = S.lf(l, S.XD);
    if (xd != 0) {
      const below = S.lf(l - 1, S.HS);
      if (training) mulInto(below, S.lf(l, S.MSK), xd, seq);
      S.setLf(l, S.IN, training ? xd : below);
    }
    if (S.cell == S.CELL_LSTM) lstmForward(l, b);
    else gruForward(l, b);
  }
  const top = S.lf(S.nLayers - 1, S.HS) + (<usize>((S.T - 1) * S.H) << 2);
  for (let s = 0; s < b; s++) memory.copy(S.OUT + (<usize>(s * S.O) << 2), S.BD, <usize>S.O << 2);
  gemm(top, S.T * S.H, 1, S.WD, S.O, S.OUT, S.O, b, S.O, S.H, true);
}

/**
 * After forward(b): DX[r] = sum_k DOUT[r, k] dOUT[r, k]/dX[r] for the first b rows (JS writes
 * DOUT; a one-hot row gives the input gradient of one output). The same BPTT as gradients(),
 * seeded by DOUT instead of a loss, without the weight reductions, continued through layer 0's
 * kernel into DX (the derivation is in docs/FUSED-RNN.md).
 */
export function backwardInput(b: i32): void {
  const top = S.nLayers - 1;
  const dhx = S.lf(top, S.DHX);
  memory.fill(dhx, 0, <usize>(b * S.T * S.H) << 2);
  transpose(S.WD, S.WDT, S.H, S.O);
  gemm(S.DOUT, S.O, 1, S.WDT, S.H, dhx + (<usize>((S.T - 1) * S.H) << 2), S.T * S.H, b, S.H, S.O, false);
  S.setLf(0, S.DIN, S.DX);
  for (let l = top; l >= 0; l--) {
    if (S.cell == S.CELL_LSTM) lstmBackward(l, b, false);
    else gruBackward(l, b, false);
  }
  S.setLf(0, S.DIN, 0);
}

/** Training forward, the head's loss against Y, backward: GR holds every gradient. Returns the loss. */
export function gradients(b: i32): f32 {
  forwardPass(b, true);
  const sum = headLossSum(b);
  const top = S.nLayers - 1;
  const hs = S.lf(top, S.HS) + (<usize>((S.T - 1) * S.H) << 2);
  const dhx = S.lf(top, S.DHX);
  gemm(hs, 1, S.T * S.H, S.DOUT, S.O, S.GWD, S.O, S.H, S.O, b, false);
  colSum(S.DOUT, S.O, b, S.O, S.GBD);
  memory.fill(dhx, 0, <usize>(b * S.T * S.H) << 2);
  transpose(S.WD, S.WDT, S.H, S.O);
  gemm(S.DOUT, S.O, 1, S.WDT, S.H, dhx + (<usize>((S.T - 1) * S.H) << 2), S.T * S.H, b, S.H, S.O, false);
  const seq = b * S.T * S.H;
  for (let l = top; l >= 0; l--) {
    if (S.cell == S.CELL_LSTM) lstmBackward(l, b, true);
    else gruBackward(l, b, true);
    const mask = S.lf(l, S.MSK);
    if (mask != 0) mulInto(S.lf(l, S.DIN), mask, S.lf(l, S.DIN), seq);
  }
  return <f32>(sum / <f64>(b * S.O));
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
