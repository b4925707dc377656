import { CancelledError } from '../core/executor';
import type { BackendPreference } from '../core/executor';
import type { LabServices } from '../services/labServices';
import type { LabState, LossCurve, NotebookDoc, RunProgress } from './labState';
import type { ConnectorSourceSpec, DataSourceSpec } from '../notebook/schema';
import { withDataSource } from '../notebook/withDataSource';
import { onchainColumn } from '../services/dataSources';
import type { Store } from './store';
import { throttle } from './throttle';

const PROGRESS_INTERVAL_MS = 200;
const LOSS_CHART_INTERVAL_MS = 1000;

function message(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function isCancel(error: unknown): boolean {
  return error instanceof Error && (error.name === 'CancelledError' || error.name === 'AbortError');
}

/** Adds an epoch-end point to its fold's loss curve (other progress events leave the curves as they are). */
function appendEpoch(curves: LossCurve[], progress: RunProgress): LossCurve[] {
  const t = progress.train;
  if (!t || t.batch !== t.batches || progress.fold === undefined) return curves;
  const fold = progress.fold;
  const current = curves.find((c) => c.fold === fold) ?? { fold, loss: [], valLoss: [] };
  const next = { fold, loss: [...current.loss, t.epochLoss ?? t.loss], valLoss: [...current.valLoss, t.valLoss ?? null] };
  return [...curves.filter((c) => c.fold !== fold), next].sort((a, b) => a.fold - b.fold);
}

export interface LabActions {
  openNotebook(id: string): Promise<void>;
  setBackendPreference(preference: BackendPreference): void;
  /** Runs the open notebook; `cells` (plan.ts `runSelection`) limits it to a focused cell's selection. */
  run(cells?: readonly string[]): Promise<void>;
  cancel(): void;
  describeDataset(): Promise<void>;
  /** Opens (and refreshes) or closes the Library of stored datasets. */
  toggleLibrary(): Promise<void>;
  deleteDataset(id: string): Promise<void>;
  /** Empties the run cache (the Library shows its size). */
  clearRunCache(): Promise<void>;
  /** Refreshes the notebook list from storage (user notebooks appear after built-ins). */
  refreshCatalog(): Promise<void>;
  /** Stores a new user notebook, lists it and opens it. */
  addNotebook(id: string, doc: NotebookDoc): Promise<void>;
  /** A copy of the open notebook that reads its data from `price` (+ an optional on-chain series). */
  changeDataSource(price: DataSourceSpec, onchain: ConnectorSourceSpec | null): Promise<void>;
}

export function createLabActions(store: Store<LabState>, services: LabServices): LabActions {
  let controller: AbortController | null = null;

  const actions: LabActions = {
    async refreshCatalog() {
      const catalog = await services.listNotebooks();
      store.setState({ catalog });
    },

    async addNotebook(id, doc) {
      try {
        await services.saveUserNotebook(id, doc);
        await actions.refreshCatalog();
        await actions.openNotebook(id);
      } catch (error) {
        store.setState({ status: 'error', error: `could not store the notebook: ${message(error)}` });
      }
    },

    async changeDataSource(price, onchain) {
      const { doc } = store.getState();
      if (!doc) return;
      const describe = (s: DataSourceSpec) => (s.type === 'demo' ? 'synthetic demo' : s.type === 'csv' ? s.name : `${s.type} ${s.symbol} ${s.interval}`);
      const title = `${doc.title.split(' · ')[0]} · ${describe(price)}${onchain ? ` + ${onchain.type} ${onchain.symbol}` : ''}`;
      try {
        const next = withDataSource(doc, { source: price, onchain: onchain ? { source: onchain, column: onchainColumn(onchain) } : undefined }, title);
        await actions.addNotebook(`user-${Date.now().toString(36)}`, next);
      } catch (error) {
        store.setState({ error: message(error) });
      }
    },

    async openNotebook(id) {
      const entry = store.getState().catalog.find((e) => e.id === id);
      if (!entry) {
        store.setState({ error: `no notebook "${id}"` });
        return;
      }
      store.setState({ status: 'loading', notebookId: id, doc: null, result: null, dataset: null, columnSummary: null, error: null, warning: null });
      try {
        const doc = await services.loadNotebook(entry);
        store.setState({ doc, status: 'idle' });
        const restored = await services.restore(id).catch((e: unknown) => {
          store.setState({ warning: `could not read the last run from storage: ${message(e)}` });
          return null;
        });
        if (restored && store.getState().notebookId === id) {
          store.setState({
            result: { report: restored.report, series: restored.series, createdAt: restored.createdAt, restored: true },
            dataset: restored.dataset,
            status: 'done',
          });
        }
      } catch (error) {
        store.setState({ status: 'error', error: message(error) });
      }
    },

    setBackendPreference(preference) {
      store.setState({ backendPreference: preference, backend: null });
    },

    async run(cells) {
      const { doc, notebookId, backendPreference, status } = store.getState();
      if (!doc || !notebookId || status === 'running') return;
      controller = new AbortController();
      store.setState({ status: 'running', progress: null, lossCurves: [], error: null, warning: null });
      // Progress text a few times a second, the loss chart (a plotly redraw) once a second.
      const progressOut = throttle<RunProgress>(PROGRESS_INTERVAL_MS, (progress) => store.setState({ progress }));
      const curvesOut = throttle<LossCurve[]>(LOSS_CHART_INTERVAL_MS, (lossCurves) => store.setState({ lossCurves }));
      let curves: LossCurve[] = [];
      try {
        const completed = await services.run(notebookId, doc, backendPreference, {
          signal: controller.signal,
          cells,
          onBackend: (backend) => store.setState({ backend }),
          onDataset: (dataset) => {
            // The same data again (every rerun loads it): the shown view stays, and its chart is not redrawn.
            const shown = store.getState().dataset;
            if (shown?.hash === dataset.hash && shown.notes.join('\n') === dataset.notes.join('\n')) return;
            store.setState((s) => ({ dataset, columnSummary: s.dataset?.hash === dataset.hash ? s.columnSummary : null }));
          },
          onProgress: (progress) => {
            progressOut.push(progress);
            const next = appendEpoch(curves, progress);
            if (next !== curves) curvesOut.push((curves = next));
          },
        });
        // Edits during the run made the open notebook a copy (autosave forks a built-in): the run is the copy's too.
        // (Opening another notebook leaves 'running'; a fork does not.)
        const { notebookId: openId, status: now } = store.getState();
        let carryWarning: string | null = null;
        if (openId && openId !== notebookId && now === 'running') {
          await services.notebooks.carryRun(notebookId, openId).catch((e: unknown) => void (carryWarning = `the run is not linked to the copy: ${message(e)}`));
        }
        store.setState({
          status: 'done',
          result: { report: completed.report, series: completed.series, createdAt: completed.createdAt, restored: false },
          warning: [completed.storageWarning, carryWarning].filter(Boolean).join('; ') || null,
        });
      } catch (error) {
        // A failed or cancelled run leaves the previous results on screen.
        if (isCancel(error)) store.setState({ status: 'cancelled', error: null });
        else store.setState({ status: 'error', error: message(error) });
      } finally {
        progressOut.cancel();
        curvesOut.cancel();
        controller = null;
      }
    },

    cancel() {
      controller?.abort(new CancelledError());
    },

    async toggleLibrary() {
      const open = !store.getState().library.open;
      store.setState({ library: { open, view: store.getState().library.view, error: null } });
      if (!open) return;
      try {
        store.setState({ library: { open, view: await services.library(), error: null } });
      } catch (error) {
        store.setState({ library: { open, view: null, error: message(error) } });
      }
    },

    async deleteDataset(id) {
      try {
        const view = await services.deleteDataset(id);
        store.setState((s) => ({ library: { open: true, view, error: null }, dataset: s.dataset?.hash === id ? null : s.dataset }));
      } catch (error) {
        store.setState((s) => ({ library: { ...s.library, error: `could not delete: ${message(error)}` } }));
      }
    },

    async clearRunCache() {
      try {
        store.setState({ library: { open: true, view: await services.clearRunCache(), error: null } });
      } catch (error) {
        store.setState((s) => ({ library: { ...s.library, error: `could not clear the run cache: ${message(error)}` } }));
      }
    },

    async describeDataset() {
      const hash = store.getState().dataset?.hash;
      if (!hash) return;
      store.setState({ columnSummary: { status: 'loading', rows: [], error: null } });
      try {
        const rows = await services.describeDataset(hash);
        if (store.getState().dataset?.hash === hash) store.setState({ columnSummary: { status: 'done', rows, error: null } });
      } catch (error) {
        store.setState({ columnSummary: { status: 'error', rows: [], error: message(error) } });
      }
    },
  };
  return actions;
}
