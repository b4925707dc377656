import { describe, expect, it } from 'vitest';
import { throttle, type Clock } from './throttle';

function manualClock() {
  let now = 0;
  const timers = new Map<number, { at: number; run: () => void }>();
  let nextId = 1;
  const clock: Clock = {
    now: () => now,
    setTimeout: (run, ms) => {
      const id = nextId++;
      timers.set(id, { at: now + ms, run });
      return id;
    },
    clearTimeout: (id) => void timers.delete(id as number),
  };
  const advance = (ms: number) => {
    now += ms;
    for (const [id, t] of [...timers]) {
      if (t.at <= now) {
        timers.delete(id);
        t.run();
      }
    }
  };
  return { clock, advance, pendingTimers: () => timers.size };
}

describe('throttle', () => {
  it('applies the first value at once, then at most one per interval, always ending on the latest', () => {
    const { clock, advance } = manualClock();
    const applied: number[] = [];
    const t = throttle<number>(100, (v) => applied.push(v), clock);
    t.push(1);
    expect(applied).toEqual([1]);
    t.push(2);
    t.push(3);
    advance(50);
    t.push(4);
    expect(applied).toEqual([1]);
    advance(50);
    expect(applied).toEqual([1, 4]);
    advance(500);
    expect(applied).toEqual([1, 4]);
    t.push(5);
    expect(applied).toEqual([1, 4, 5]);
  });

  it('flush applies the pending value now; cancel drops it', () => {
    const { clock, advance, pendingTimers } = manualClock();
    const applied: string[] = [];
    const t = throttle<string>(100, (v) => applied.push(v), clock);
    t.push('a');
    t.push('b');
    t.flush();
    expect(applied).toEqual(['a', 'b']);
    expect(pendingTimers()).toBe(0);
    advance(10);
    t.push('c');
    t.cancel();
    advance(1000);
    expect(applied).toEqual(['a', 'b']);
  });
});
