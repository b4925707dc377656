import type { Frame } from './frame';

/** SHA-256 (FIPS 180-4) in plain TypeScript: synchronous and identical in Node, workers and pages. */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01,
  0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc,
  0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147,
  0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
  0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08,
  0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

const H0 = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

/**
 * Compresses every whole 64-byte block of data[offset, end) into state. Words are kept as int32
 * (`| 0`) rather than uint32 (`>>> 0`) so V8 keeps them in small-integer registers: about 2x faster.
 */
function compressBlocks(state: Int32Array, w: Int32Array, data: Uint8Array, offset: number, end: number): void {
  let h0 = state[0]!, h1 = state[1]!, h2 = state[2]!, h3 = state[3]!;
  let h4 = state[4]!, h5 = state[5]!, h6 = state[6]!, h7 = state[7]!;
  for (let p = offset; p + 64 <= end; p += 64) {
    for (let i = 0, j = p; i < 16; i++, j += 4) {
      w[i] = (data[j]! << 24) | (data[j + 1]! << 16) | (data[j + 2]! << 8) | data[j + 3]!;
    }
    for (let i = 16; i < 64; i++) {
      const x = w[i - 15]!;
      const y = w[i - 2]!;
      const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
      const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
      w[i] = (w[i - 16]! + s0 + w[i - 7]! + s1) | 0;
    }
    let a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7;
    for (let i = 0; i < 64; i++) {
      const s1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
      const ch = (e & f) ^ (~e & g);
      const t1 = (h + s1 + ch + K[i]! + w[i]!) | 0;
      const s0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
      const maj = (a & b) ^ (a & c) ^ (b & c);
      h = g;
      g = f;
      f = e;
      e = (d + t1) | 0;
      d = c;
      c = b;
      b = a;
      a = (t1 + s0 + maj) | 0;
    }
    h0 = (h0 + a) | 0;
    h1 = (h1 + b) | 0;
    h2 = (h2 + c) | 0;
    h3 = (h3 + d) | 0;
    h4 = (h4 + e) | 0;
    h5 = (h5 + f) | 0;
    h6 = (h6 + g) | 0;
    h7 = (h7 + h) | 0;
  }
  state[0] = h0;
  state[1] = h1;
  state[2] = h2;
  state[3] = h3;
  state[4] = h4;
  state[5] = h5;
  state[6] = h6;
  state[7] = h7;
}

/** An incremental hasher, so large frames are hashed column by column without one big copy. */
export class Sha256 {
  private readonly state = Int32Array.from(H0);
  private readonly w = new Int32Array(64);
  private readonly block = new Uint8Array(64);
  private blockLength = 0;
  private bytes = 0;
  private finished = false;

  update(data: Uint8Array): this {
    if (this.finished) throw new Error('Sha256: update() after digestHex(); create a new hasher');
    let offset = 0;
    this.bytes += data.length;
    if (this.blockLength > 0) {
      const take = Math.min(64 - this.blockLength, data.length);
      this.block.set(data.subarray(0, take), this.blockLength);
      this.blockLength += take;
      offset = take;
      if (this.blockLength < 64) return this;
      compressBlocks(this.state, this.w, this.block, 0, 64);
      this.blockLength = 0;
    }
    const whole = offset + Math.floor((data.length - offset) / 64) * 64;
    // Slices of 4 KB: many short calls get the function optimised sooner than one long loop.
    for (let p = offset; p < whole; p += 4096) compressBlocks(this.state, this.w, data, p, Math.min(p + 4096, whole));
    if (whole < data.length) {
      this.block.set(data.subarray(whole), 0);
      this.blockLength = data.length - whole;
    }
    return this;
  }

  digestHex(): string {
    const bitLength = this.bytes * 8;
    const padding = new Uint8Array((this.blockLength < 56 ? 56 : 120) - this.blockLength + 8);
    padding[0] = 0x80;
    const view = new DataView(padding.buffer);
    view.setUint32(padding.length - 8, Math.floor(bitLength / 0x100000000));
    view.setUint32(padding.length - 4, bitLength >>> 0);
    this.update(padding);
    this.finished = true;
    return Array.from(this.state, (v) => (v >>> 0).toString(16).padStart(8, '0')).join('');
  }
}

const encoder = new TextEncoder();

export function sha256Hex(bytes: Uint8Array): string {
  return new Sha256().update(bytes).digestHex();
}

export function hashText(text: string): string {
  return sha256Hex(encoder.encode(text));
}

// Typed arrays use the platform's byte order; every platform we run on is little-endian.
const littleEndian = new Uint8Array(new Float64Array([1]).buffer)[7] === 0x3f;
const SCRATCH_VALUES = 8192;

/**
 * Feeds the little-endian float64 bytes of values to the hasher, every NaN written as the same bit
 * pattern (NaN payloads differ between producers but mean the same "missing"). Works through a
 * small scratch buffer so a column is never copied whole.
 */
function updateFloat64(hasher: Sha256, values: Float64Array): void {
  const scratch = new Float64Array(Math.min(SCRATCH_VALUES, values.length));
  const bytes = new Uint8Array(scratch.buffer);
  const view = new DataView(scratch.buffer);
  for (let start = 0; start < values.length; start += SCRATCH_VALUES) {
    const n = Math.min(SCRATCH_VALUES, values.length - start);
    for (let i = 0; i < n; i++) {
      const v = values[start + i]!;
      if (littleEndian) scratch[i] = v === v ? v : NaN;
      else view.setFloat64(i * 8, v === v ? v : NaN, true);
    }
    hasher.update(bytes.subarray(0, n * 8));
  }
}

function lengthPrefix(hasher: Sha256, byteLength: number): void {
  const length = new Uint8Array(8);
  new DataView(length.buffer).setFloat64(0, byteLength, true);
  hasher.update(length);
}

function lengthPrefixed(hasher: Sha256, bytes: Uint8Array): void {
  lengthPrefix(hasher, bytes.length);
  hasher.update(bytes);
}

function lengthPrefixedFloat64(hasher: Sha256, values: Float64Array): void {
  lengthPrefix(hasher, values.length * 8);
  updateFloat64(hasher, values);
}

/**
 * The content hash of a frame (its dataset id): time and every column, columns in name order,
 * each name and byte block length-prefixed so that no two different frames share an encoding.
 */
export function hashFrame(frame: Frame): string {
  const hasher = new Sha256();
  lengthPrefixed(hasher, encoder.encode('time'));
  lengthPrefixedFloat64(hasher, frame.time);
  for (const name of Object.keys(frame.columns).sort()) {
    lengthPrefixed(hasher, encoder.encode(name));
    lengthPrefixedFloat64(hasher, frame.columns[name]!);
  }
  return hasher.digestHex();
}
