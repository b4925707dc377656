/**
 * The Runs panel: lists the open notebook's stored runs (refreshed when a run completes or another
 * notebook opens), deletes one (the deflated Sharpe's trial count follows), and compares two or more.
 */
import type { RunHistory } from '../services/runHistory';
import type { LabState } from './labState';
import type { RunsState } from './runsState';
import type { Store } from './store';

export interface RunsActions {
  toggle(): Promise<void>;
  refresh(): Promise<void>;
  select(runId: string, selected: boolean): void;
  remove(runId: string): Promise<void>;
  compare(): Promise<void>;
  closeCompare(): void;
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

export function createRunsActions(store: Store<RunsState>, lab: Store<LabState>, history: RunHistory): RunsActions {
  const actions: RunsActions = {
    async toggle() {
      const open = !store.getState().open;
      store.setState({ open });
      if (open) await actions.refresh();
    },

    async refresh() {
      const { notebookId } = lab.getState();
      if (!notebookId) {
        store.setState({ notebookId: null, view: null, selected: [], compared: null });
        return;
      }
      try {
        const view = await history.list(notebookId);
        if (lab.getState().notebookId !== notebookId) return;
        const ids = new Set(view.entries.map((e) => e.id));
        store.setState((s) => {
          const same = s.notebookId === notebookId;
          return { notebookId, view, error: null, selected: same ? s.selected.filter((id) => ids.has(id)) : [], compared: same ? s.compared : null };
        });
      } catch (error) {
        store.setState({ error: `could not read the runs: ${message(error)}` });
      }
    },

    select(runId, selected) {
      store.setState((s) => ({ selected: selected ? [...s.selected.filter((id) => id !== runId), runId] : s.selected.filter((id) => id !== runId) }));
    },

    async remove(runId) {
      const { notebookId } = store.getState();
      if (!notebookId) return;
      try {
        const view = await history.remove(notebookId, runId);
        store.setState((s) => ({ view, selected: s.selected.filter((id) => id !== runId), compared: s.compared?.some((c) => c.entry.id === runId) ? null : s.compared }));
      } catch (error) {
        store.setState({ error: `could not delete the run: ${message(error)}` });
      }
    },

    async compare() {
      const { view, selected } = store.getState();
      const entries = view?.entries.filter((e) => selected.includes(e.id)) ?? [];
      if (entries.length < 2) return;
      try {
        store.setState({ compared: await history.compare(entries), error: null });
      } catch (error) {
        store.setState({ error: `could not read the runs to compare: ${message(error)}` });
      }
    },

    closeCompare() {
      store.setState({ compared: null });
    },
  };

  // A finished run or another notebook: the open panel shows that notebook's runs.
  lab.subscribe((state, previous) => {
    if (!store.getState().open) return;
    if (state.notebookId !== previous.notebookId || (state.result !== previous.result && state.result && !state.result.restored)) void actions.refresh();
  });
  return actions;
}
