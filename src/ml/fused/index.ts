/**
 * The fused recurrent engine (FUSED-RNN.md): LSTM/GRU training with the whole step in one wasm
 * SIMD call per batch (asm/, built by scripts/build-wasm.mjs) or in plain typed-array JS, weights
 * in the tfjs layout both ways. `trainFused` has trainModel's contract for lstm/gru regression
 * models; `fusedUnsupported` says when a spec must stay on tfjs layers.
 */
export { ADAM_DEFAULTS, paramCount, weightShapes } from './engine';
export type { CellKind, EngineShape, FusedEngine, StepOptions, StepResult } from './engine';
export { createJsEngine } from './jsEngine';
export { DEFAULT_WASM_URL, loadFusedModule, wasmSimdSupported } from './loadWasm';
export type { WasmSource } from './loadWasm';
export { createWasmEngine } from './wasmEngine';
export { createEngine, fusedUnsupported, setModelWeights, trainFused } from './fusedTrainer';
export type { FusedOptions, FusedTrainedModel } from './fusedTrainer';
