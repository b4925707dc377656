/**
 * Sweeps in the runner worker: every trial runs through the same runner as a normal run, on the
 * compute pool this worker owns (as many trials at once as the pool has workers), and its outcome
 * is kept in the run cache under the trial's content hash, so a sweep started again after a
 * reload resumes from the trials it already finished.
 */
import { checkRequest } from '../spec/check';
import { z } from 'zod';
import { CancelledError } from '../core/executor';
import { parseNotebook } from '../notebook/parse';
import type { RunEnvironment } from '../notebook/runState';
import { createLocalTrialRunner } from '../notebook/sweep/localRunner';
import { runSweep } from '../notebook/sweep/runSweep';
import type { SweepReport, SweepTrial } from '../notebook/sweep/sweepReport';
import type { PoolJobDeps } from './poolJobDeps';

export const sweepRequestSchema = z.object({
  sweepId: z.string().min(1),
  preference: z.enum(['auto', 'webgpu', 'wasm', 'cpu']),
  doc: z.unknown(),
});
export type SweepRequest = z.input<typeof sweepRequestSchema>;

/** What the page hears while a sweep goes on (a comlink proxy of its callback). */
export interface SweepEvents {
  onTrial(trial: SweepTrial, done: number, total: number): void;
}

export type SweepServiceDeps = PoolJobDeps;

export function createSweepService(deps: SweepServiceDeps) {
  const sweeps = new Map<string, AbortController>();
  return {
    async sweep(input: SweepRequest, events: SweepEvents): Promise<SweepReport> {
      const request = checkRequest(sweepRequestSchema, input, 'sweep request');
      const { sweepId, preference } = request;
      const doc = parseNotebook(request.doc);
      const controller = new AbortController();
      sweeps.set(sweepId, controller);
      try {
        const pool = deps.pool(preference);
        const backend = (await pool.backend()).backend;
        const env = (): RunEnvironment => ({ executor: pool, loadData: deps.loadData, versions: deps.versions(), cache: deps.runCache });
        return await runSweep(doc, {
          env: { loadData: deps.loadData, signal: controller.signal },
          runner: createLocalTrialRunner(env, Math.max(1, pool.parallelism ?? 1)),
          backend,
          store: deps.runCache,
          signal: controller.signal,
          onTrial: (trial, done, total) => void Promise.resolve(events.onTrial(trial, done, total)).catch(() => undefined),
        });
      } finally {
        sweeps.delete(sweepId);
      }
    },

    /** Stops a sweep: the trials it stopped are marked cancelled in the report it returns. */
    cancelSweep(sweepId: string): void {
      sweeps.get(sweepId)?.abort(new CancelledError());
    },
  };
}
