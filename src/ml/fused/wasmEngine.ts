/**
 * The wasm SIMD fused engine: one instance of asm/fused_rnn.ts per engine. setup() lays out
 * and grows memory once; the views below are made after it (memory.grow detaches old views) and
 * remade if the buffer ever changes.
 */
import { checkShape, lossCode, maskSize, paramCount, yWidth, type EngineShape, type FusedEngine, type StepOptions, type StepResult } from './engine';
import { instantiateFused, loadFusedModule, type WasmSource } from './loadWasm';

interface FusedExports {
  memory: WebAssembly.Memory;
  setup(
    cell: number, layers: number, maxBatch: number, steps: number, features: number, units: number, outputs: number, hard: number,
    loss: number, quantiles: number, dropout: number,
  ): number;
  paramsPtr(): number;
  gradsPtr(): number;
  xPtr(): number;
  yPtr(): number;
  outPtr(): number;
  tauPtr(): number;
  maskPtr(): number;
  doutPtr(): number;
  dxPtr(): number;
  lastApplied(): number;
  forward(b: number): void;
  backwardInput(b: number): void;
  gradients(b: number): number;
  trainStep(b: number, optimizer: number, lr: number, beta1: number, beta2: number, epsilon: number, clipNorm: number): number;
  resetOptimizer(beta1: number, beta2: number): void;
}

export async function createWasmEngine(shape: EngineShape, source?: WasmSource | WebAssembly.Module): Promise<FusedEngine> {
  checkShape(shape);
  const module = source instanceof WebAssembly.Module ? source : await loadFusedModule(source);
  const instance = await instantiateFused(module);
  const ex = instance.exports as unknown as FusedExports;
  const { maxBatch: B, lookback: T, features: F, outputs: O } = shape;
  const quantiles = shape.loss?.kind === 'pinball' ? shape.loss.quantiles : [];
  const dropout = (shape.dropout ?? 0) > 0 ? 1 : 0;
  const n = ex.setup(shape.cell === 'gru' ? 1 : 0, shape.layers, B, T, F, shape.units, O, shape.hardSigmoid ? 1 : 0, lossCode(shape.loss), quantiles.length, dropout);
  if (n !== paramCount(shape)) throw new Error(`fused wasm: module counts ${n} parameters, expected ${paramCount(shape)}; rebuild it`);
  new Float32Array(ex.memory.buffer, ex.tauPtr(), quantiles.length).set(quantiles);
  const pointers = { params: ex.paramsPtr(), grads: ex.gradsPtr(), x: ex.xPtr(), y: ex.yPtr(), out: ex.outPtr(), mask: ex.maskPtr(), dOut: ex.doutPtr(), dx: ex.dxPtr() };
  const sizes = { params: n, grads: n, x: B * T * F, y: B * yWidth(shape), out: B * O, mask: maskSize(shape), dOut: B * O, dx: B * T * F };
  type Name = keyof typeof pointers;
  let buffer: ArrayBuffer | null = null;
  let views = {} as Record<Name, Float32Array>;
  const view = (name: Name): Float32Array => {
    if (buffer !== ex.memory.buffer) {
      buffer = ex.memory.buffer;
      const b = buffer;
      views = Object.fromEntries(
        (Object.keys(pointers) as Name[]).map((k) => [k, new Float32Array(b, pointers[k], sizes[k])]),
      ) as Record<Name, Float32Array>;
    }
    return views[name];
  };
  const checkBatch = (b: number): void => {
    if (!Number.isInteger(b) || b < 1 || b > B) throw new Error(`fused engine: batch must be an integer in [1, ${B}], got ${b}`);
  };
  return {
    kind: 'wasm',
    shape: { ...shape },
    paramCount: n,
    params: () => view('params'),
    grads: () => view('grads'),
    x: () => view('x'),
    y: () => view('y'),
    out: () => view('out'),
    mask: () => view('mask'),
    dOut: () => view('dOut'),
    dx: () => view('dx'),
    forward(b: number) {
      checkBatch(b);
      ex.forward(b);
    },
    backwardInput(b: number) {
      checkBatch(b);
      ex.backwardInput(b);
    },
    gradients(b: number) {
      checkBatch(b);
      return ex.gradients(b);
    },
    step(b: number, o: StepOptions): StepResult {
      checkBatch(b);
      const loss = ex.trainStep(b, o.optimizer === 'sgd' ? 1 : 0, o.learningRate, o.beta1, o.beta2, o.epsilon, o.clipNorm ?? 0);
      return { loss, applied: ex.lastApplied() === 1 };
    },
    resetOptimizer(beta1: number, beta2: number) {
      ex.resetOptimizer(beta1, beta2);
    },
  };
}
