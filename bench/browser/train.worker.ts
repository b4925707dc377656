/**
 * Trains the reference models for ONE epoch (after a warm-up) on one backend and reports
 * samples/s. One worker per backend: a wasm backend cannot switch threads on or off once started.
 */
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import '@tensorflow/tfjs-backend-webgpu';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { CancelledError, type ModelSpecInput } from '../../src/core/executor';
import { disposeModel, trainModel } from '../../src/ml/train';
import { fusedMatrix } from '../fusedMatrix';
import { referenceData, REFERENCE } from '../reference';
import type { BenchModel, TrainMeasurement, TrainReply, TrainRequest } from './protocol';

const post = (reply: TrainReply) => (globalThis as unknown as DedicatedWorkerGlobalScope).postMessage(reply);

function spec(model: BenchModel): ModelSpecInput {
  const { lookback, units } = REFERENCE;
  if (model === 'attention') return { type: 'attention', lookback, dModel: units };
  if (model === 'fusedLstm' || model === 'fusedGru') return { type: model === 'fusedLstm' ? 'lstm' : 'gru', lookback, units, engine: 'fused' };
  return { type: model, lookback, units, engine: 'tfjs' };
}

async function start(request: TrainRequest): Promise<Record<string, unknown>> {
  if (request.backend === 'wasm' || request.backend === 'wasm-threads') {
    setWasmPaths({ 'tfjs-backend-wasm.wasm': wasmUrl, 'tfjs-backend-wasm-simd.wasm': wasmSimdUrl, 'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl });
    tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', request.backend === 'wasm-threads');
    if (!(await tf.setBackend('wasm'))) throw new Error('setBackend(wasm) returned false');
    return { simd: await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'), threads: getThreadsCount() };
  }
  if (request.backend === 'webgpu') {
    const adapter = await navigator.gpu?.requestAdapter();
    if (!adapter) throw new Error('no WebGPU adapter (navigator.gpu.requestAdapter() gave none)');
    if (!(await tf.setBackend('webgpu'))) throw new Error('setBackend(webgpu) returned false');
    const info = adapter.info;
    return { adapter: [info.vendor, info.architecture, info.description].filter(Boolean).join(' / '), isFallbackAdapter: info.isFallbackAdapter ?? null };
  }
  if (!(await tf.setBackend('cpu'))) throw new Error('setBackend(cpu) returned false');
  return {};
}

async function measure(model: BenchModel, request: TrainRequest): Promise<TrainMeasurement> {
  const training = { epochs: 1, batchSize: REFERENCE.batchSize, learningRate: 0.001, seed: 1, validationFraction: 0 };
  const batches = Math.ceil(REFERENCE.samples / REFERENCE.batchSize);
  const full = referenceData();
  // Warm-up: two batches of the same shapes (shader compilation, wasm start, first allocations).
  const warm = { ...full, n: REFERENCE.batchSize * 2, x: full.x.slice(0, REFERENCE.batchSize * 2 * REFERENCE.lookback * REFERENCE.features), y: full.y.slice(0, REFERENCE.batchSize * 2) };
  let warmupMs = performance.now();
  disposeModel(await trainModel(spec(model), training, warm));
  warmupMs = performance.now() - warmupMs;
  post({ type: 'progress', message: `${request.backend} ${model}: warm-up ${Math.round(warmupMs)} ms` });

  const cap = request.capBatches;
  const ends: number[] = [];
  const started = performance.now();
  try {
    const trained = await trainModel(spec(model), training, full, {
      onProgress: () => {
        ends.push(performance.now());
        if (ends.length % 8 === 0) post({ type: 'progress', message: `${request.backend} ${model}: batch ${ends.length}/${batches}` });
      },
      shouldStop: () => cap !== undefined && ends.length >= cap,
    });
    disposeModel(trained);
  } catch (err) {
    if (!(err instanceof CancelledError)) throw err;
  }
  const measured = ends.length;
  const lastEnd = ends[measured - 1] ?? performance.now();
  const epochMs = measured === 0 ? null : ((lastEnd - started) / measured) * batches;
  return {
    model,
    backend: request.backend,
    samplesPerSecond: epochMs === null ? null : REFERENCE.samples / (epochMs / 1000),
    epochMs,
    batchesMeasured: measured,
    batches,
    extrapolated: measured < batches,
    warmupMs,
  };
}

self.onmessage = async (event: MessageEvent<TrainRequest>) => {
  const request = event.data;
  try {
    post({ type: 'started', backend: request.backend, detail: await start(request) });
  } catch (err) {
    post({ type: 'error', message: err instanceof Error ? err.message : String(err) });
    return;
  }
  if (request.fusedMatrix) {
    try {
      post({ type: 'matrix', runs: await fusedMatrix((message) => post({ type: 'progress', message })) });
    } catch (err) {
      post({ type: 'error', message: `fused matrix: ${err instanceof Error ? err.message : String(err)}` });
      return;
    }
  }
  for (const model of request.models) {
    try {
      post({ type: 'result', measurement: await measure(model, request) });
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      const failed: TrainMeasurement = { model, backend: request.backend, samplesPerSecond: null, epochMs: null, batchesMeasured: 0, batches: 0, extrapolated: false, warmupMs: 0, error: message };
      post({ type: 'result', measurement: failed });
    }
  }
  post({ type: 'done' });
};
