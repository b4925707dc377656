/**
 * Custom, serializable tfjs layers. Each declares a `className` and is registered with
 * `tf.serialization.registerClass` when this module loads, so a saved model that uses them loads
 * again (import this module before `tf.loadLayersModel`). See PITFALLS.md: tfjs has no
 * MultiHeadAttention, and `tf.layers.layerNormalization` trains 20x slower (Tile gradient).
 */
import * as tf from '@tensorflow/tfjs';
import { cos, pow, sin } from '../../core/math';

type Kwargs = Record<string, unknown>;
type Shape = (number | null)[];

function one(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
  const x = Array.isArray(inputs) ? inputs[0] : inputs;
  if (!x) throw new Error('layer: expected one input tensor');
  return x;
}

function lastDim(inputShape: Shape | Shape[], layer: string): number {
  const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
  const d = shape[shape.length - 1];
  if (typeof d !== 'number') throw new Error(`${layer}: the last input dimension must be known`);
  return d;
}

/**
 * Dropout with a seeded mask stream: call k of a layer with seed s draws its mask from seed
 * s + 7919 k, so two runs with the same seed drop the same units (tfjs's dropout takes no seed
 * stream: unseeded it uses Math.random, seeded it repeats one mask forever).
 */
export class SeededDropout extends tf.layers.Layer {
  static readonly className = 'CflSeededDropout';
  readonly rate: number;
  readonly seed: number;
  private calls = 0;

  constructor(args: { rate: number; seed: number; name?: string; trainable?: boolean }) {
    super(args);
    if (!(args.rate >= 0 && args.rate < 1)) throw new Error(`dropout rate must be in [0, 1), got ${args.rate}`);
    this.rate = args.rate;
    this.seed = args.seed;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[], kwargs: Kwargs): tf.Tensor {
    const x = one(inputs);
    if (kwargs['training'] !== true || this.rate === 0) return x;
    const seed = this.seed + 7919 * this.calls++;
    return tf.tidy(() => {
      const keep = tf.randomUniform(x.shape, 0, 1, 'float32', seed).greaterEqual(this.rate).toFloat();
      return x.mul(keep).div(1 - this.rate);
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), rate: this.rate, seed: this.seed };
  }
}

/** Layer normalisation over the last axis with broadcasting (no Tile in the gradient). */
export class LayerNorm extends tf.layers.Layer {
  static readonly className = 'CflLayerNorm';
  readonly epsilon: number;
  private gamma: tf.LayerVariable | null = null;
  private beta: tf.LayerVariable | null = null;

  constructor(args: { epsilon?: number; name?: string; trainable?: boolean } = {}) {
    super(args);
    this.epsilon = args.epsilon ?? 1e-5;
  }

  override build(inputShape: Shape | Shape[]): void {
    const d = lastDim(inputShape, 'LayerNorm');
    this.gamma = this.addWeight('gamma', [d], 'float32', tf.initializers.ones());
    this.beta = this.addWeight('beta', [d], 'float32', tf.initializers.zeros());
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const { gamma, beta } = this;
    if (!gamma || !beta) throw new Error('LayerNorm: call before build');
    return tf.tidy(() => {
      const x = one(inputs);
      const centred = x.sub(x.mean(-1, true));
      const variance = centred.square().mean(-1, true);
      return centred.div(variance.add(this.epsilon).sqrt()).mul(gamma.read()).add(beta.read());
    });
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), epsilon: this.epsilon };
  }
}

/** Adds the fixed sinusoidal position code of "Attention is all you need" to [batch, time, d]. */
export class PositionalEncoding extends tf.layers.Layer {
  static readonly className = 'CflPositionalEncoding';
  private table: Float32Array | null = null;
  private tableShape: [number, number] = [0, 0];

  constructor(args: { name?: string; trainable?: boolean } = {}) {
    super(args);
  }

  override build(inputShape: Shape | Shape[]): void {
    const shape = (Array.isArray(inputShape[0]) ? inputShape[0] : inputShape) as Shape;
    const steps = shape[1];
    const d = lastDim(inputShape, 'PositionalEncoding');
    if (typeof steps !== 'number') throw new Error('PositionalEncoding: the time dimension must be known');
    const table = new Float32Array(steps * d);
    for (let pos = 0; pos < steps; pos++) {
      for (let i = 0; i < d; i++) {
        const angle = pos / pow(10000, (2 * Math.floor(i / 2)) / d);
        table[pos * d + i] = i % 2 === 0 ? sin(angle) : cos(angle);
      }
    }
    this.table = table;
    this.tableShape = [steps, d];
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const { table } = this;
    if (!table) throw new Error('PositionalEncoding: call before build');
    return tf.tidy(() => one(inputs).add(tf.tensor2d(table, this.tableShape)));
  }
}

/**
 * Multi-head self-attention over [batch, time, dModel]: per-head scaled dot products with a
 * batched matMul(q, k, false, true), softmax over keys, then an output projection.
 */
export class MultiHeadSelfAttention extends tf.layers.Layer {
  static readonly className = 'CflMultiHeadSelfAttention';
  readonly heads: number;
  readonly seed: number;
  private w: tf.LayerVariable[] = [];
  private b: tf.LayerVariable[] = [];

  constructor(args: { heads: number; seed: number; name?: string; trainable?: boolean }) {
    super(args);
    if (!Number.isInteger(args.heads) || args.heads < 1) throw new Error(`attention heads must be an integer >= 1, got ${args.heads}`);
    this.heads = args.heads;
    this.seed = args.seed;
  }

  override build(inputShape: Shape | Shape[]): void {
    const d = lastDim(inputShape, 'MultiHeadSelfAttention');
    if (d % this.heads !== 0) throw new Error(`attention: dModel ${d} is not divisible by heads ${this.heads}`);
    this.w = ['q', 'k', 'v', 'o'].map((n, i) =>
      this.addWeight(`w${n}`, [d, d], 'float32', tf.initializers.glorotUniform({ seed: this.seed + i })),
    );
    this.b = ['q', 'k', 'v', 'o'].map((n) => this.addWeight(`b${n}`, [d], 'float32', tf.initializers.zeros()));
    this.built = true;
  }

  override computeOutputShape(inputShape: Shape | Shape[]): Shape | Shape[] {
    return inputShape;
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    const [, , wv, wo] = this.w;
    const [, , bv, bo] = this.b;
    if (!wv || !wo || !bv || !bo) throw new Error('MultiHeadSelfAttention: call before build');
    return tf.tidy(() => {
      const x = one(inputs);
      const [batch, steps, d] = x.shape as [number, number, number];
      const v = this.project(x, 2);
      const context = tf.matMul(this.probabilities(x), v).transpose([0, 2, 1, 3]).reshape([batch * steps, d]);
      return context.matMul(wo.read()).add(bo.read()).reshape([batch, steps, d]);
    });
  }

  /** The attention weights softmax(q k^T / sqrt(dh)), [batch, heads, query step, key step]; each row sums to 1. */
  probabilities(x: tf.Tensor): tf.Tensor {
    return tf.tidy(() => {
      const dh = (x.shape[2] as number) / this.heads;
      const scores = tf.matMul(this.project(x, 0), this.project(x, 1), false, true).mul(1 / Math.sqrt(dh));
      return tf.softmax(scores, -1);
    });
  }

  /** Projection `which` (0 q, 1 k, 2 v) split into heads: [batch, heads, steps, dh]. */
  private project(x: tf.Tensor, which: number): tf.Tensor {
    const w = this.w[which];
    const b = this.b[which];
    if (!w || !b) throw new Error('MultiHeadSelfAttention: call before build');
    const [batch, steps, d] = x.shape as [number, number, number];
    const dh = d / this.heads;
    return x.reshape([batch * steps, d]).matMul(w.read()).add(b.read()).reshape([batch, steps, this.heads, dh]).transpose([0, 2, 1, 3]);
  }

  override getConfig(): tf.serialization.ConfigDict {
    return { ...super.getConfig(), heads: this.heads, seed: this.seed };
  }
}

for (const cls of [SeededDropout, LayerNorm, PositionalEncoding, MultiHeadSelfAttention]) {
  tf.serialization.registerClass(cls);
}
