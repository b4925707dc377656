/**
 * Test-only set-up shared by the fused-engine parity tests: build the wasm module and use the
 * cpu backend before the file's tests, and log the worst errors measured after them.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll } from 'vitest';
import { buildWasm } from '../../../scripts/build-wasm.mjs';
import type { EngineShape, FusedEngine } from './engine';
import { createJsEngine } from './jsEngine';
import { createWasmEngine } from './wasmEngine';

export type EngineKind = 'wasm' | 'js';

export const makeEngine = (kind: EngineKind, shape: EngineShape): Promise<FusedEngine> =>
  kind === 'wasm' ? createWasmEngine(shape) : Promise.resolve(createJsEngine(shape));

/** Registers the hooks; returns `note(key, error)`, which keeps the worst error per key for the log. */
export function parityHarness(label: string): (key: string, value: number) => void {
  const worst: Record<string, number> = {};
  beforeAll(async () => {
    await buildWasm({ quiet: true });
    await tf.setBackend('cpu');
  });
  // The measured worst cases, for the record (vitest shows console output of the file).
  afterAll(() => console.log(`${label}, worst errors: ${JSON.stringify(worst)}`));
  return (key, value) => void (worst[key] = Math.max(worst[key] ?? 0, value));
}
