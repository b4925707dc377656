/**
 * One compute worker and the calls in flight to it. Every call is raced against the worker's
 * death and the caller's abort signal, so nothing hangs: a crash (error, messageerror), a lost
 * GPU device or a worker gone silent rejects all pending calls at once.
 *
 * A worker stuck in a loop, or one that closed itself, sends no error event: only silence tells.
 * The worker posts a heartbeat (workers/computeApi.ts) from a timer and from every training batch;
 * a worker not heard from for `silenceBudgetMs` while a call is pending is terminated (the owner
 * starts a new one with the next call). A worker that still beats but finishes no training batch
 * (an await that never settles) is stopped the same way once a call has seen no batch end for
 * `batchDeadlineMs`. No DOM here: the pool also runs inside a worker.
 */
import * as Comlink from 'comlink';
import { CancelledError, DEVICE_LOST_ERROR } from '../core/executor';
import type { BackendInfo, BackendName } from '../core/executor';
import { DEFAULT_BATCH_DEADLINE_MS } from '../core/batchDeadline';
import type { ComputeApi, WorkerNote } from '../../workers/compute.worker';

/**
 * Long enough for the slowest single step seen with the heartbeat silent (a software-WebGPU or
 * wasm batch on a loaded 2-core machine, worker start-up), short enough that a hang ends a run.
 */
export const DEFAULT_SILENCE_BUDGET_MS = 30_000;
/** After Cancel, a worker whose call has not ended this long after is terminated. */
export const DEFAULT_CANCEL_GRACE_MS = 1_000;
export { DEFAULT_BATCH_DEADLINE_MS } from '../core/batchDeadline';
/** The name of the error a silent worker's calls reject with. */
export const WORKER_SILENT_ERROR = 'WorkerSilentError';

export interface PendingCall {
  /** What was asked, for messages: "train lstm (2048 windows)". */
  what: string;
  /** performance.now() when the call was made: its deadline counts from here or the last batch end. */
  startedAt: number;
}

export interface Session {
  id: number;
  worker: Worker;
  api: Comlink.Remote<ComputeApi>;
  ready: Promise<BackendInfo>;
  /** The calls in flight: each one's reject function and what it asked. */
  pending: Map<(err: Error) => void, PendingCall>;
  dead: Error | null;
  /** Set once `ready` resolves. */
  backend: BackendName | null;
  /** performance.now() when the worker was last heard from, or last asked after a quiet spell. */
  heardAt: number;
  /** The batch count of the last heartbeat, and performance.now() when it last moved. */
  batches: number;
  progressAt: number;
  /** Terminates the worker, rejects its calls with `error` and tells the owner (once). */
  kill(error: Error): void;
  /** Stops the silence watchdog (crash() calls it). */
  unwatch(): void;
}

export interface SessionOptions {
  /** A worker not heard from this long while a call is pending is stopped. Default 30 s. */
  silenceBudgetMs?: number | undefined;
  /** A call that sees no training batch finish this long stops the worker too. Default 120 s. */
  batchDeadlineMs?: number | undefined;
}

export interface GuardOptions {
  /** Named in error messages; default "a call". */
  what?: string;
  /** After an abort, terminate the worker if the call has not ended within this many ms. */
  stopWithinMs?: number;
}

export type SpawnWorker = () => Worker;

export const spawnComputeWorker: SpawnWorker = () =>
  new Worker(new URL('../../workers/compute.worker.ts', import.meta.url), { type: 'module' });

export function crash(s: Session, error: Error): void {
  if (s.dead) return;
  s.dead = error;
  s.unwatch();
  s.worker.terminate();
  const fails = [...s.pending.keys()];
  s.pending.clear();
  for (const fail of fails) fail(error);
}

export function crashedError(message: string): Error {
  return new Error(`the compute worker crashed: ${message}; press Run to restart`);
}

const seconds = (ms: number): string => (ms / 1000).toFixed(1);
const workerName = (s: Session): string => `compute worker ${s.id} (${s.backend ?? 'starting'})`;
const runningNow = (s: Session): string => [...new Set([...s.pending.values()].map((c) => c.what))].join(', ') || 'nothing';

export function silentError(s: Session, silentMs: number, budgetMs: number): Error {
  const error = new Error(
    `${workerName(s)} stopped responding: nothing heard from it for ${seconds(silentMs)} s (limit ${seconds(budgetMs)} s) ` +
      `while it was running ${runningNow(s)}; it was stopped and a new worker starts with the next call. ` +
      'Press Run to try again; if it happens again, make the model or batch smaller or choose another backend.',
  );
  error.name = WORKER_SILENT_ERROR;
  return error;
}

export function stalledError(s: Session, call: PendingCall, stuckMs: number, deadlineMs: number): Error {
  const error = new Error(
    `${workerName(s)} made no progress: no batch finished in ${seconds(stuckMs)} s (limit ${seconds(deadlineMs)} s) ` +
      `while it was running ${call.what}, though it still sent heartbeats; it was stopped and a new worker starts with the next call. ` +
      'Press Run to try again; if it happens again, make the model or batch smaller or choose another backend.',
  );
  error.name = WORKER_SILENT_ERROR;
  return error;
}

export function notStoppedError(s: Session, what: string, graceMs: number): Error {
  const error = new Error(
    `${workerName(s)} did not stop within ${seconds(graceMs)} s of Cancel (it was running ${what}); ` +
      'it was terminated and a new worker starts with the next call',
  );
  error.name = WORKER_SILENT_ERROR;
  return error;
}

/**
 * Starts a worker; `init` asks it to choose its backend. `onDead` runs once when the worker
 * crashes, goes silent or loses its GPU device (after the pending calls were rejected).
 */
export function openSession(
  id: number,
  spawn: SpawnWorker,
  init: (api: Comlink.Remote<ComputeApi>) => Promise<BackendInfo>,
  onDead: (s: Session) => void,
  options: SessionOptions = {},
): Session {
  const budgetMs = options.silenceBudgetMs ?? DEFAULT_SILENCE_BUDGET_MS;
  const deadlineMs = options.batchDeadlineMs ?? DEFAULT_BATCH_DEADLINE_MS;
  const worker = spawn();
  const api = Comlink.wrap<ComputeApi>(worker);
  const s: Session = {
    id,
    worker,
    api,
    pending: new Map(),
    dead: null,
    backend: null,
    heardAt: performance.now(),
    batches: 0,
    progressAt: performance.now(),
    kill: (error) => {
      if (s.dead) return;
      crash(s, error);
      onDead(s);
    },
    unwatch: () => undefined,
    // Deferred one microtask so guard() sees the finished session object.
    ready: Promise.resolve().then(() => guard(s, () => init(api), undefined, undefined, { what: 'start-up (choosing the backend)' })),
  };
  s.ready.then(
    (info) => void (s.backend = info.backend),
    () => undefined,
  );
  s.unwatch = watchSilence(s, budgetMs, deadlineMs);
  worker.addEventListener('error', (event: ErrorEvent | Event) => {
    // A module that fails to load fires a plain Event without a message.
    const message = 'message' in event && event.message ? event.message : 'the worker script failed to load or threw';
    s.kill(crashedError(message));
  });
  worker.addEventListener('messageerror', () => s.kill(crashedError('a message from the worker could not be decoded')));
  worker.addEventListener('message', (event: MessageEvent<unknown>) => {
    s.heardAt = performance.now();
    const data = event.data as Partial<WorkerNote> | null;
    if (data && data.type === 'heartbeat' && typeof data.batches === 'number' && data.batches !== s.batches) {
      s.batches = data.batches;
      s.progressAt = s.heardAt;
    }
    if (data && data.type === 'device-lost') {
      const lost = new Error(data.message ?? 'the GPU device was lost');
      lost.name = DEVICE_LOST_ERROR;
      s.kill(lost);
    }
  });
  return s;
}

/** The pending call that has waited longest for a batch end, and how long. */
function longestStuck(s: Session, now: number): { call: PendingCall; stuckMs: number } | null {
  let worst: { call: PendingCall; stuckMs: number } | null = null;
  for (const call of s.pending.values()) {
    const stuckMs = now - Math.max(call.startedAt, s.progressAt);
    if (!worst || stuckMs > worst.stuckMs) worst = { call, stuckMs };
  }
  return worst;
}

/** Checks a few times per budget (at most each second); returns the stop function. */
function watchSilence(s: Session, budgetMs: number, deadlineMs: number): () => void {
  const everyMs = Math.max(10, Math.min(1000, Math.min(budgetMs, deadlineMs) / 4));
  let checkedAt = performance.now();
  const timer = setInterval(() => {
    const now = performance.now();
    // This thread itself was blocked: the worker's messages may be queued behind this tick.
    const thisThreadStalled = now - checkedAt > 3 * everyMs;
    checkedAt = now;
    if (thisThreadStalled || s.dead || s.pending.size === 0) return;
    const silentMs = now - s.heardAt;
    if (silentMs > budgetMs) return s.kill(silentError(s, silentMs, budgetMs));
    const stuck = longestStuck(s, now);
    if (stuck && stuck.stuckMs > deadlineMs) s.kill(stalledError(s, stuck.call, stuck.stuckMs, deadlineMs));
  }, everyMs);
  return () => clearInterval(timer);
}

/** Races a worker call against worker death and the caller's abort signal. */
export function guard<T>(
  s: Session,
  call: () => Promise<T>,
  signal?: AbortSignal,
  onAbort?: () => void,
  options: GuardOptions = {},
): Promise<T> {
  const what = options.what ?? 'a call';
  return new Promise<T>((resolve, reject) => {
    if (s.dead) return reject(s.dead);
    if (signal?.aborted) return reject(new CancelledError());
    let settled = false;
    let running: Promise<T> | null = null;
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      s.pending.delete(fail);
      signal?.removeEventListener('abort', abort);
      return true;
    };
    const fail = (err: Error): void => {
      if (settle()) reject(err);
    };
    const abort = (): void => {
      onAbort?.();
      const graceMs = options.stopWithinMs;
      if (graceMs !== undefined && running) {
        const timer = setTimeout(() => s.kill(notStoppedError(s, what, graceMs)), graceMs);
        const stopTimer = (): void => clearTimeout(timer);
        running.then(stopTimer, stopTimer);
      }
      fail(new CancelledError());
    };
    // After a quiet spell the silence counts from now, not from the last heartbeat.
    if (s.pending.size === 0) s.heardAt = performance.now();
    s.pending.set(fail, { what, startedAt: performance.now() });
    signal?.addEventListener('abort', abort, { once: true });
    running = call();
    running.then(
      (value) => {
        if (settle()) resolve(value);
      },
      (err: unknown) => fail(fromWorker(err)),
    );
  });
}

/** comlink rebuilds thrown errors as plain Errors (name kept): restore CancelledError by its name. */
function fromWorker(err: unknown): Error {
  if (err instanceof Error) return err.name === 'CancelledError' ? new CancelledError(err.message) : err;
  return new Error(`the compute worker failed: ${String(err)}`);
}
