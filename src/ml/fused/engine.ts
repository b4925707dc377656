/**
 * The contract of a fused recurrent engine (wasm SIMD in wasmEngine.ts, plain typed arrays in
 * jsEngine.ts): stacked LSTM or GRU layers and a dense head, MSE loss, the whole training step in
 * one call per batch. Parameters are one flat Float32Array in tfjs `model.getWeights()` order and
 * layout: per layer kernel [in, G], recurrentKernel [units, G], bias [G] (G = 4 units for LSTM,
 * gates i, f, c, o; 3 units for GRU, gates z, r, h), then dense kernel [units, outputs], bias.
 */

export type CellKind = 'lstm' | 'gru';

export interface EngineShape {
  cell: CellKind;
  layers: number;
  units: number;
  features: number;
  lookback: number;
  /** Width of the dense head (horizon for a regression target). */
  outputs: number;
  /** Largest batch one call takes (rows of x()/y()). */
  maxBatch: number;
  /** Gate activation: tfjs hardSigmoid (clip(0.2 x + 0.5, 0, 1)) instead of sigmoid. */
  hardSigmoid: boolean;
}

export interface StepOptions {
  optimizer: 'adam' | 'sgd';
  learningRate: number;
  /** Adam only; tfjs defaults 0.9, 0.999 and the backend epsilon 1e-7. */
  beta1: number;
  beta2: number;
  epsilon: number;
  /** Scale gradients to this global L2 norm when above it; undefined: no clipping. */
  clipNorm?: number;
}

export interface StepResult {
  loss: number;
  /** False when the gradient was not finite and the step was skipped (weights unchanged). */
  applied: boolean;
}

export interface FusedEngine {
  readonly kind: 'wasm' | 'js';
  readonly shape: EngineShape;
  readonly paramCount: number;
  /** Views on the engine's own memory: write x()/y() rows, then call forward/gradients/step. */
  params(): Float32Array;
  grads(): Float32Array;
  x(): Float32Array;
  y(): Float32Array;
  out(): Float32Array;
  /** out() = model(x) for the first b rows. */
  forward(b: number): void;
  /** Forward, loss and backward for the first b rows; grads() holds the gradients. Returns the loss. */
  gradients(b: number): number;
  /** gradients(b), clipping, then the optimizer update of params(). */
  step(b: number, options: StepOptions): StepResult;
  /** Zeroes Adam's moments and restarts its bias correction. */
  resetOptimizer(beta1: number, beta2: number): void;
}

export const ADAM_DEFAULTS = { beta1: 0.9, beta2: 0.999, epsilon: 1e-7 } as const;

export function gateWidth(shape: Pick<EngineShape, 'cell' | 'units'>): number {
  return (shape.cell === 'gru' ? 3 : 4) * shape.units;
}

/** Shapes of the parameter tensors, in order (the same as the tfjs model's getWeights()). */
export function weightShapes(shape: EngineShape): number[][] {
  const g = gateWidth(shape);
  const out: number[][] = [];
  for (let l = 0; l < shape.layers; l++) {
    out.push([l === 0 ? shape.features : shape.units, g], [shape.units, g], [g]);
  }
  out.push([shape.units, shape.outputs], [shape.outputs]);
  return out;
}

export function paramCount(shape: EngineShape): number {
  return weightShapes(shape).reduce((sum, s) => sum + s.reduce((a, b) => a * b, 1), 0);
}

export function checkShape(shape: EngineShape): void {
  const ints = { layers: shape.layers, units: shape.units, features: shape.features, lookback: shape.lookback, outputs: shape.outputs, maxBatch: shape.maxBatch };
  for (const [name, v] of Object.entries(ints)) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`fused engine: ${name} must be an integer >= 1, got ${v}`);
  }
}
