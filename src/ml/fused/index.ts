/**
 * The fused recurrent engine (FUSED-RNN.md): LSTM/GRU training with the whole step in one wasm
 * SIMD call per batch (asm/, built by scripts/build-wasm.mjs) or in plain typed-array JS, weights
 * in the tfjs layout both ways. `trainFused` has trainModel's contract for lstm/gru models (every
 * target, dropout between stacked layers); `fusedUnsupported` says when a spec must stay on tfjs
 * layers (recurrentDropout).
 */
export { ADAM_DEFAULTS, paramCount, weightShapes } from './engine';
export type { CellKind, EngineShape, FusedEngine, HeadLoss, StepOptions, StepResult } from './engine';
export { fillDropoutMasks } from './dropout';
export { createJsEngine } from './jsEngine';
export { DEFAULT_WASM_URL, loadFusedModule, wasmSimdSupported } from './loadWasm';
export type { WasmSource } from './loadWasm';
export { createWasmEngine } from './wasmEngine';
export { createEngine, fusedUnsupported, headLossOf, setModelWeights, trainFused } from './fusedTrainer';
export type { FusedOptions, FusedTrainedModel } from './fusedTrainer';
