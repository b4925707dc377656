import type { BackendPreference } from '../core/executor';
import type { Frame } from '../core/frame';
import type { NotebookDoc } from '../notebook/schema';
import type { ColumnSummary } from '../sources/describe';
import { openCandleCache, type CandleCacheDB } from '../storage/candleCache';
import { openDb } from '../storage/db';
import { loadFrame } from '../storage/datasets';
import { listNotebooks as listStoredNotebooks, loadNotebook as loadStoredNotebook, saveNotebook } from '../storage/notebooks';
import { parseNotebook } from '../notebook/parse';
import { requestPersistence } from '../storage/errors';
import { createBackendCache } from './backendCache';
import { clearRunCache, createNotebookLibrary, readLibrary, removeDataset, type LibraryView, type NotebookLibrary } from './library';
import { BUILTIN_NOTEBOOKS, fetchBuiltinNotebook, type NotebookEntry } from './builtinNotebooks';
import { createModelServices, type ModelServices } from './modelServices';
import { createLinkData, type LinkData } from './linkData';
import { createRunHistory, type RunHistory } from './runHistory';
import { createDataLoader } from './notebookData';
import type { CompletedRun, RestoredRun } from './runnerApi';
import { createRunnerClient, type RunnerCalls, type RunnerClient } from './runnerClient';
import { createWorkerPool, type WorkerPool } from './workerPool';
import type { WatchdogConfig } from './watchdogQuery';

export type { DatasetView } from './datasetView';
export { datasetView } from './datasetView';
export type { CompletedRun, RestoredRun } from './runnerApi';

export type RunCallbacks = RunnerCalls;

export interface LabServices {
  catalog: readonly NotebookEntry[];
  /** Runs the notebook's sweep cell in the runner worker (trials on the compute pool, resumable). */
  sweep: RunnerClient['sweep'];
  /** The gates view of the run's fold model, computed in the runner worker (trained on the compute pool, cached). */
  runGates: RunnerClient['gates'];
  loadNotebook(entry: NotebookEntry): Promise<NotebookDoc>;
  /** Built-in notebooks, then the user's notebooks stored in this browser. */
  listNotebooks(): Promise<NotebookEntry[]>;
  /** Stores a user notebook (e.g. made from an imported CSV) under `id`. */
  saveUserNotebook(id: string, doc: NotebookDoc): Promise<void>;
  restore(notebookId: string): Promise<RestoredRun | null>;
  run(notebookId: string, doc: NotebookDoc, preference: BackendPreference, callbacks: RunCallbacks): Promise<CompletedRun>;
  /** Column statistics of a dataset (danfojs, loaded on first use). */
  describeDataset(hash: string): Promise<ColumnSummary[]>;
  /** Datasets stored in this browser, and deleting one (runs keep their reports). */
  library(): Promise<LibraryView>;
  deleteDataset(id: string): Promise<LibraryView>;
  clearRunCache(): Promise<LibraryView>;
  /** Saved (deployable) models: train & save, list, forecast, export/import, delete. */
  models: ModelServices;
  /** The user's notebooks: revisions, compare-and-set saves, changes from other tabs. */
  notebooks: NotebookLibrary;
  /** The CSV a notebook from a link reads: stored already, or the user's file checked by hash. */
  linkData: LinkData;
  /** The stored runs of a notebook: list, delete, compare. */
  runHistory: RunHistory;
}

export interface LabServicesOptions {
  /** Compute workers in the pool (`?workers=2`); default hardwareConcurrency - 1. */
  workers?: number | undefined;
  /** The compute workers' watchdog (`?watchdogMs=`, `?batchDeadlineMs=`; watchdogQuery.ts). */
  watchdog?: WatchdogConfig;
}

/**
 * The page's services. Runs (data, features, training, metrics, backtest, storing the run) go to
 * the runner worker (runnerClient.ts), which owns the compute pool; the page keeps the catalog,
 * the library and saved models (these still train through a pool of the page's own).
 */
export function createLabServices(options: LabServicesOptions = {}): LabServices {
  const db = openDb();
  let cache: CandleCacheDB | null = null;
  const candleCache = () => (cache ??= openCandleCache());
  const loadData = createDataLoader(db, candleCache);
  void requestPersistence();
  const backendCache = createBackendCache();
  const runner = createRunnerClient({ workers: options.workers, ...options.watchdog, cache: backendCache });
  // Frames described in this session, so describing one again needs no IndexedDB read.
  const frames = new Map<string, Frame>();
  let executor: { preference: BackendPreference; instance: WorkerPool } | null = null;

  const executorFor = (preference: BackendPreference) => {
    if (executor?.preference !== preference) {
      executor?.instance.terminate();
      executor = { preference, instance: createWorkerPool(preference, { size: options.workers, ...options.watchdog, cache: backendCache }) };
    }
    return executor.instance;
  };

  return {
    catalog: BUILTIN_NOTEBOOKS,
    models: createModelServices({ db, executorFor, loadData }),
    notebooks: createNotebookLibrary(db),
    linkData: createLinkData(db),
    runHistory: createRunHistory(db),

    async loadNotebook(entry) {
      if (entry.url) return fetchBuiltinNotebook({ ...entry, url: entry.url });
      const stored = await loadStoredNotebook(db, entry.id);
      if (!stored) throw new Error(`notebook "${entry.title}" is no longer stored in this browser`);
      return parseNotebook(stored);
    },

    async listNotebooks() {
      const builtinIds = new Set(BUILTIN_NOTEBOOKS.map((e) => e.id));
      const stored = await listStoredNotebooks(db).catch(() => []);
      return [...BUILTIN_NOTEBOOKS, ...stored.filter((n) => !builtinIds.has(n.id)).map((n) => ({ id: n.id, title: n.title }))];
    },

    async saveUserNotebook(id, doc) {
      await saveNotebook(db, id, doc);
    },

    library: () => readLibrary(db),
    clearRunCache: () => clearRunCache(db),
    async deleteDataset(id) {
      frames.delete(id);
      return removeDataset(db, id);
    },

    async describeDataset(hash) {
      const frame = frames.get(hash) ?? (await loadFrame(db, hash));
      frames.set(hash, frame);
      const { describeFrame } = await import('../sources/describe');
      return describeFrame(frame);
    },

    restore: (notebookId) => runner.restore(notebookId),

    run: (notebookId, doc, preference, callbacks) => runner.run(notebookId, doc, preference, callbacks),
    sweep: (doc, preference, calls) => runner.sweep(doc, preference, calls),
    runGates: (doc, preference, request, calls) => runner.gates(doc, preference, request, calls),
  };
}
