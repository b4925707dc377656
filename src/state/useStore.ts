import { useSyncExternalStore } from 'react';
import type { Store } from './store';

/** The thin React binding: re-renders when the selected slice changes (by Object.is). */
export function useStore<S, T>(store: Store<S>, select: (state: S) => T): T {
  return useSyncExternalStore(
    store.subscribe,
    () => select(store.getState()),
    () => select(store.getState()),
  );
}
