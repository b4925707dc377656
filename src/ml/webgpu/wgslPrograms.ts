/**
 * WGSL programs for one LSTM timestep (forward) and its gate gradients (backward), each ONE
 * dispatch. They follow the program scaffolding of @tensorflow/tfjs-backend-webgpu 4.22 (pinned
 * in package.json; not a stable API, see FUSED-RNN.md): the backend prepends the bindings (one
 * `array<f32>` per variable name, `result` for the output, `uniforms` with the shapes and our
 * `timeStep`) and calls `main(index)` with the flat global invocation index. Sizes are baked into
 * the code, so they are all in the shaderKey; the step index is a uniform, so every step of a
 * sequence shares one pipeline. Packed layouts: layout.ts. The step computes x_t·Wx itself rather
 * than reading a hoisted X·Wx: it is the same single dispatch and saves a [B, T, 4H] buffer.
 */
import { webgpu_util, type WebGPUProgram } from '@tensorflow/tfjs-backend-webgpu';
import { PACKED_BLOCKS, type GateActivation } from './layout';

export interface StepDims {
  batch: number;
  timesteps: number;
  /** Row width of the input sequence (>= features). */
  inputStride: number;
  features: number;
  units: number;
}

const WORKGROUP_SIZE: [number, number, number] = [64, 1, 1];
/** The program-defined uniform both programs declare (`runWebGPUProgram`'s 4th argument). */
export const stepUniform = (t: number): { type: 'int32'; data: number[] }[] => [{ type: 'int32', data: [t] }];

// tanh as tfjs-backend-webgpu writes it: the builtin overflows to NaN for large |z| on some drivers.
const activationCode = (activation: GateActivation): string => `
  fn tanhStable(z : f32) -> f32 {
    let e = exp(-2.0 * abs(z));
    return sign(z) * (1.0 - e) / (1.0 + e);
  }
  fn gateAct(z : f32) -> f32 {
    ${activation === 'sigmoid' ? 'return 1.0 / (1.0 + exp(-z));' : 'return clamp(0.2 * z + 0.5, 0.0, 1.0);'}
  }
  fn gateSlope(a : f32) -> f32 {
    ${activation === 'sigmoid' ? 'return a * (1.0 - a);' : 'return select(0.0, 0.2, a > 0.0 && a < 1.0);'}
  }
`;

function dimsKey(d: StepDims, activation: GateActivation): string {
  return `${d.batch}_${d.timesteps}_${d.inputStride}_${d.features}_${d.units}_${activation}`;
}

/**
 * The scaffolding both programs share: one thread per (batch row b, unit), a [B, PACKED_BLOCKS·H]
 * output, the step index as a uniform. `body` continues `main` after b and the unit are known.
 */
function stepProgram(
  name: string,
  variableNames: string[],
  d: StepDims,
  activation: GateActivation,
  unit: string,
  body: string,
): WebGPUProgram {
  const H = d.units;
  const threads = [d.batch, H];
  const dispatchLayout = webgpu_util.flatDispatchLayout(threads);
  return {
    variableNames,
    outputShape: [d.batch, PACKED_BLOCKS * H],
    workgroupSize: WORKGROUP_SIZE,
    dispatchLayout,
    dispatch: webgpu_util.computeDispatch(dispatchLayout, threads, WORKGROUP_SIZE),
    uniforms: 'timeStep : i32,',
    shaderKey: `${name}_v1_${dimsKey(d, activation)}`,
    getUserCode: () => `
      ${activationCode(activation)}
      fn main(index : i32) {
        if (index >= ${d.batch * H}) { return; }
        let b = index / ${H};
        let ${unit} = index - b * ${H};${body}`,
  };
}

/** One thread per (batch row, unit): the row's 4 gate sums for that unit, then c and h. */
export function lstmStepForwardProgram(d: StepDims, activation: GateActivation): WebGPUProgram {
  const H = d.units;
  const G = 4 * H;
  const W = PACKED_BLOCKS * H;
  return stepProgram('cflLstmStepForward', ['seqInput', 'kernelW', 'recurrentW', 'gateBias', 'prevState'], d, activation, 'j', `
        var zi = gateBias[j];
        var zf = gateBias[j + ${H}];
        var zg = gateBias[j + ${2 * H}];
        var zo = gateBias[j + ${3 * H}];
        let xRow = (b * ${d.timesteps} + uniforms.timeStep) * ${d.inputStride};
        for (var k = 0; k < ${d.features}; k++) {
          let v = seqInput[xRow + k];
          let w = k * ${G} + j;
          zi += v * kernelW[w];
          zf += v * kernelW[w + ${H}];
          zg += v * kernelW[w + ${2 * H}];
          zo += v * kernelW[w + ${3 * H}];
        }
        let row = b * ${W};
        for (var k = 0; k < ${H}; k++) {
          let v = prevState[row + k];
          let w = k * ${G} + j;
          zi += v * recurrentW[w];
          zf += v * recurrentW[w + ${H}];
          zg += v * recurrentW[w + ${2 * H}];
          zo += v * recurrentW[w + ${3 * H}];
        }
        let i = gateAct(zi);
        let f = gateAct(zf);
        let g = tanhStable(zg);
        let o = gateAct(zo);
        let c = f * prevState[row + ${H} + j] + i * g;
        result[row + j] = o * tanhStable(c);
        result[row + ${H} + j] = c;
        result[row + ${2 * H} + j] = i;
        result[row + ${3 * H} + j] = f;
        result[row + ${4 * H} + j] = g;
        result[row + ${5 * H} + j] = o;
      }
    `);
}

/**
 * One thread per (batch row, unit k). dh_{t-1}[k] = sum over units u and gates of dz[u]·Wh[k, u]
 * needs the whole row of dz, so each thread recomputes the row's gate gradients (O(H), like the
 * dot product it feeds) instead of a second dispatch; it stores only its own unit's.
 */
export function lstmStepBackwardProgram(d: StepDims, activation: GateActivation): WebGPUProgram {
  const H = d.units;
  const G = 4 * H;
  const W = PACKED_BLOCKS * H;
  return stepProgram('cflLstmStepBackward', ['dhAbove', 'carryNext', 'stepState', 'prevState', 'recurrentW'], d, activation, 'k', `
        let row = b * ${W};
        let aboveRow = (b * ${d.timesteps} + uniforms.timeStep) * ${H};
        let wRow = k * ${G};
        var dhPrev = 0.0;
        for (var u = 0; u < ${H}; u++) {
          let dh = dhAbove[aboveRow + u] + carryNext[row + ${5 * H} + u];
          let tanhC = tanhStable(stepState[row + ${H} + u]);
          let i = stepState[row + ${2 * H} + u];
          let f = stepState[row + ${3 * H} + u];
          let g = stepState[row + ${4 * H} + u];
          let o = stepState[row + ${5 * H} + u];
          let dc = carryNext[row + ${4 * H} + u] + dh * o * (1.0 - tanhC * tanhC);
          let dzI = dc * g * gateSlope(i);
          let dzF = dc * prevState[row + ${H} + u] * gateSlope(f);
          let dzG = dc * i * (1.0 - g * g);
          let dzO = dh * tanhC * gateSlope(o);
          dhPrev += dzI * recurrentW[wRow + u] + dzF * recurrentW[wRow + ${H} + u]
            + dzG * recurrentW[wRow + ${2 * H} + u] + dzO * recurrentW[wRow + ${3 * H} + u];
          if (u == k) {
            result[row + u] = dzI;
            result[row + ${H} + u] = dzF;
            result[row + ${2 * H} + u] = dzG;
            result[row + ${3 * H} + u] = dzO;
            result[row + ${4 * H} + u] = dc * f;
          }
        }
        result[row + ${5 * H} + k] = dhPrev;
      }
    `);
}
