/**
 * The WGSL LSTM engine (issue 6, item 3): one whole LSTM timestep per WebGPU dispatch forward and
 * one backward, registered as tfjs webgpu kernels; a tf-ops reference of the same step; explicit
 * BPTT with tfjs Adam; `trainWgsl` with trainModel's contract. train.ts uses it for LSTM
 * regression models whenever the backend is webgpu (`wgslEngineChoice`).
 */
export { activeWebGpuAdapter, classifyAdapter } from './adapterKind';
export type { WebGpuAdapterKind } from './adapterKind';
export { CARRY_BLOCKS, PACKED_BLOCKS, STATE_BLOCKS } from './layout';
export type { GateActivation, LstmLayerWeights } from './layout';
export { createTrainState, trainStep } from './lstmTraining';
export type { LstmTrainState, StepOutcome } from './lstmTraining';
export { referenceStepOps } from './referenceStep';
export type { LstmStepOps } from './referenceStep';
export { layerForward, lstmModelForward, lstmModelGradients, paramsFromList, paramsToList } from './sequence';
export type { LossAndGrads, LstmModelParams } from './sequence';
export { LSTM_STEP_BACKWARD_KERNEL, LSTM_STEP_FORWARD_KERNEL, registerLstmStepKernels, wgslStepOps } from './wgslStepOps';
export { trainWgsl, WGSL_ENGINE_LABEL } from './wgslTrainer';
export { wgslEngineChoice } from './usable';
export type { WgslChoice } from './usable';
