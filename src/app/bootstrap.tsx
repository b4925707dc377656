import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createEditActions } from '../state/editActions';
import { createImportActions } from '../state/importActions';
import { initialImportState } from '../state/importState';
import { createLabActions } from '../state/labActions';
import { createSweepActions } from '../state/sweepActions';
import { initialSweepState } from '../state/sweepState';
import { createRunGatesActions } from '../state/runGatesActions';
import { initialRunGatesState } from '../state/runGatesState';
import { explainSelection } from '../state/explainView';
import { createLibraryActions } from '../state/libraryActions';
import { initialLibraryState } from '../state/libraryState';
import { createModelActions } from '../state/modelActions';
import { initialModelsState } from '../state/modelsState';
import { initialLabState, type BackendPreference, type LabState } from '../state/labState';
import { createStore, type Store } from '../state/store';
import { createRunsActions } from '../state/runsActions';
import { initialRunsState } from '../state/runsState';
import { createShareActions } from '../state/shareActions';
import { initialShareState } from '../state/shareState';
import { createLabServices } from '../services/labServices';
import { createCsvImporter } from '../services/csvImport';
import { watchdogFromQuery } from '../services/watchdogQuery';
import { App } from '../ui/App';
import { preloadPlotly } from '../ui/charts/plotlyLoader';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { LabContext } from '../ui/LabContext';

const PREFERENCES: readonly BackendPreference[] = ['auto', 'webgpu', 'wasm', 'cpu'];

/** `?backend=webgpu` forces a backend and `?notebook=tiny` opens another built-in notebook. */
function fromQuery(): { backend: BackendPreference; notebook: string | null; workers: number | undefined; autosaveMs: number | undefined } {
  const params = new URLSearchParams(location.search);
  const backend = params.get('backend');
  // `?workers=2` sizes the compute worker pool.
  const workers = Number(params.get('workers'));
  const autosaveMs = Number(params.get('autosaveMs') ?? NaN);
  return {
    backend: PREFERENCES.find((p) => p === backend) ?? 'auto',
    notebook: params.get('notebook'),
    workers: Number.isInteger(workers) && workers >= 1 ? workers : undefined,
    // `?autosaveMs=60000` holds edits unsaved for a while (tests of two tabs with unsaved edits).
    autosaveMs: Number.isInteger(autosaveMs) && autosaveMs >= 0 ? autosaveMs : undefined,
  };
}

/** `?notebook=` names the open notebook, so a reload reopens it (a user copy of a built-in too). */
function followOpenNotebookInUrl(store: Store<LabState>): void {
  store.subscribe((state, previous) => {
    if (!state.notebookId || state.notebookId === previous.notebookId) return;
    const url = new URL(location.href);
    url.searchParams.set('notebook', state.notebookId);
    history.replaceState(history.state, '', url);
  });
}

export function bootstrap(container: HTMLElement): void {
  const query = fromQuery();
  const services = createLabServices({ workers: query.workers, watchdog: watchdogFromQuery(location.search) });
  const store = createStore(initialLabState(services.catalog, query.backend));
  const actions = createLabActions(store, services);
  const importStore = createStore(initialImportState());
  const importer = { store: importStore, actions: createImportActions(importStore, { importer: createCsvImporter(), addNotebook: actions.addNotebook }) };
  const modelsStore = createStore(initialModelsState());
  const models = { store: modelsStore, actions: createModelActions(modelsStore, store, services.models) };
  void models.actions.refresh();
  const libraryStore = createStore(initialLibraryState());
  const library = { store: libraryStore, actions: createLibraryActions(libraryStore, store, { library: services.notebooks, labActions: actions, autosaveDelayMs: query.autosaveMs }) };
  const edit = createEditActions(store, { run: actions.run, save: library.actions.saveCurrentNotebook });
  const sweepStore = createStore(initialSweepState());
  const sweep = { store: sweepStore, actions: createSweepActions(sweepStore, store, { sweep: services.sweep, edit }) };
  const runGatesStore = createStore(initialRunGatesState());
  const runGates = { store: runGatesStore, actions: createRunGatesActions(runGatesStore, store, { runGates: services.runGates, picked: explainSelection }) };
  // Leaving the page stores what the autosave has not yet (best effort: the page may close first).
  addEventListener('pagehide', () => void library.actions.saveCurrentNotebook());
  const shareStore = createStore(initialShareState());
  const share = { store: shareStore, actions: createShareActions(shareStore, store, { labActions: actions, linkData: services.linkData, pageUrl: () => location.href.replace(/#.*$/, ''), writeClipboard: (text) => navigator.clipboard.writeText(text) }) };
  const runsStore = createStore(initialRunsState());
  const runs = { store: runsStore, actions: createRunsActions(runsStore, store, services.runHistory) };
  followOpenNotebookInUrl(store);
  // Another link pasted into the address bar of this page changes only the fragment: open it too.
  addEventListener('hashchange', () => void (location.hash.includes('nb=') && share.actions.openLink(location.hash)));
  void actions.refreshCatalog().finally(async () => {
    // A link (#nb=...) opens its notebook and runs nothing; one that fails says why and the default opens.
    if (location.hash.includes('nb=') && (await share.actions.openLink(location.hash))) return;
    const { catalog } = store.getState();
    const first = catalog.find((e) => e.id === query.notebook) ?? catalog[0];
    if (first) void actions.openNotebook(first.id);
  });
  createRoot(container).render(
    <StrictMode>
      <ErrorBoundary>
        <LabContext.Provider value={{ store, actions, edit, importer, models, library, share, runs, sweep, runGates }}>
          <App />
        </LabContext.Provider>
      </ErrorBoundary>
    </StrictMode>,
  );
  // After the first paint, while the page is idle: the charts find plotly loaded when results arrive.
  requestAnimationFrame(() => preloadPlotly());
}
