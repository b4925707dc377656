/**
 * The page's side of the runner worker (src/services/runner.worker.ts, API in runnerApi.ts): posts
 * run, cancel and restore requests and hands back what the worker sends. Every call rejects,
 * never hangs, when the runner worker dies; a cancelled run rejects at once with CancelledError
 * (the worker stops its work meanwhile). The page's backend cache (localStorage) is lent to the
 * worker as a proxy. The next call after a crash starts a new runner worker.
 */
import * as Comlink from 'comlink';
import { CancelledError, type BackendPreference } from '../core/executor';
import type { NotebookDoc } from '../notebook/schema';
import type { BackendCache } from './backendCache';
import type { SweepReport, SweepTrial } from '../notebook/sweep/sweepReport';
import type { GatesView } from '../notebook/gates/gatesView';
import type { CompletedRun, RestoredRun, RunEvents, RunnerApi, RunnerConfig } from './runnerApi';

/** What the client needs of the runner worker (a Worker; tests pass an in-thread stand-in). */
export interface RunnerWorker extends Comlink.Endpoint {
  terminate(): void;
}
export type SpawnRunner = () => RunnerWorker;

export interface RunnerCalls extends RunEvents {
  signal: AbortSignal;
  /** Run only these cells (plan.ts `runSelection`, Shift+Enter); absent: every cell. */
  cells?: readonly string[] | undefined;
}

export interface RunnerClient {
  run(notebookId: string, doc: NotebookDoc, preference: BackendPreference, calls: RunnerCalls): Promise<CompletedRun>;
  restore(notebookId: string): Promise<RestoredRun | null>;
  /** Runs the notebook's sweep cell on the compute pool; `onTrial` hears each trial as it finishes. */
  sweep(doc: NotebookDoc, preference: BackendPreference, calls: { signal: AbortSignal; onTrial(trial: SweepTrial, done: number, total: number): void }): Promise<SweepReport>;
  /** The gates view of the run's fold model for the window ending at `date` (null: the last test window). */
  gates(doc: NotebookDoc, preference: BackendPreference, request: { modelCellId?: string; date: string | null }, calls: { signal: AbortSignal; onProgress(fraction: number, message: string): void }): Promise<GatesView>;
  /** Stops the runner worker (and its compute workers); pending calls reject. */
  terminate(): void;
}

export interface RunnerClientOptions extends RunnerConfig {
  /** Lent to the worker, where localStorage is missing; null keeps nothing. */
  cache: BackendCache | null;
  /** Makes the runner worker; tests inject one that runs in this thread. */
  spawn?: SpawnRunner;
}

interface Runner {
  worker: RunnerWorker;
  api: Comlink.Remote<RunnerApi>;
  configured: Promise<void>;
  pending: Set<(error: Error) => void>;
  dead: Error | null;
}

export const spawnRunnerWorker: SpawnRunner = () => new Worker(new URL('./runner.worker.ts', import.meta.url), { type: 'module' });

export function runnerCrashed(message: string): Error {
  return new Error(`the runner worker crashed: ${message}; press Run to restart`);
}

/** comlink rebuilds thrown errors as plain Errors (name kept): restore CancelledError by its name. */
function fromWorker(error: unknown): Error {
  if (error instanceof Error) return error.name === 'CancelledError' ? new CancelledError(error.message) : error;
  return new Error(`the runner worker failed: ${String(error)}`);
}

export function createRunnerClient(options: RunnerClientOptions): RunnerClient {
  const spawn = options.spawn ?? spawnRunnerWorker;
  const config: RunnerConfig = { workers: options.workers, silenceBudgetMs: options.silenceBudgetMs, batchDeadlineMs: options.batchDeadlineMs };
  let runner: Runner | null = null;
  let runCount = 0;

  const kill = (r: Runner, error: Error): void => {
    if (r.dead) return;
    r.dead = error;
    r.worker.terminate();
    for (const fail of [...r.pending]) fail(error);
    r.pending.clear();
    if (runner === r) runner = null;
  };

  const start = (): Runner => {
    const worker = spawn();
    const api = Comlink.wrap<RunnerApi>(worker);
    const r: Runner = { worker, api, pending: new Set(), dead: null, configured: Promise.resolve() };
    worker.addEventListener('error', (event: Event) => {
      // A module that fails to load fires a plain Event without a message.
      const message = 'message' in event && typeof event.message === 'string' && event.message ? event.message : 'the worker script failed to load or threw';
      kill(r, runnerCrashed(message));
    });
    worker.addEventListener('messageerror', () => kill(r, runnerCrashed('a message from the worker could not be decoded')));
    r.configured = api.configure(config, options.cache ? Comlink.proxy(options.cache) : null);
    return r;
  };

  const current = (): Runner => (runner && !runner.dead ? runner : (runner = start()));

  /** Races a call against the runner's death and the caller's abort signal. */
  const guard = <T>(r: Runner, call: () => Promise<T>, signal?: AbortSignal, onAbort?: () => void): Promise<T> =>
    new Promise<T>((resolve, reject) => {
      if (r.dead) return reject(r.dead);
      if (signal?.aborted) return reject(new CancelledError());
      let settled = false;
      const settle = (): boolean => {
        if (settled) return false;
        settled = true;
        r.pending.delete(fail);
        signal?.removeEventListener('abort', abort);
        return true;
      };
      const fail = (error: Error): void => {
        if (settle()) reject(error);
      };
      const abort = (): void => {
        onAbort?.();
        fail(new CancelledError());
      };
      r.pending.add(fail);
      signal?.addEventListener('abort', abort, { once: true });
      call().then(
        (value) => {
          if (settle()) resolve(value);
        },
        (error: unknown) => fail(fromWorker(error)),
      );
    });

  return {
    run(notebookId, doc, preference, calls) {
      const r = current();
      const runId = `run-${++runCount}`;
      const events: RunEvents = { onProgress: calls.onProgress, onBackend: calls.onBackend, onDataset: calls.onDataset };
      return guard(
        r,
        async () => {
          await r.configured;
          return r.api.run({ runId, notebookId, doc, preference, ...(calls.cells ? { cells: [...calls.cells] } : {}) }, Comlink.proxy(events));
        },
        calls.signal,
        () => void r.api.cancel(runId).catch(() => undefined),
      );
    },

    sweep(doc, preference, calls) {
      const r = current();
      const sweepId = `sweep-${++runCount}`;
      return guard(
        r,
        async () => {
          await r.configured;
          return r.api.sweep({ sweepId, preference, doc }, Comlink.proxy({ onTrial: calls.onTrial }));
        },
        calls.signal,
        () => void r.api.cancelSweep(sweepId).catch(() => undefined),
      );
    },

    gates(doc, preference, request, calls) {
      const r = current();
      const gatesId = `gates-${++runCount}`;
      return guard(
        r,
        async () => {
          await r.configured;
          return r.api.gates({ gatesId, preference, doc, ...request }, Comlink.proxy({ onProgress: calls.onProgress }));
        },
        calls.signal,
        () => void r.api.cancelGates(gatesId).catch(() => undefined),
      );
    },

    restore(notebookId) {
      const r = current();
      return guard(r, async () => {
        await r.configured;
        return r.api.restore(notebookId);
      });
    },

    terminate() {
      if (runner) kill(runner, new Error('the runner worker was stopped; press Run to start it again'));
    },
  };
}
