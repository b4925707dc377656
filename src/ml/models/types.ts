/**
 * Shared shapes of the model registry: how a definition builds a model and what training
 * produces. One file per model imports these; registry.ts lists them.
 */
import type * as tf from '@tensorflow/tfjs';
import type { ModelSpec, TargetSpec, WindowedData } from '../../core/executor';
import { checkSpec, objectiveTargetSchema, type ResolvedTarget } from '../../spec';

export type { ResolvedTarget } from '../../spec';

/** The objective with its defaults filled and checked (quantiles in (0, 1), strictly increasing). */
export function resolveTarget(target: TargetSpec | undefined): ResolvedTarget {
  return checkSpec(objectiveTargetSchema, target ?? { type: 'regression' }, 'target');
}

/** Outputs per horizon step: one, or one per quantile. */
export function outputsPerStep(target: ResolvedTarget): number {
  return target.type === 'quantile' ? target.quantiles.length : 1;
}

export interface ModelShape {
  lookback: number;
  features: number;
  horizon: number;
  target: ResolvedTarget;
  /** horizon * outputsPerStep(target): the width of the model's output. */
  outputs: number;
}

/**
 * A model that fits and predicts from plain arrays (no tfjs). `predict` gives the final
 * [n, outputs] values: probabilities for a direction target, quantiles for a quantile target.
 */
export interface ArrayModel {
  readonly outputs: number;
  fit(data: WindowedData): void;
  predict(data: WindowedData): Float32Array;
  /**
   * d predict(data)[r, output] / d x_r, [n, lookback, features] like data.x, in closed form
   * (Executor.inputGradients); absent where the model has none.
   */
  inputGradients?(data: WindowedData, output: number): Float32Array;
  /** JSON-safe state, for storage; the definition's `restore` reads it back. */
  toJSON(): unknown;
}

/**
 * A layers model outputs raw values: regression values, direction LOGITS (train.ts applies the
 * sigmoid in predict and uses a logistic loss on logits), or quantiles.
 */
export type BuiltModel =
  | { kind: 'layers'; model: tf.LayersModel }
  | { kind: 'array'; model: ArrayModel }
  | { kind: 'ensemble' };

/** Stacking weights: out[h] = intercept[h] + sum_m weights[m * horizon + h] * member_m[h]. */
export interface StackWeights {
  weights: number[];
  intercept: number[];
}

export type FittedModel =
  | { kind: 'layers'; model: tf.LayersModel }
  | { kind: 'array'; model: ArrayModel }
  | { kind: 'ensemble'; combine: 'mean' | 'stacked'; members: TrainedModel[]; stack: StackWeights | null };

export interface TrainedModel {
  spec: ModelSpec;
  built: FittedModel;
  target: ResolvedTarget;
  lookback: number;
  features: number;
  horizon: number;
  outputs: number;
  /** Mean training loss per epoch (empty for models that do not train by gradient). */
  epochLoss: number[];
  /** Validation-tail loss per epoch (empty without a validation tail). */
  valLoss: number[];
  /** 1-based epoch whose weights were kept (0: no early stopping ran). */
  bestEpoch: number;
  /** True when early stopping ended training before `epochs`. */
  stoppedEarly: boolean;
  /** Steps skipped because the gradient was not finite. */
  skippedSteps: number;
  trainSeconds: number;
  /** What trained it ("fused wasm SIMD", "tfjs layers", ...), with the reason when it fell back. */
  engineLabel?: string;
}

/** A model's description before it trains: its shape and an empty training history. */
export function untrainedRecord(
  spec: ModelSpec,
  target: ResolvedTarget,
  shape: Pick<TrainedModel, 'lookback' | 'features' | 'horizon' | 'outputs'>,
): Omit<TrainedModel, 'built'> {
  const { lookback, features, horizon, outputs } = shape;
  return { spec, target, lookback, features, horizon, outputs, epochLoss: [], valLoss: [], bestEpoch: 0, stoppedEarly: false, skippedSteps: 0, trainSeconds: 0 };
}

/**
 * How a model is built and restored; its parameters, defaults and help are its declaration in
 * src/spec/models (one file each), and this definition is keyed by the same `type`.
 */
export interface ModelDefinition<S extends ModelSpec = ModelSpec> {
  type: S['type'];
  /** true: a tfjs model trained by gradient descent in train.ts. */
  trainable: boolean;
  build(spec: S, shape: ModelShape, seed: number): BuiltModel;
  /** Array models: rebuild from `toJSON()` output. */
  restore?(json: unknown, shape: ModelShape): ArrayModel;
}

/** Consecutive seeds for the initializers of one model: same seed, same weights. */
export function seedStream(seed: number): () => number {
  let next = Math.floor(seed);
  return () => next++;
}
