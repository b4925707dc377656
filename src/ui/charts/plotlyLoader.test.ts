import { describe, expect, it } from 'vitest';
import { drawInTurn } from './plotlyLoader';

describe('drawInTurn', () => {
  it('runs each draw in a task of its own, in order, so a page of charts is not one long task', async () => {
    const log: string[] = [];
    const a = drawInTurn(() => {
      log.push('A');
      // A timer set during A fires before B only if B waits for a task of its own.
      setTimeout(() => log.push('timer set by A'), 0);
    });
    const b = drawInTurn(() => log.push('B'));
    await Promise.all([a, b]);
    expect(log).toEqual(['A', 'timer set by A', 'B']);
  });

  it('a failing draw rejects its own promise and the next draw still runs', async () => {
    const failing = drawInTurn(() => {
      throw new Error('no element');
    });
    const next = drawInTurn(async () => 'drawn');
    await expect(failing).rejects.toThrow('no element');
    await expect(next).resolves.toBe('drawn');
  });
});
