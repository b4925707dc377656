// AssemblyScript: one GRU layer, forward and backpropagation through time. tfjs GRUCell
// semantics (reset gate applied BEFORE the recurrent matmul, Keras reset_after = false; one bias
// on the input side): z = g(xz + h Uz), r = g(xr + h Ur), hh = tanh(xh + (r * h) Uh),
// h' = z * h + (1 - z) * hh. Gate order z, r, h.
import { gate, gateGrad, gemm, broadcastRows, colSum, fill, tanh, transpose } from './kernels';
import { ACT, AUX, BI, DH, DHX, DIN, FL, G, GBI, GWH, GWX, H, HS, IN, T, TMP, WH, WHT, WX, WXT, hard, lf } from './state';

export function gruForward(l: i32, b: i32): void {
  const fl = <i32>lf(l, FL);
  const act = lf(l, ACT);
  const hs = lf(l, HS);
  const rh = lf(l, AUX);
  const wh = lf(l, WH);
  const rows = b * T;
  const h4 = <usize>H << 2;
  broadcastRows(lf(l, BI), act, G, rows, G);
  gemm(lf(l, IN), fl, 1, lf(l, WX), G, act, G, rows, G, fl, true);
  for (let t = 0; t < T; t++) {
    const at = act + (<usize>(t * G) << 2);
    const hPrevT = hs + (<usize>((t - 1) * H) << 2);
    if (t > 0) gemm(hPrevT, T * H, 1, wh, G, at, T * G, b, 2 * H, H, true);
    for (let s = 0; s < b; s++) {
      const r = s * T + t;
      const a = act + (<usize>(r * G) << 2);
      const hc = <usize>(r * H) << 2;
      for (let j = 0; j < H; j++) {
        const o4 = <usize>j << 2;
        const z = gate(load<f32>(a + o4), hard);
        const rg = gate(load<f32>(a + o4 + h4), hard);
        const hPrev: f32 = t > 0 ? load<f32>(hs + hc - h4 + o4) : 0;
        store<f32>(a + o4, z);
        store<f32>(a + o4 + h4, rg);
        store<f32>(rh + hc + o4, rg * hPrev);
      }
    }
    if (t > 0) gemm(rh + (<usize>(t * H) << 2), T * H, 1, wh + (<usize>(2 * H) << 2), G, at + (h4 << 1), T * G, b, H, H, true);
    for (let s = 0; s < b; s++) {
      const r = s * T + t;
      const a = act + (<usize>(r * G) << 2);
      const hc = <usize>(r * H) << 2;
      for (let j = 0; j < H; j++) {
        const o4 = <usize>j << 2;
        const z = load<f32>(a + o4);
        const hh = tanh(load<f32>(a + o4 + (h4 << 1)));
        const hPrev: f32 = t > 0 ? load<f32>(hs + hc - h4 + o4) : 0;
        store<f32>(a + o4 + (h4 << 1), hh);
        store<f32>(hs + hc + o4, z * hPrev + (<f32>1 - z) * hh);
      }
    }
  }
}

export function gruBackward(l: i32, b: i32, weights: bool): void {
  const fl = <i32>lf(l, FL);
  const act = lf(l, ACT);
  const hs = lf(l, HS);
  const rh = lf(l, AUX);
  const dhx = lf(l, DHX);
  const wht = lf(l, WHT);
  const rows = b * T;
  const h4 = <usize>H << 2;
  transpose(lf(l, WH), wht, H, G);
  fill(DH, b * H, 0);
  for (let t = T - 1; t >= 0; t--) {
    const at = act + (<usize>(t * G) << 2);
    // 1: dz, d(pre-activation of hh); DH becomes the direct part dh * z of dh_(t-1).
    for (let s = 0; s < b; s++) {
      const r = s * T + t;
      const a = act + (<usize>(r * G) << 2);
      const hc = <usize>(r * H) << 2;
      const sc = <usize>(s * H) << 2;
      for (let j = 0; j < H; j++) {
        const o4 = <usize>j << 2;
        const z = load<f32>(a + o4);
        const hh = load<f32>(a + o4 + (h4 << 1));
        const hPrev: f32 = t > 0 ? load<f32>(hs + hc - h4 + o4) : 0;
        const dh = load<f32>(dhx + hc + o4) + load<f32>(DH + sc + o4);
        store<f32>(a + o4, dh * (hPrev - hh) * gateGrad(z, hard));
        store<f32>(a + o4 + (h4 << 1), dh * (<f32>1 - z) * (<f32>1 - hh * hh));
        store<f32>(DH + sc + o4, dh * z);
      }
    }
    if (t == 0) {
      // h_(-1) = 0: the reset gate had nothing to act on.
      for (let s = 0; s < b; s++) fill(act + (<usize>(s * T * G) << 2) + h4, H, 0);
      break;
    }
    // 2: d(r * h_(t-1)) = dah Uh^T.
    gemm(at + (h4 << 1), T * G, 1, wht + (<usize>(2 * H * H) << 2), H, TMP, H, b, H, H, false);
    // 3: dr and the part of dh_(t-1) through r * h_(t-1).
    for (let s = 0; s < b; s++) {
      const r = s * T + t;
      const a = act + (<usize>(r * G) << 2);
      const hc = <usize>(r * H) << 2;
      const sc = <usize>(s * H) << 2;
      for (let j = 0; j < H; j++) {
        const o4 = <usize>j << 2;
        const rg = load<f32>(a + o4 + h4);
        const drh = load<f32>(TMP + sc + o4);
        const hPrev = load<f32>(hs + hc - h4 + o4);
        store<f32>(DH + sc + o4, load<f32>(DH + sc + o4) + drh * rg);
        store<f32>(a + o4 + h4, drh * hPrev * gateGrad(rg, hard));
      }
    }
    // 4: the part through the z and r pre-activations.
    gemm(at, T * G, 1, wht, H, DH, H, b, H, 2 * H, true);
  }
  if (weights) {
    gemm(lf(l, IN), 1, fl, act, G, lf(l, GWX), G, fl, G, rows, false);
    const gwh = lf(l, GWH);
    fill(gwh, H * G, 0);
    for (let s = 0; s < b; s++) {
      const row1 = act + (<usize>((s * T + 1) * G) << 2);
      gemm(hs + (<usize>(s * T * H) << 2), 1, H, row1, G, gwh, G, H, 2 * H, T - 1, true);
      gemm(rh + (<usize>((s * T + 1) * H) << 2), 1, H, row1 + (h4 << 1), G, gwh + (h4 << 1), G, H, H, T - 1, true);
    }
    colSum(act, G, rows, G, lf(l, GBI));
  }
  const din = lf(l, DIN);
  if (din != 0) {
    transpose(lf(l, WX), lf(l, WXT), fl, G);
    gemm(act, G, 1, lf(l, WXT), fl, din, fl, rows, fl, G, false);
  }
}
