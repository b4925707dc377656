import { describe, expect, it, vi } from 'vitest';
import { createStore } from './store';

describe('createStore', () => {
  it('merges patches and notifies subscribers with the previous state', () => {
    const store = createStore({ count: 0, label: 'a' });
    const listener = vi.fn();
    const unsubscribe = store.subscribe(listener);
    store.setState((s) => ({ count: s.count + 1 }));
    expect(store.getState()).toEqual({ count: 1, label: 'a' });
    expect(listener).toHaveBeenCalledWith({ count: 1, label: 'a' }, { count: 0, label: 'a' });
    unsubscribe();
    store.setState({ label: 'b' });
    expect(listener).toHaveBeenCalledTimes(1);
  });
});
