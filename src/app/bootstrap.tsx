import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { createLabActions } from '../state/labActions';
import { initialLabState, type BackendPreference } from '../state/labState';
import { createStore } from '../state/store';
import { createLabServices } from '../services/labServices';
import { App } from '../ui/App';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { LabContext } from '../ui/LabContext';

const PREFERENCES: readonly BackendPreference[] = ['auto', 'webgpu', 'wasm', 'cpu'];

/** `?backend=webgpu` forces a backend and `?notebook=tiny` opens another built-in notebook. */
function fromQuery(): { backend: BackendPreference; notebook: string | null } {
  const params = new URLSearchParams(location.search);
  const backend = params.get('backend');
  return {
    backend: PREFERENCES.find((p) => p === backend) ?? 'auto',
    notebook: params.get('notebook'),
  };
}

export function bootstrap(container: HTMLElement): void {
  const services = createLabServices();
  const query = fromQuery();
  const store = createStore(initialLabState(services.catalog, query.backend));
  const actions = createLabActions(store, services);
  void actions.refreshCatalog().finally(() => {
    const { catalog } = store.getState();
    const first = catalog.find((e) => e.id === query.notebook) ?? catalog[0];
    if (first) void actions.openNotebook(first.id);
  });
  createRoot(container).render(
    <StrictMode>
      <ErrorBoundary>
        <LabContext.Provider value={{ store, actions }}>
          <App />
        </LabContext.Provider>
      </ErrorBoundary>
    </StrictMode>,
  );
}
