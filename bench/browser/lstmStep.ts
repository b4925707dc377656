/**
 * Dispatches and forward time per LSTM timestep on WebGPU, in the bench page: the WGSL step
 * kernel vs tf.layers.lstm's cell (src/selftest/stepProbe.ts). REFERENCE sizes; on the software
 * adapter the times say nothing about a GPU, the dispatch counts do.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { classifyAdapter } from '../../src/ml/webgpu';
import { installDispatchCounter } from '../../src/selftest/dispatchCounter';
import { probeSteps } from '../../src/selftest/stepProbe';
import { REFERENCE } from '../reference';
import type { LstmStepBench } from './protocol';

export async function lstmStepBench(): Promise<LstmStepBench> {
  try {
    const adapter = await navigator.gpu?.requestAdapter({ powerPreference: 'high-performance' });
    if (!adapter) return { error: 'no WebGPU adapter' };
    const { kind, name } = classifyAdapter(adapter.info, (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter);
    if (!(await tf.setBackend('webgpu'))) return { error: "tf.setBackend('webgpu') returned false" };
    if (!installDispatchCounter()) return { error: 'GPUComputePassEncoder is missing' };
    const probe = await probeSteps({ batch: REFERENCE.batchSize, features: REFERENCE.features, units: REFERENCE.units });
    return { ...probe, adapter: name, software: kind === 'software' };
  } catch (err) {
    return { error: err instanceof Error ? err.message : String(err) };
  }
}
