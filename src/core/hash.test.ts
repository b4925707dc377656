import { describe, expect, it } from 'vitest';
import type { Frame } from './frame';
import { hashFrame, hashText, Sha256, sha256Hex } from './hash';

// FIPS 180-2 appendix B test vectors.
describe('sha256', () => {
  it('matches the published vectors', () => {
    expect(hashText('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(hashText('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(hashText('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq')).toBe(
      '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
    );
    expect(sha256Hex(new Uint8Array(1_000_000).fill(0x61))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  });

  it('gives the same digest however the input is split into updates', () => {
    const bytes = new TextEncoder().encode('The quick brown fox jumps over the lazy dog, again and again and again.');
    const hasher = new Sha256();
    for (let i = 0; i < bytes.length; i += 7) hasher.update(bytes.subarray(i, i + 7));
    expect(hasher.digestHex()).toBe(sha256Hex(bytes));
  });
});

describe('hashFrame', () => {
  const frame = (columns: Record<string, number[]>): Frame => ({
    time: Float64Array.from([1, 2, 3]),
    columns: Object.fromEntries(Object.entries(columns).map(([k, v]) => [k, Float64Array.from(v)])),
    meta: { name: 'x', intervalMs: 1, synthetic: false, source: 'test' },
  });

  it('ignores column insertion order and metadata, and sees every value', () => {
    const a = frame({ close: [1, 2, 3], volume: [4, 5, NaN] });
    const b = frame({ volume: [4, 5, NaN], close: [1, 2, 3] });
    b.meta.name = 'other name';
    expect(hashFrame(a)).toBe(hashFrame(b));
    expect(hashFrame(frame({ close: [1, 2, 3], volume: [4, 5, 6] }))).not.toBe(hashFrame(a));
    expect(hashFrame(frame({ close: [1, 2, 3], volumes: [4, 5, NaN] }))).not.toBe(hashFrame(a));
  });
});

describe('hashFrame encoding', () => {
  const pinned = (): Frame => ({
    time: Float64Array.from([1_700_000_000_000, 1_700_000_060_000, 1_700_000_120_000]),
    columns: { close: Float64Array.from([100.5, NaN, 101.25]), volume: Float64Array.from([3, 4, -0]) },
    meta: { name: 'pin', intervalMs: 60_000, synthetic: true, source: 'test' },
  });

  it('keeps the published encoding (dataset ids and CSV hashes in shared notebooks depend on it)', () => {
    expect(hashFrame(pinned())).toBe('e1793c0566d12dcb0e297265c3bb81cd322e8f9764afa230361a9203d827b5fa');
  });

  it('treats every NaN bit pattern as the same missing value', () => {
    const a = pinned();
    const b = pinned();
    const words = new Uint32Array(b.columns.close!.buffer);
    words[2] = 0x12345; // row 1 (the NaN): a different payload, still NaN
    words[3] = 0xfff80000; // and the sign bit set
    expect(Number.isNaN(b.columns.close![1])).toBe(true);
    expect(hashFrame(b)).toBe(hashFrame(a));
  });

  it('changes when one value or one time changes', () => {
    const base = hashFrame(pinned());
    const value = pinned();
    value.columns.close![2] = 101.25000000000001;
    const time = pinned();
    time.time[0] = 1_700_000_000_001;
    expect(hashFrame(value)).not.toBe(base);
    expect(hashFrame(time)).not.toBe(base);
  });

  it('hashes columns longer than the scratch buffer consistently with a split feed', () => {
    const n = 20_000;
    const values = Float64Array.from({ length: n }, (_, i) => Math.sin(i) * 1000);
    const frame: Frame = { time: Float64Array.from({ length: n }, (_, i) => i), columns: { x: values }, meta: pinned().meta };
    const changed: Frame = { ...frame, columns: { x: values.slice() } };
    changed.columns.x![n - 1] = 0;
    expect(hashFrame(frame)).toBe(hashFrame({ ...frame, columns: { x: values.slice() } }));
    expect(hashFrame(changed)).not.toBe(hashFrame(frame));
  });
});
