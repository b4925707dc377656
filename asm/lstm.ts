// AssemblyScript: one LSTM layer, forward and backpropagation through time (tfjs LSTMCell
// semantics, gate order i, f, c, o; `hard` selects hardSigmoid for the gates).
import { gate, gateGrad, gemm, broadcastRows, colSum, fill, tanh, transpose } from './kernels';
import { ACT, AUX, BI, CS, DC, DH, DHX, DIN, FL, G, GBI, GWH, GWX, H, HS, IN, T, WH, WHT, WX, WXT, hard, lf } from './state';

/** h_t, c_t and the gate activations for all t of the first b samples. */
export function lstmForward(l: i32, b: i32): void {
  const fl = <i32>lf(l, FL);
  const act = lf(l, ACT);
  const hs = lf(l, HS);
  const cs = lf(l, CS);
  const tc = lf(l, AUX);
  const wh = lf(l, WH);
  const rows = b * T;
  // The input projection of every timestep in one matmul, bias first.
  broadcastRows(lf(l, BI), act, G, rows, G);
  gemm(lf(l, IN), fl, 1, lf(l, WX), G, act, G, rows, G, fl, true);
  for (let t = 0; t < T; t++) {
    if (t > 0) gemm(hs + (<usize>((t - 1) * H) << 2), T * H, 1, wh, G, act + (<usize>(t * G) << 2), T * G, b, G, H, true);
    for (let s = 0; s < b; s++) {
      const r = s * T + t;
      const a = act + (<usize>(r * G) << 2);
      const hc = <usize>(r * H) << 2;
      for (let j = 0; j < H; j++) {
        const o4 = <usize>j << 2;
        const i = gate(load<f32>(a + o4), hard);
        const f = gate(load<f32>(a + o4 + (<usize>H << 2)), hard);
        const g = tanh(load<f32>(a + o4 + (<usize>(2 * H) << 2)));
        const o = gate(load<f32>(a + o4 + (<usize>(3 * H) << 2)), hard);
        const cPrev: f32 = t > 0 ? load<f32>(cs + hc - (<usize>H << 2) + o4) : 0;
        const c = f * cPrev + i * g;
        const tcv = tanh(c);
        store<f32>(a + o4, i);
        store<f32>(a + o4 + (<usize>H << 2), f);
        store<f32>(a + o4 + (<usize>(2 * H) << 2), g);
        store<f32>(a + o4 + (<usize>(3 * H) << 2), o);
        store<f32>(cs + hc + o4, c);
        store<f32>(tc + hc + o4, tcv);
        store<f32>(hs + hc + o4, o * tcv);
      }
    }
  }
}

/**
 * BPTT from DHX (dLoss/dh_t from above). The time loop computes gate gradients (in place of the
 * activations) and dh_(t-1) only; the weight gradients are reductions after the loop.
 */
export function lstmBackward(l: i32, b: i32, weights: bool): void {
  const fl = <i32>lf(l, FL);
  const act = lf(l, ACT);
  const hs = lf(l, HS);
  const cs = lf(l, CS);
  const tc = lf(l, AUX);
  const dhx = lf(l, DHX);
  const wht = lf(l, WHT);
  const rows = b * T;
  transpose(lf(l, WH), wht, H, G);
  fill(DH, b * H, 0);
  fill(DC, b * H, 0);
  for (let t = T - 1; t >= 0; t--) {
    for (let s = 0; s < b; s++) {
      const r = s * T + t;
      const a = act + (<usize>(r * G) << 2);
      const hc = <usize>(r * H) << 2;
      const sc = <usize>(s * H) << 2;
      for (let j = 0; j < H; j++) {
        const o4 = <usize>j << 2;
        const i = load<f32>(a + o4);
        const f = load<f32>(a + o4 + (<usize>H << 2));
        const g = load<f32>(a + o4 + (<usize>(2 * H) << 2));
        const o = load<f32>(a + o4 + (<usize>(3 * H) << 2));
        const tcv = load<f32>(tc + hc + o4);
        const cPrev: f32 = t > 0 ? load<f32>(cs + hc - (<usize>H << 2) + o4) : 0;
        const dh = load<f32>(dhx + hc + o4) + load<f32>(DH + sc + o4);
        const dc = load<f32>(DC + sc + o4) + dh * o * (<f32>1 - tcv * tcv);
        store<f32>(DC + sc + o4, dc * f);
        store<f32>(a + o4, dc * g * gateGrad(i, hard));
        store<f32>(a + o4 + (<usize>H << 2), dc * cPrev * gateGrad(f, hard));
        store<f32>(a + o4 + (<usize>(2 * H) << 2), dc * i * (<f32>1 - g * g));
        store<f32>(a + o4 + (<usize>(3 * H) << 2), dh * tcv * gateGrad(o, hard));
      }
    }
    if (t > 0) gemm(act + (<usize>(t * G) << 2), T * G, 1, wht, H, DH, H, b, H, G, false);
  }
  // dW = X^T dZ over all (sample, t); dWh pairs h_(t-1) with dZ_t per sample.
  if (weights) {
    gemm(lf(l, IN), 1, fl, act, G, lf(l, GWX), G, fl, G, rows, false);
    const gwh = lf(l, GWH);
    fill(gwh, H * G, 0);
    for (let s = 0; s < b; s++) {
      gemm(hs + (<usize>(s * T * H) << 2), 1, H, act + (<usize>((s * T + 1) * G) << 2), G, gwh, G, H, G, T - 1, true);
    }
    colSum(act, G, rows, G, lf(l, GBI));
  }
  const din = lf(l, DIN);
  if (din != 0) {
    transpose(lf(l, WX), lf(l, WXT), fl, G);
    gemm(act, G, 1, lf(l, WXT), fl, din, fl, rows, fl, G, false);
  }
}
