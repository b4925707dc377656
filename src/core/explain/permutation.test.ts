import { describe, expect, it } from 'vitest';
import { createRng } from '../rng';
import { drawBackground, sampleRows } from './background';
import type { BatchPredict } from './coalitionValues';
import { attributionGroups } from './groups';
import { meanSquaredError, permutationImportance } from './permutation';

describe('permutation importance', () => {
  it('ranks the column the model reads first, leaves an unused one at zero, and is seeded', async () => {
    const lookback = 3;
    const names = ['used', 'unused'];
    const width = lookback * names.length;
    const rng = createRng(4);
    const n = 60;
    const x = Float32Array.from({ length: n * width }, () => rng.normal());
    // The model reads the newest "used" value; the actual value is exactly that.
    const predict: BatchPredict = async (batch, rows) => Float64Array.from({ length: rows }, (_, r) => batch[r * width + (lookback - 1) * 2]!);
    const actual = Array.from({ length: n }, (_, i) => x[i * width + (lookback - 1) * 2]!);
    const groups = attributionGroups(names, lookback, 'feature');
    const run = () => permutationImportance(predict, { x, n }, actual, groups, meanSquaredError, { repeats: 4, seed: 9 });
    const result = await run();
    expect(result.baseLoss).toBe(0);
    expect(result.increase[0]!.mean).toBeGreaterThan(1);
    expect(result.increase[0]!.spread).toBeGreaterThan(0);
    expect(result.increase[1]).toEqual({ mean: 0, spread: 0 });
    expect(await run()).toEqual(result);
  });
});

describe('the background', () => {
  it('is a seeded sample of distinct training rows', () => {
    const rows = sampleRows(100, 10, 3);
    expect(new Set(rows).size).toBe(10);
    expect(rows).toEqual(sampleRows(100, 10, 3));
    expect(rows).not.toEqual(sampleRows(100, 10, 4));
    expect(sampleRows(5, 10, 3)).toEqual([0, 1, 2, 3, 4]);
    const block = { x: Float32Array.from({ length: 12 }, (_, i) => i), n: 6 };
    expect(Array.from(drawBackground(block, 6, 1).x)).toEqual(Array.from(block.x));
    expect(() => drawBackground({ x: new Float32Array(0), n: 0 }, 4, 1)).toThrow(/no training window/);
  });
});
