import { describe, expect, it } from 'vitest';
import { unitsToDraw } from './unitSelection';

describe('unitsToDraw', () => {
  it('draws every unit of a layer of up to 64', () => {
    expect(unitsToDraw(new Float32Array(2 * 64), 2, 64)).toEqual({ units: Array.from({ length: 64 }, (_, j) => j), note: null });
  });

  it('draws the 32 of largest variance of a larger layer, saying so', () => {
    const units = 80;
    const hidden = new Float32Array(2 * units);
    // Unit j swings by j between the two steps: the 32 largest swings are units 48..79.
    for (let j = 0; j < units; j++) hidden[units + j] = j;
    const picked = unitsToDraw(hidden, 2, units);
    expect(picked.units).toEqual(Array.from({ length: 32 }, (_, i) => 48 + i));
    expect(picked.note).toMatch(/80 units: showing the 32/);
  });
});
