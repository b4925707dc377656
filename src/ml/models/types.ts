/**
 * Shared shapes of the model registry: what a definition declares (parameter schema, defaults,
 * build) and what training produces. One file per model imports these; registry.ts lists them.
 */
import type * as tf from '@tensorflow/tfjs';
import type { ModelSpec, TargetSpec, WindowedData } from '../../core/executor';

/** A target with its defaults filled in. */
export type ResolvedTarget = { type: 'regression' } | { type: 'direction' } | { type: 'quantile'; quantiles: number[] };

export const DEFAULT_QUANTILES: readonly number[] = [0.1, 0.5, 0.9];

export function resolveTarget(target: TargetSpec | undefined): ResolvedTarget {
  if (target === undefined || target.type === 'regression') return { type: 'regression' };
  if (target.type === 'direction') return { type: 'direction' };
  const quantiles = target.quantiles ?? [...DEFAULT_QUANTILES];
  if (quantiles.length === 0) throw new Error('target.quantiles must list at least one quantile, e.g. [0.1, 0.5, 0.9]');
  quantiles.forEach((q, i) => {
    if (!(q > 0 && q < 1)) throw new Error(`target.quantiles[${i}] must be in (0, 1), got ${q}`);
    if (i > 0 && !(q > quantiles[i - 1]!)) throw new Error(`target.quantiles must be strictly increasing, got ${quantiles.join(', ')}`);
  });
  return { type: 'quantile', quantiles: [...quantiles] };
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

// ---- parameter schema -----------------------------------------------------------------------

interface ParamBase {
  name: string;
  description: string;
  /** Optional in the spec: missing means `default`. */
  optional?: boolean;
}
export interface NumberParam extends ParamBase {
  kind: 'int' | 'number';
  default: number;
  min: number;
  max: number;
}
export interface IntListParam extends ParamBase {
  kind: 'intList';
  default: number[];
  /** Bounds of every element. */
  min: number;
  max: number;
  maxLength: number;
}
export interface ChoiceParam extends ParamBase {
  kind: 'choice';
  default: string;
  options: readonly string[];
}
export interface ModelsParam extends ParamBase {
  kind: 'models';
  default: ModelSpec[];
  min: number;
  max: number;
}
export type ParamSchema = NumberParam | IntListParam | ChoiceParam | ModelsParam;

export interface ModelDefinition<S extends ModelSpec = ModelSpec> {
  type: S['type'];
  label: string;
  description: string;
  /** true: a tfjs model trained by gradient descent in train.ts. */
  trainable: boolean;
  params: readonly ParamSchema[];
  defaults: S;
  build(spec: S, shape: ModelShape, seed: number): BuiltModel;
  /** Array models: rebuild from `toJSON()` output. */
  restore?(json: unknown, shape: ModelShape): ArrayModel;
}

export const LOOKBACK_PARAM: NumberParam = {
  name: 'lookback',
  kind: 'int',
  default: 30,
  min: 1,
  max: 512,
  description: 'Bars of history in each window.',
};

/** Throws a precise error for the first field of `spec` outside its schema. */
export function checkParams(spec: ModelSpec, params: readonly ParamSchema[]): void {
  const record = spec as unknown as Record<string, unknown>;
  for (const p of params) {
    const value = record[p.name];
    if (value === undefined) {
      if (p.optional === true) continue;
      throw new Error(`${spec.type}.${p.name} is missing (default ${JSON.stringify(p.default)})`);
    }
    const where = `${spec.type}.${p.name}`;
    switch (p.kind) {
      case 'int':
      case 'number':
        checkNumber(where, value, p.kind === 'int', p.min, p.max);
        break;
      case 'intList':
        if (!Array.isArray(value) || value.length > p.maxLength) {
          throw new Error(`${where} must be a list of at most ${p.maxLength} integers, got ${JSON.stringify(value)}`);
        }
        value.forEach((v, i) => checkNumber(`${where}[${i}]`, v, true, p.min, p.max));
        break;
      case 'choice':
        if (typeof value !== 'string' || !p.options.includes(value)) {
          throw new Error(`${where} must be one of ${p.options.join(', ')}, got ${JSON.stringify(value)}`);
        }
        break;
      case 'models':
        if (!Array.isArray(value) || value.length < p.min || value.length > p.max) {
          throw new Error(`${where} must list ${p.min} to ${p.max} models, got ${Array.isArray(value) ? value.length : typeof value}`);
        }
        break;
    }
  }
}

function checkNumber(where: string, v: unknown, integer: boolean, min: number, max: number): void {
  const ok = typeof v === 'number' && Number.isFinite(v) && (!integer || Number.isInteger(v)) && v >= min && v <= max;
  if (!ok) throw new Error(`${where} must be ${integer ? 'an integer' : 'a number'} in [${min}, ${max}], got ${JSON.stringify(v)}`);
}

/** Consecutive seeds for the initializers of one model: same seed, same weights. */
export function seedStream(seed: number): () => number {
  let next = Math.floor(seed);
  return () => next++;
}
