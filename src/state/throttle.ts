/**
 * Rate-limits a stream of values: the first value applies at once, later ones at most every
 * `intervalMs`, and the latest value always lands (trailing edge). Training reports every batch —
 * hundreds a second with the fused engine — and redrawing the page for each would keep the main
 * thread busy; the user only needs a few updates a second.
 */
export interface Throttled<T> {
  push(value: T): void;
  /** Applies the pending value now, if any. */
  flush(): void;
  /** Drops the pending value. */
  cancel(): void;
}

export interface Clock {
  now(): number;
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(timer: unknown): void;
}

const realClock: Clock = {
  now: () => performance.now(),
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
};

export function throttle<T>(intervalMs: number, apply: (value: T) => void, clock: Clock = realClock): Throttled<T> {
  let lastApplied = -Infinity;
  let pending: { value: T } | null = null;
  let timer: unknown = null;

  const applyPending = () => {
    if (timer !== null) clock.clearTimeout(timer);
    timer = null;
    if (!pending) return;
    const { value } = pending;
    pending = null;
    lastApplied = clock.now();
    apply(value);
  };

  return {
    push(value) {
      pending = { value };
      const wait = lastApplied + intervalMs - clock.now();
      if (wait <= 0) applyPending();
      else timer ??= clock.setTimeout(applyPending, wait);
    },
    flush: applyPending,
    cancel() {
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      pending = null;
    },
  };
}
