/**
 * The WGSL step kernels as tfjs kernels of the webgpu backend, registered with the public API
 * (tf.registerKernel + WebGPUBackend.runWebGPUProgram), and as an LstmStepOps for the trainer.
 * No gradient is registered: training runs explicit BPTT (sequence.ts), never tf.grad over them.
 */
import * as tf from '@tensorflow/tfjs';
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { GateActivation } from './layout';
import type { LstmStepOps } from './referenceStep';
import { lstmStepBackwardProgram, lstmStepForwardProgram, stepUniform, type StepDims } from './wgslPrograms';

export const LSTM_STEP_FORWARD_KERNEL = 'CflLstmStepForward';
export const LSTM_STEP_BACKWARD_KERNEL = 'CflLstmStepBackward';

interface StepAttrs {
  timeStep: number;
  hardSigmoid: boolean;
}

function readAttrs(attrs: tf.NamedAttrMap | undefined, kernel: string): { t: number; activation: GateActivation } {
  const { timeStep, hardSigmoid } = (attrs ?? {}) as Partial<StepAttrs>;
  if (typeof timeStep !== 'number' || !Number.isInteger(timeStep)) throw new Error(`${kernel}: attr timeStep must be an integer, got ${String(timeStep)}`);
  return { t: timeStep, activation: hardSigmoid === true ? 'hardSigmoid' : 'sigmoid' };
}

function input(inputs: tf.NamedTensorInfoMap, name: string, kernel: string): tf.TensorInfo {
  const info = inputs[name];
  if (!info) throw new Error(`${kernel}: missing input "${name}"`);
  return info;
}

const forwardKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const name = LSTM_STEP_FORWARD_KERNEL;
  const { t, activation } = readAttrs(attrs, name);
  const ordered = ['seqInput', 'kernelW', 'recurrentW', 'gateBias', 'prevState'].map((n) => input(inputs, n, name));
  const [x, kernel, recurrent] = ordered as [tf.TensorInfo, tf.TensorInfo, tf.TensorInfo];
  const [batch = 0, timesteps = 0, inputStride = 0] = x.shape;
  const dims: StepDims = { batch, timesteps, inputStride, features: kernel.shape[0] ?? 0, units: recurrent.shape[0] ?? 0 };
  return (backend as WebGPUBackend).runWebGPUProgram(lstmStepForwardProgram(dims, activation), ordered, 'float32', stepUniform(t));
};

const backwardKernel: tf.KernelFunc = ({ inputs, backend, attrs }) => {
  const name = LSTM_STEP_BACKWARD_KERNEL;
  const { t, activation } = readAttrs(attrs, name);
  const ordered = ['dhAbove', 'carryNext', 'stepState', 'prevState', 'recurrentW'].map((n) => input(inputs, n, name));
  const [batch = 0, timesteps = 0, units = 0] = ordered[0]!.shape;
  const dims: StepDims = { batch, timesteps, inputStride: units, features: units, units };
  return (backend as WebGPUBackend).runWebGPUProgram(lstmStepBackwardProgram(dims, activation), ordered, 'float32', stepUniform(t));
};

/** Registers both kernels for 'webgpu' once; harmless where the webgpu backend never starts. */
export function registerLstmStepKernels(): void {
  for (const [kernelName, kernelFunc] of [
    [LSTM_STEP_FORWARD_KERNEL, forwardKernel],
    [LSTM_STEP_BACKWARD_KERNEL, backwardKernel],
  ] as const) {
    if (!tf.getKernel(kernelName, 'webgpu')) tf.registerKernel({ kernelName, backendName: 'webgpu', kernelFunc });
  }
}

function checkShapes(x: tf.Tensor3D, features: number, units: number, prev: tf.Tensor2D): void {
  const [batch, , stride] = x.shape;
  if (stride < features) throw new Error(`WGSL LSTM step: input rows have ${stride} values, the kernel expects ${features} features`);
  if (prev.shape[0] !== batch || prev.shape[1] !== 6 * units) {
    throw new Error(`WGSL LSTM step: state is [${prev.shape.join(', ')}], expected [${batch}, ${6 * units}]`);
  }
}

/** The kernels as LstmStepOps; the active backend must be webgpu. */
export const wgslStepOps: LstmStepOps = {
  name: 'WGSL',
  forward(x, weights, prev, t, activation) {
    registerLstmStepKernels();
    checkShapes(x, weights.kernel.shape[0]!, weights.recurrentKernel.shape[0]!, prev);
    const inputs = { seqInput: x, kernelW: weights.kernel, recurrentW: weights.recurrentKernel, gateBias: weights.bias, prevState: prev };
    const attrs: StepAttrs = { timeStep: t, hardSigmoid: activation === 'hardSigmoid' };
    return tf.engine().runKernel(LSTM_STEP_FORWARD_KERNEL, inputs, { ...attrs }) as tf.Tensor2D;
  },
  backward(dhAbove, carryNext, state, prevState, recurrentKernel, t, activation) {
    registerLstmStepKernels();
    const inputs = { dhAbove, carryNext, stepState: state, prevState, recurrentW: recurrentKernel };
    const attrs: StepAttrs = { timeStep: t, hardSigmoid: activation === 'hardSigmoid' };
    return tf.engine().runKernel(LSTM_STEP_BACKWARD_KERNEL, inputs, { ...attrs }) as tf.Tensor2D;
  },
};
