/**
 * The notebook runner as it runs in its worker (src/services/runner.worker.ts): data loading
 * (IndexedDB, download cache, connectors), features, windows, baselines, metrics and backtest
 * run here, off the page; model training goes to the compute pool this worker owns. The page
 * (runnerClient.ts) posts requests and renders what comes back: progress, backend, the dataset
 * view, the report and series (plain data). Tests expose it on a MessageChannel in Node.
 */
import { checkRequest } from '../spec/check';
import { z } from 'zod';
import { CancelledError, type BackendInfo, type BackendPreference } from '../core/executor';
import type { Frame } from '../core/frame';
import { notebookHash } from '../notebook/canonical';
import { parseNotebook } from '../notebook/parse';
import type { RunReport, RunSeries } from '../notebook/report';
import { runNotebook } from '../notebook/runner';
import type { RunProgress } from '../notebook/runState';
import { trialsFromReports } from '../notebook/trials';
import type { CandleCacheDB } from '../storage/candleCache';
import { loadFrame, saveFrame } from '../storage/datasets';
import type { CryptoForecastLabDB } from '../storage/db';
import { createIdbRunCache } from '../storage/runCache';
import { latestRun, listRuns, saveRun } from '../storage/runs';
import type { BackendCache } from './backendCache';
import { datasetView, type DatasetView } from './datasetView';
import { createDataLoader } from './notebookData';
import { createWorkerPool, type WorkerPool } from './workerPool';
import { createSweepService } from './sweepService';
import { createGatesRunService } from './gatesRunService';
import type { SpawnWorker } from './workerSession';

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

/** What the page hears while a run goes on (comlink proxies of the page's callbacks). */
export interface RunEvents {
  onProgress(progress: RunProgress): void;
  onBackend(backend: BackendInfo): void;
  onDataset(dataset: DatasetView): void;
}

const preferenceSchema = z.enum(['auto', 'webgpu', 'wasm', 'cpu']);
/** A run request as it arrives from the page; the notebook itself is checked by its own schema. */
export const runRequestSchema = z.object({
  runId: z.string().min(1),
  notebookId: z.string().min(1),
  preference: preferenceSchema,
  doc: z.unknown(),
  /** Run only these cells and what the report needs (Shift+Enter); absent: every cell. */
  cells: z.array(z.string().min(1)).max(10_000).optional(),
});
export type RunRequest = z.input<typeof runRequestSchema>;

export const runnerConfigSchema = z.object({
  /** Compute workers in the pool (`?workers=2`); default hardwareConcurrency - 1. */
  workers: z.number().int().min(1).max(64).optional(),
  /** The compute workers' watchdog (workerSession.ts; `?watchdogMs=` and `?batchDeadlineMs=`). */
  silenceBudgetMs: z.number().int().min(500).max(3_600_000).optional(),
  batchDeadlineMs: z.number().int().min(500).max(3_600_000).optional(),
});
export type RunnerConfig = z.input<typeof runnerConfigSchema>;

export interface RunnerHost {
  db: CryptoForecastLabDB;
  candleCache(): CandleCacheDB;
  /** Versions recorded in each run report. */
  versions(): Record<string, string>;
  /** Makes a compute worker; tests inject fakes. Default: the real compute worker. */
  spawnWorker?: SpawnWorker;
}

/** Batch-level training progress at most this often; epoch ends and cell changes always pass. */
const PROGRESS_INTERVAL_MS = 100;

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** Forwards progress to the page without flooding it: per-batch updates are thinned, epoch ends are kept (the loss curves need them). */
function thinProgress(send: (progress: RunProgress) => void): (progress: RunProgress) => void {
  let lastSent = -Infinity;
  return (progress) => {
    const t = progress.train;
    const epochEnd = !t || t.batch === t.batches;
    const now = performance.now();
    if (!epochEnd && now - lastSent < PROGRESS_INTERVAL_MS) return;
    lastSent = now;
    send(progress);
  };
}

/** A page callback called from the worker (a comlink proxy: it returns a promise); a page that went away is no error here. */
function fireAndForget<A extends unknown[]>(callback: (...args: A) => unknown): (...args: A) => void {
  return (...args) => void Promise.resolve(callback(...args)).catch(() => undefined);
}

export function createRunnerApi(host: RunnerHost) {
  const { db } = host;
  const loadData = createDataLoader(db, host.candleCache);
  const runCache = createIdbRunCache(db);
  let config: z.output<typeof runnerConfigSchema> = {};
  let backendCache: BackendCache | null = null;
  let pool: { preference: BackendPreference; instance: WorkerPool } | null = null;
  const runs = new Map<string, AbortController>();

  const poolFor = (preference: BackendPreference): WorkerPool => {
    if (pool?.preference !== preference) {
      pool?.instance.terminate();
      const instance = createWorkerPool(preference, {
        size: config.workers,
        silenceBudgetMs: config.silenceBudgetMs,
        batchDeadlineMs: config.batchDeadlineMs,
        cache: backendCache,
        ...(host.spawnWorker ? { spawnWorker: host.spawnWorker } : {}),
      });
      pool = { preference, instance };
    }
    return pool.instance;
  };

  const sweeps = createSweepService({ loadData, runCache, pool: poolFor, versions: host.versions });
  const gates = createGatesRunService({ loadData, runCache, pool: poolFor, versions: host.versions });

  return {
    sweep: sweeps.sweep,
    cancelSweep: sweeps.cancelSweep,
    gates: gates.gates,
    cancelGates: gates.cancelGates,
    /**
     * Sizes the pool and gives it the page's backend cache (localStorage lives on the page, so
     * the cache is a proxy of the page's). Takes effect for the next pool.
     */
    configure(input: RunnerConfig, cache: BackendCache | null): void {
      const request = checkRequest(runnerConfigSchema, input, 'runner configuration');
      config = request;
      backendCache = cache;
      pool?.instance.terminate();
      pool = null;
    },

    async run(input: RunRequest, events: RunEvents): Promise<CompletedRun> {
      const request = checkRequest(runRequestSchema, input, 'run request');
      const { runId, notebookId, preference } = request;
      const onBackend = fireAndForget(events.onBackend);
      const onProgress = fireAndForget(events.onProgress);
      const onDataset = fireAndForget(events.onDataset);
      const doc = parseNotebook(request.doc);
      const controller = new AbortController();
      runs.set(runId, controller);
      const storageProblems: string[] = [];
      const instance = poolFor(preference);
      // A fallback mid-run (lost GPU device, out of memory) announces the new backend too.
      const stopBackend = instance.onBackend(onBackend);
      try {
        const backendPromise = instance.backend().then((info) => {
          onBackend(info);
          return info;
        });
        // Awaited below; when the run fails first, its rejection is that failure's echo.
        backendPromise.catch(() => undefined);
        const stored = await listRuns(db, notebookId).catch(() => []);
        const trials = trialsFromReports(stored.map((r) => r.report), notebookHash(doc));
        const { report, series } = await runNotebook(doc, {
          executor: instance,
          cache: runCache,
          signal: controller.signal,
          trials,
          cells: request.cells,
          versions: host.versions(),
          onProgress: thinProgress(onProgress),
          loadData: async (data, options) => {
            const loaded = await loadData(data, options);
            onDataset(datasetView(loaded.frame, loaded.hash, loaded.notes));
            await saveFrame(db, loaded.frame, data.source).catch((e: unknown) => storageProblems.push(`dataset not saved: ${describe(e)}`));
            return loaded;
          },
        });
        await backendPromise;
        const createdAt = Date.now();
        await saveRun(db, { id: `${notebookId}-${createdAt}`, notebookId, notebookHash: report.notebookHash, createdAt, report, series, doc }).catch(
          (e: unknown) => storageProblems.push(`run not saved: ${describe(e)}`),
        );
        return { report, series, createdAt, storageWarning: storageProblems.length ? storageProblems.join('; ') : null };
      } finally {
        stopBackend();
        runs.delete(runId);
      }
    },

    /** Stops a run: its promise rejects with CancelledError; the pool's workers stay for the next run. */
    cancel(runId: string): void {
      runs.get(runId)?.abort(new CancelledError());
    },

    /** The notebook's last stored run and, when its data is stored, the dataset view for the chart. */
    async restore(notebookId: string): Promise<RestoredRun | null> {
      const stored = await latestRun(db, notebookId);
      if (!stored) return null;
      const frame: Frame | null = await loadFrame(db, stored.report.data.hash).catch(() => null);
      return {
        report: stored.report,
        series: stored.series,
        createdAt: stored.createdAt,
        dataset: frame ? datasetView(frame, stored.report.data.hash, stored.report.data.notes) : null,
      };
    },

    /** Stops the compute workers and any run in flight. */
    dispose(): void {
      for (const controller of runs.values()) controller.abort(new CancelledError());
      runs.clear();
      pool?.instance.terminate();
      pool = null;
    },
  };
}

export type RunnerApi = ReturnType<typeof createRunnerApi>;
