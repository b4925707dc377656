/**
 * The packed per-step tensors shared by the WGSL kernels and the tf-ops reference. A WebGPU
 * program has ONE output buffer, so each step writes everything the next step and the backward
 * pass read into one [B, 6H] row-major tensor; nothing is split with extra tfjs ops.
 *
 * Forward state of step t, [B, 6H], column blocks of width H:
 *   0 h_t | 1 c_t | 2 i | 3 f | 4 g (= tanh candidate) | 5 o      (gate activations, tfjs order)
 * The next step reads h and c from it; the backward step reads c and the four activations (the
 * gate derivatives are functions of the activations, for sigmoid and for hardSigmoid).
 *
 * Backward carry of step t, [B, 6H]:
 *   0..3 dz_i, dz_f, dz_g, dz_o   (loss gradient w.r.t. the gate PRE-activations, [B, 4H])
 *   4    dc_{t-1}                 (through the cell path: dc_t * f)
 *   5    dh_{t-1} via recurrence  (dz · Whᵀ; the gradient from above is added by the next step)
 * Blocks 0..3 of all steps, stacked, are what the weight-gradient matmuls after the loop reduce.
 */

export const STATE_BLOCKS = { h: 0, c: 1, i: 2, f: 3, g: 4, o: 5 } as const;
export const CARRY_BLOCKS = { gates: 0, dcPrev: 4, dhPrev: 5 } as const;
/** Both packed tensors are 6 blocks of H columns wide. */
export const PACKED_BLOCKS = 6;

export type GateActivation = 'sigmoid' | 'hardSigmoid';

/** One LSTM layer's weights in the tf.layers.lstm layout (gate order i, f, c, o). */
export interface LstmLayerWeights<T> {
  /** [F, 4H] */
  kernel: T;
  /** [H, 4H] */
  recurrentKernel: T;
  /** [4H] */
  bias: T;
}
