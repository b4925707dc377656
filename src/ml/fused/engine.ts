/**
 * The contract of a fused recurrent engine (wasm SIMD in wasmEngine.ts, plain typed arrays in
 * jsEngine.ts): stacked LSTM or GRU layers, inverted dropout between them, a dense head and its
 * loss (optimization.ts lossFor), the whole training step in one call per batch.
 *
 * The layout both engines share (asm/state.ts and jsEngine.ts carve it the same way):
 * - params/grads: one flat Float32Array in tfjs `model.getWeights()` order and layout: per layer
 *   kernel [in, G], recurrentKernel [units, G], bias [G] (G = 4 units for LSTM, gates i, f, c, o;
 *   3 units for GRU, gates z, r, h), then dense kernel [units, outputs], bias [outputs].
 * - x [maxBatch, lookback, features]; out [maxBatch, outputs] (raw: values, direction logits, or
 *   quantiles as [horizon, quantiles] per row); y [maxBatch, yWidth] with yWidth = horizon
 *   (outputs / quantiles for a pinball head, else outputs).
 * - dOut [maxBatch, outputs] and dx [maxBatch, lookback, features]: the seed and the result of
 *   backwardInput (the input gradient used by the explainers).
 * - mask [layers - 1, maxBatch, lookback, units]: the dropout multipliers (0 or 1 / (1 - rate)) on
 *   the h sequence of every layer but the last, read by gradients()/step() only; empty when
 *   dropout is 0 or there is one layer. The caller fills the first b rows of each layer's slab.
 */

export type CellKind = 'lstm' | 'gru';

/** The head's loss, as optimization.ts lossFor computes it (mean over every output element). */
export type HeadLoss =
  | { kind: 'mse' }
  /** Logistic loss on logits against the label y > 0 (a direction target). */
  | { kind: 'logistic' }
  /** Pinball loss, outputs [horizon, quantiles.length] per row against y [horizon]. */
  | { kind: 'pinball'; quantiles: readonly number[] };

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
  /** Default mse. */
  loss?: HeadLoss;
  /** Dropout rate between stacked layers (default 0); the masks come through mask(). */
  dropout?: number;
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
  /** Dropout multipliers (layout above); empty without dropout between layers. */
  mask(): Float32Array;
  /** Seed of backwardInput, [maxBatch, outputs]. */
  dOut(): Float32Array;
  /** Result of backwardInput, [maxBatch, lookback, features]. */
  dx(): Float32Array;
  /** out() = model(x) for the first b rows, inference mode (no dropout). */
  forward(b: number): void;
  /**
   * After forward(b) (nothing else in between): dx()[r] = sum_k dOut()[r, k] * d out()[r, k] / d x()[r]
   * for the first b rows, in inference mode. Leaves grads() unchanged.
   */
  backwardInput(b: number): void;
  /**
   * Training-mode forward (mask() applied), loss and backward for the first b rows; grads()
   * holds the gradients. Returns the loss.
   */
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

/** Outputs per y column: the quantile count of a pinball head, else 1. */
export function outputsPerY(shape: Pick<EngineShape, 'loss'>): number {
  return shape.loss?.kind === 'pinball' ? shape.loss.quantiles.length : 1;
}

/** Columns of y (the horizon). */
export function yWidth(shape: Pick<EngineShape, 'loss' | 'outputs'>): number {
  return shape.outputs / outputsPerY(shape);
}

/** Floats in mask(): one [maxBatch, lookback, units] slab per layer below the top. */
export function maskSize(shape: EngineShape): number {
  return (shape.dropout ?? 0) > 0 ? (shape.layers - 1) * shape.maxBatch * shape.lookback * shape.units : 0;
}

/** Loss kind codes of the wasm module's setup(). */
export function lossCode(loss: HeadLoss | undefined): number {
  return loss?.kind === 'logistic' ? 1 : loss?.kind === 'pinball' ? 2 : 0;
}

export function checkShape(shape: EngineShape): void {
  const ints = { layers: shape.layers, units: shape.units, features: shape.features, lookback: shape.lookback, outputs: shape.outputs, maxBatch: shape.maxBatch };
  for (const [name, v] of Object.entries(ints)) {
    if (!Number.isInteger(v) || v < 1) throw new Error(`fused engine: ${name} must be an integer >= 1, got ${v}`);
  }
  const rate = shape.dropout ?? 0;
  if (!(rate >= 0 && rate < 1)) throw new Error(`fused engine: dropout must be in [0, 1), got ${rate}`);
  if (shape.loss?.kind === 'pinball') {
    const { quantiles } = shape.loss;
    if (quantiles.length === 0 || quantiles.some((q) => !(q > 0 && q < 1))) {
      throw new Error(`fused engine: quantiles must be in (0, 1), got [${quantiles.join(', ')}]`);
    }
    if (shape.outputs % quantiles.length !== 0) {
      throw new Error(`fused engine: outputs ${shape.outputs} is not horizon x ${quantiles.length} quantiles`);
    }
  }
}
