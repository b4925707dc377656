import type { BackendInfo, BackendPreference } from '../core/executor';
import type { Frame } from '../core/frame';
import type { RunReport, RunSeries } from '../notebook/report';
import { runNotebook } from '../notebook/runner';
import type { RunProgress } from '../notebook/runState';
import type { NotebookDoc } from '../notebook/schema';
import type { ColumnSummary } from '../sources/describe';
import { openCandleCache, type CandleCacheDB } from '../storage/candleCache';
import { openDb } from '../storage/db';
import { loadFrame, saveFrame } from '../storage/datasets';
import { listNotebooks as listStoredNotebooks, loadNotebook as loadStoredNotebook, saveNotebook } from '../storage/notebooks';
import { parseNotebook } from '../notebook/parse';
import { latestRun, listRuns, saveRun } from '../storage/runs';
import { notebookHash } from '../notebook/canonical';
import { trialsFromReports } from '../notebook/trials';
import { requestPersistence } from '../storage/errors';
import { clearRunCache, createNotebookLibrary, readLibrary, removeDataset, type LibraryView, type NotebookLibrary } from './library';
import { createIdbRunCache } from '../storage/runCache';
import { BUILTIN_NOTEBOOKS, fetchBuiltinNotebook, type NotebookEntry } from './builtinNotebooks';
import { createModelServices, type ModelServices } from './modelServices';
import { createDataLoader } from './notebookData';
import { createWorkerPool, type WorkerPool } from './workerPool';
import { appVersions } from './versions';

/** What the UI shows of a dataset: its identity and the candles, nothing more. */
export interface DatasetView {
  hash: string;
  name: string;
  synthetic: boolean;
  rows: number;
  /** Limits hit, bars still forming, forward fills, the data's attribution. */
  notes: string[];
  candles: { time: number[]; open: number[]; high: number[]; low: number[]; close: number[] };
}

export interface CompletedRun {
  report: RunReport;
  series: RunSeries;
  createdAt: number;
  storageWarning: string | null;
}

export interface RestoredRun {
  report: RunReport;
  series: RunSeries;
  createdAt: number;
  dataset: DatasetView | null;
}

export interface RunCallbacks {
  signal: AbortSignal;
  onProgress(progress: RunProgress): void;
  onBackend(backend: BackendInfo): void;
  onDataset(dataset: DatasetView): void;
}

export interface LabServices {
  catalog: readonly NotebookEntry[];
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
}

export function datasetView(frame: Frame, hash: string, notes: string[] = []): DatasetView {
  const col = (name: string) => Array.from(frame.columns[name] ?? frame.columns.close ?? []);
  return {
    hash,
    name: frame.meta.name,
    synthetic: frame.meta.synthetic,
    rows: frame.time.length,
    notes,
    candles: { time: Array.from(frame.time), open: col('open'), high: col('high'), low: col('low'), close: col('close') },
  };
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

export interface LabServicesOptions {
  /** Compute workers in the pool (`?workers=2`); default hardwareConcurrency - 1. */
  workers?: number | undefined;
}

export function createLabServices(options: LabServicesOptions = {}): LabServices {
  const db = openDb();
  let cache: CandleCacheDB | null = null;
  const candleCache = () => (cache ??= openCandleCache());
  const loadData = createDataLoader(db, candleCache);
  const runCache = createIdbRunCache(db);
  void requestPersistence();
  // Frames loaded in this session, so describing one needs no IndexedDB read.
  const frames = new Map<string, Frame>();
  let executor: { preference: BackendPreference; instance: WorkerPool } | null = null;

  const executorFor = (preference: BackendPreference) => {
    if (executor?.preference !== preference) {
      executor?.instance.terminate();
      executor = { preference, instance: createWorkerPool(preference, { size: options.workers }) };
    }
    return executor.instance;
  };

  return {
    catalog: BUILTIN_NOTEBOOKS,
    models: createModelServices({ db, executorFor, loadData }),
    notebooks: createNotebookLibrary(db),

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

    async restore(notebookId) {
      const stored = await latestRun(db, notebookId);
      if (!stored) return null;
      const frame = await loadFrame(db, stored.report.data.hash).catch(() => null);
      return {
        report: stored.report,
        series: stored.series,
        createdAt: stored.createdAt,
        dataset: frame ? datasetView(frame, stored.report.data.hash, stored.report.data.notes) : null,
      };
    },

    async run(notebookId, doc, preference, callbacks) {
      const storageProblems: string[] = [];
      const instance = executorFor(preference);
      // A fallback mid-run (lost GPU device, out of memory) announces the new backend too.
      const stopBackend = instance.onBackend(callbacks.onBackend);
      const backendPromise = instance.backend().then((info) => {
        callbacks.onBackend(info);
        return info;
      });
      const stored = await listRuns(db, notebookId).catch(() => []);
      const trials = trialsFromReports(stored.map((r) => r.report), notebookHash(doc));
      const { report, series } = await runNotebook(doc, {
        executor: instance,
        cache: runCache,
        signal: callbacks.signal,
        trials,
        versions: appVersions(),
        onProgress: callbacks.onProgress,
        loadData: async (data, options) => {
          const loaded = await loadData(data, options);
          frames.set(loaded.hash, loaded.frame);
          callbacks.onDataset(datasetView(loaded.frame, loaded.hash, loaded.notes));
          await saveFrame(db, loaded.frame, data.source).catch((e: unknown) => storageProblems.push(`dataset not saved: ${describe(e)}`));
          return loaded;
        },
      }).finally(stopBackend);
      await backendPromise;
      const createdAt = Date.now();
      await saveRun(db, { id: `${notebookId}-${createdAt}`, notebookId, notebookHash: report.notebookHash, createdAt, report, series }).catch(
        (e: unknown) => storageProblems.push(`run not saved: ${describe(e)}`),
      );
      return { report, series, createdAt, storageWarning: storageProblems.length ? storageProblems.join('; ') : null };
    },
  };
}
