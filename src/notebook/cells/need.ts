import type { RunState } from '../runState';

/** The output of an earlier cell, or a message saying which cell must come first. */
export function need<K extends keyof RunState>(state: RunState, key: K, cellKind: string, producer: string): NonNullable<RunState[K]> {
  const value = state[key];
  if (value === undefined) throw new Error(`the ${cellKind} cell needs a ${producer} cell above it`);
  return value as NonNullable<RunState[K]>;
}
