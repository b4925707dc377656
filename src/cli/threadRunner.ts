import { Worker } from 'node:worker_threads';
import { CancelledError } from '../core/executor';
import type { TrialRunner } from '../notebook/sweep/runSweep';
import { trialOutcomeSchema, type TrialJob, type TrialOutcome } from '../notebook/sweep/trial';
import type { TrialPlace } from './trialEnvironment';

/** A thread that can load the TypeScript entry: tsx registers itself inside it first (the CLI runs under tsx). */
function startThread(): Worker {
  const entry = new URL('./trialThread.ts', import.meta.url).href;
  const boot = `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(boot, { eval: true });
}

/** Runs trials in `threads` worker threads, one trial per thread at a time; a crashed thread fails its trial and is replaced. */
export function createThreadRunner(place: TrialPlace, threads: number): TrialRunner & { close(): Promise<void> } {
  const idle: Worker[] = [];
  const all = new Set<Worker>();
  const waiting: ((worker: Worker) => void)[] = [];
  const acquire = (): Promise<Worker> => {
    const ready = idle.pop();
    if (ready) return Promise.resolve(ready);
    if (all.size < threads) {
      const worker = startThread();
      all.add(worker);
      return Promise.resolve(worker);
    }
    return new Promise((resolve) => waiting.push(resolve));
  };
  const release = (worker: Worker) => {
    const next = waiting.shift();
    if (next) next(worker);
    else idle.push(worker);
  };
  const discard = (worker: Worker) => {
    all.delete(worker);
    void worker.terminate();
    if (waiting.length > 0) {
      const fresh = startThread();
      all.add(fresh);
      waiting.shift()!(fresh);
    }
  };

  return {
    async run(job: TrialJob, signal?: AbortSignal): Promise<TrialOutcome> {
      if (signal?.aborted) throw new CancelledError();
      const worker = await acquire();
      return new Promise<TrialOutcome>((resolve, reject) => {
        const cleanup = () => {
          worker.off('message', onMessage);
          worker.off('error', onError);
          signal?.removeEventListener('abort', onAbort);
        };
        const onMessage = (message: { outcome?: unknown; error?: string }) => {
          cleanup();
          release(worker);
          const parsed = trialOutcomeSchema.safeParse(message.outcome);
          if (parsed.success) resolve(parsed.data);
          else reject(new Error(`trial ${job.id.slice(0, 12)}: ${message.error ?? 'the thread sent no outcome'}`));
        };
        const onError = (error: Error) => {
          cleanup();
          discard(worker);
          reject(new Error(`trial ${job.id.slice(0, 12)}: its thread crashed: ${error.message}`));
        };
        const onAbort = () => {
          cleanup();
          discard(worker);
          reject(new CancelledError());
        };
        worker.on('message', onMessage);
        worker.on('error', onError);
        signal?.addEventListener('abort', onAbort, { once: true });
        worker.postMessage({ job, place });
      });
    },
    async close() {
      await Promise.all([...all].map((worker) => worker.terminate()));
      all.clear();
      idle.length = 0;
    },
  };
}
