import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createImportActions } from '../state/importActions';
import { initialImportState } from '../state/importState';
import { createLabActions } from '../state/labActions';
import { createModelActions } from '../state/modelActions';
import { initialModelsState } from '../state/modelsState';
import { initialLabState, type BackendPreference } from '../state/labState';
import { createStore } from '../state/store';
import { createLabServices } from '../services/labServices';
import { createCsvImporter } from '../services/csvImport';
import { App } from '../ui/App';
import { preloadPlotly } from '../ui/charts/plotlyLoader';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { LabContext } from '../ui/LabContext';

const PREFERENCES: readonly BackendPreference[] = ['auto', 'webgpu', 'wasm', 'cpu'];

/** `?backend=webgpu` forces a backend and `?notebook=tiny` opens another built-in notebook. */
function fromQuery(): { backend: BackendPreference; notebook: string | null; workers: number | undefined } {
  const params = new URLSearchParams(location.search);
  const backend = params.get('backend');
  // `?workers=2` sizes the compute worker pool.
  const workers = Number(params.get('workers'));
  return {
    backend: PREFERENCES.find((p) => p === backend) ?? 'auto',
    notebook: params.get('notebook'),
    workers: Number.isInteger(workers) && workers >= 1 ? workers : undefined,
  };
}

export function bootstrap(container: HTMLElement): void {
  const query = fromQuery();
  const services = createLabServices({ workers: query.workers });
  const store = createStore(initialLabState(services.catalog, query.backend));
  const actions = createLabActions(store, services);
  const importStore = createStore(initialImportState());
  const importer = { store: importStore, actions: createImportActions(importStore, { importer: createCsvImporter(), addNotebook: actions.addNotebook }) };
  const modelsStore = createStore(initialModelsState());
  const models = { store: modelsStore, actions: createModelActions(modelsStore, store, services.models) };
  void models.actions.refresh();
  void actions.refreshCatalog().finally(() => {
    const { catalog } = store.getState();
    const first = catalog.find((e) => e.id === query.notebook) ?? catalog[0];
    if (first) void actions.openNotebook(first.id);
  });
  createRoot(container).render(
    <StrictMode>
      <ErrorBoundary>
        <LabContext.Provider value={{ store, actions, importer, models }}>
          <App />
        </LabContext.Provider>
      </ErrorBoundary>
    </StrictMode>,
  );
  // After the first paint, while the page is idle: the charts find plotly loaded when results arrive.
  requestAnimationFrame(() => preloadPlotly());
}
