/**
 * One compute worker and the calls in flight to it. Every call is raced against the worker's
 * death and the caller's abort signal, so nothing hangs: a crash (error, messageerror) or a
 * lost GPU device rejects all pending calls at once.
 */
import * as Comlink from 'comlink';
import { CancelledError, DEVICE_LOST_ERROR } from '../core/executor';
import type { BackendInfo } from '../core/executor';
import type { ComputeApi, DeviceLostMessage } from '../../workers/compute.worker';

export interface Session {
  id: number;
  worker: Worker;
  api: Comlink.Remote<ComputeApi>;
  ready: Promise<BackendInfo>;
  /** Reject functions of the calls in flight. */
  pending: Set<(err: Error) => void>;
  dead: Error | null;
}

export type SpawnWorker = () => Worker;

export const spawnComputeWorker: SpawnWorker = () =>
  new Worker(new URL('../../workers/compute.worker.ts', import.meta.url), { type: 'module' });

export function crash(s: Session, error: Error): void {
  if (s.dead) return;
  s.dead = error;
  s.worker.terminate();
  for (const fail of [...s.pending]) fail(error);
  s.pending.clear();
}

export function crashedError(message: string): Error {
  return new Error(`the compute worker crashed: ${message}; press Run to restart`);
}

/**
 * Starts a worker; `init` asks it to choose its backend. `onDead` runs once when the worker
 * crashes or loses its GPU device (after the pending calls were rejected).
 */
export function openSession(
  id: number,
  spawn: SpawnWorker,
  init: (api: Comlink.Remote<ComputeApi>) => Promise<BackendInfo>,
  onDead: (s: Session) => void,
): Session {
  const worker = spawn();
  const api = Comlink.wrap<ComputeApi>(worker);
  const s: Session = {
    id,
    worker,
    api,
    pending: new Set(),
    dead: null,
    // Deferred one microtask so guard() sees the finished session object.
    ready: Promise.resolve().then(() => guard(s, () => init(api))),
  };
  const die = (error: Error): void => {
    if (s.dead) return;
    crash(s, error);
    onDead(s);
  };
  worker.addEventListener('error', (event: ErrorEvent | Event) => {
    // A module that fails to load fires a plain Event without a message.
    const message = 'message' in event && event.message ? event.message : 'the worker script failed to load or threw';
    die(crashedError(message));
  });
  worker.addEventListener('messageerror', () => die(crashedError('a message from the worker could not be decoded')));
  worker.addEventListener('message', (event: MessageEvent<unknown>) => {
    const data = event.data as Partial<DeviceLostMessage> | null;
    if (data && data.type === 'device-lost') {
      const lost = new Error(data.message ?? 'the GPU device was lost');
      lost.name = DEVICE_LOST_ERROR;
      die(lost);
    }
  });
  return s;
}

/** Races a worker call against worker death and the caller's abort signal. */
export function guard<T>(s: Session, call: () => Promise<T>, signal?: AbortSignal, onAbort?: () => void): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    if (s.dead) return reject(s.dead);
    if (signal?.aborted) return reject(new CancelledError());
    let settled = false;
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
      fail(new CancelledError());
    };
    s.pending.add(fail);
    signal?.addEventListener('abort', abort, { once: true });
    call().then(
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
