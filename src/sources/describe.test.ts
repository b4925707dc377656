import { describe, expect, it } from 'vitest';
import { describeFrame } from './describe';

describe('describeFrame (danfojs)', () => {
  it('summarises present values and counts missing ones', async () => {
    const frame = {
      time: Float64Array.from([1, 2, 3, 4]),
      columns: { close: Float64Array.from([1, 2, 3, NaN]), volume: Float64Array.from([4, 5, 6, 7]) },
      meta: { name: 't', intervalMs: 1, synthetic: false, source: 'test' },
    };
    const [close, volume] = await describeFrame(frame);
    // close: values 1, 2, 3 -> mean 2, sample std sqrt(((1-2)^2 + 0 + (3-2)^2) / 2) = 1, median 2.
    expect(close).toEqual({ column: 'close', count: 3, missing: 1, mean: 2, std: 1, min: 1, median: 2, max: 3 });
    // volume: 4..7 -> mean 5.5, sample std sqrt((2.25 + 0.25 + 0.25 + 2.25) / 3) = sqrt(5/3), median 5.5.
    expect(volume!.mean).toBe(5.5);
    expect(volume!.std).toBeCloseTo(Math.sqrt(5 / 3), 12);
    expect(volume!.median).toBe(5.5);
    expect(volume!.missing).toBe(0);
  }, 30_000);
});
