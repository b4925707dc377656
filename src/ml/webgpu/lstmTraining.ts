/**
 * One training step of the BPTT LSTM (sequence.ts) with tfjs Adam on named variables: the same
 * optimizer, epsilon and bias correction as a tf.layers model trained by train.ts, so the WGSL
 * path, the tf-ops path and tfjs layers agree step for step.
 */
import * as tf from '@tensorflow/tfjs';
import { applyClipped } from '../optimization';
import type { GateActivation } from './layout';
import type { LstmStepOps } from './referenceStep';
import { lstmModelGradients, paramsFromList, paramsToList, type LstmModelParams } from './sequence';

export interface LstmTrainState {
  params: LstmModelParams<tf.Variable>;
  optimizer: tf.AdamOptimizer;
  /** Sets the learning rate of the next step (tfjs Adam reads its field at every step). */
  setLearningRate(lr: number): void;
  dispose(): void;
}

let instances = 0;

/** Variables initialised from `initial` (getWeights() order). */
export function createTrainState(initial: readonly tf.Tensor[], learningRate: number): LstmTrainState {
  const id = ++instances;
  // A variable shares (and reference-counts) its initial data: the caller's tensors stay valid.
  const variables = initial.map((w, i) => tf.variable(w, true, `cflWgslLstm${id}_${i}`));
  const optimizer = tf.train.adam(learningRate);
  return {
    params: paramsFromList(variables),
    optimizer,
    setLearningRate: (lr) => void ((optimizer as unknown as { learningRate: number }).learningRate = lr),
    dispose: () => {
      optimizer.dispose();
      tf.dispose(variables);
    },
  };
}

export interface StepOutcome {
  loss: number;
  /** False when the gradient was not finite and the step was skipped. */
  applied: boolean;
}

/** Forward, BPTT and one Adam update (gradients clipped to `clipNorm` when given). */
export async function trainStep(
  ops: LstmStepOps,
  state: LstmTrainState,
  x: tf.Tensor3D,
  y: tf.Tensor2D,
  activation: GateActivation,
  clipNorm?: number,
): Promise<StepOutcome> {
  const { loss, grads } = lstmModelGradients(ops, state.params, x, y, activation);
  const variables = paramsToList(state.params);
  const named: tf.NamedTensorMap = {};
  paramsToList(grads).forEach((g, i) => (named[variables[i]!.name] = g));
  try {
    const applied = await applyClipped(state.optimizer, named, clipNorm);
    return { loss: (await loss.data())[0] ?? NaN, applied };
  } finally {
    loss.dispose();
  }
}
