/**
 * The compute workers' per-call deadline (src/services/workerSession.ts) on the CLI's own thread:
 * a train or predict whose batches stop finishing while the event loop is free (an await that
 * never settles) rejects after `deadlineMs` with a message that says so, and the call's signal
 * aborts, so the trainer stops if it ever reaches its next batch end. The silence watchdog has
 * no equivalent here: a synchronous loop blocks this timer too, and there is no worker to
 * terminate (test/corpus/workers/README.md, "The CLI").
 */
import { DEFAULT_BATCH_DEADLINE_MS } from '../core/batchDeadline';
import type { CallOptions, Executor } from '../core/executor';

const seconds = (ms: number): string => (ms / 1000).toFixed(1);

export function stalledInProcessError(what: string, stuckMs: number, deadlineMs: number): Error {
  return new Error(
    `${what} made no progress: no batch finished in ${seconds(stuckMs)} s (limit ${seconds(deadlineMs)} s); it was abandoned. ` +
      'Run again; if it happens again, make the model or batch smaller or choose another --backend',
  );
}

/** Runs `call` with a signal that also aborts when no progress was seen for `deadlineMs`. */
function underDeadline<T>(what: string, deadlineMs: number, options: CallOptions, call: (options: CallOptions) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const outer = options.signal;
  const forward = (): void => controller.abort(outer?.reason);
  if (outer?.aborted) forward();
  outer?.addEventListener('abort', forward, { once: true });
  let progressAt = performance.now();
  let timer: ReturnType<typeof setTimeout> | undefined;
  const stalled = new Promise<never>((_, reject) => {
    const check = (): void => {
      const stuckMs = performance.now() - progressAt;
      if (stuckMs < deadlineMs) {
        timer = setTimeout(check, deadlineMs - stuckMs);
        return;
      }
      controller.abort();
      reject(stalledInProcessError(what, stuckMs, deadlineMs));
    };
    timer = setTimeout(check, deadlineMs);
  });
  const inner: CallOptions = {
    signal: controller.signal,
    onProgress: (p) => {
      progressAt = performance.now();
      options.onProgress?.(p);
    },
  };
  return Promise.race([call(inner), stalled]).finally(() => {
    clearTimeout(timer);
    outer?.removeEventListener('abort', forward);
  });
}

/** `inner` with every train and predict held to the per-call deadline. */
export function withBatchDeadline<E extends Executor>(inner: E, deadlineMs = DEFAULT_BATCH_DEADLINE_MS): E {
  return {
    ...inner,
    train: (model, training, data, options = {}) =>
      underDeadline(`training ${model.type} (${data.n} windows)`, deadlineMs, options, (o) => inner.train(model, training, data, o)),
    predict: (handle, data, options = {}) => underDeadline(`predicting (${data.n} windows)`, deadlineMs, options, (o) => inner.predict(handle, data, o)),
  };
}
