/**
 * The parts of the WGSL programs that Node can check: the scaffolding version they were written
 * against, shader keys that change with the generated code, and the dispatch size. Whether the
 * WGSL compiles and computes the right numbers is selftest.html's job (e2e/webgpu-kernels.spec.ts).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { lstmStepBackwardProgram, lstmStepForwardProgram, type StepDims } from './wgslPrograms';

const dims: StepDims = { batch: 5, timesteps: 7, inputStride: 3, features: 3, units: 16 };

describe('WGSL LSTM step programs', () => {
  it('were written against tfjs-backend-webgpu 4.22 (its program scaffolding is not a stable API)', () => {
    const pkg = JSON.parse(readFileSync(new URL('../../../node_modules/@tensorflow/tfjs-backend-webgpu/package.json', import.meta.url), 'utf8')) as { version: string };
    expect(pkg.version, 'a new tfjs-backend-webgpu: run selftest.html, check the scaffolding names, then update this pin').toBe('4.22.0');
  });

  it('change their shaderKey whenever the generated code changes', () => {
    const keys = new Set<string>();
    for (const make of [lstmStepForwardProgram, lstmStepBackwardProgram]) {
      for (const activation of ['sigmoid', 'hardSigmoid'] as const) {
        for (const d of [dims, { ...dims, units: 8 }, { ...dims, inputStride: 48 }, { ...dims, batch: 4 }, { ...dims, timesteps: 3 }]) {
          const program = make(d, activation);
          keys.add(program.shaderKey);
          expect(program.getUserCode()).toContain('fn main(index : i32)');
        }
      }
    }
    expect(keys.size).toBe(20);
  });

  it('dispatch one thread per (batch row, unit) and read the step index from a uniform', () => {
    const program = lstmStepForwardProgram(dims, 'sigmoid');
    expect(program.outputShape).toEqual([5, 6 * 16]);
    expect(program.dispatch).toEqual([Math.ceil((5 * 16) / 64), 1, 1]);
    expect(program.uniforms).toContain('timeStep : i32');
    expect(program.getUserCode()).toContain('uniforms.timeStep');
    expect(lstmStepBackwardProgram(dims, 'hardSigmoid').getUserCode()).toContain('select(0.0, 0.2');
  });
});
