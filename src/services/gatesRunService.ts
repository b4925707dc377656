/**
 * The gates view of a run's model, in the runner worker: the fold model is retrained on the
 * compute pool this worker owns (notebook/gates/runGates.ts) and the view is kept in the run
 * cache, so the page only posts a request and draws what comes back.
 */
import { checkRequest } from '../spec/check';
import { z } from 'zod';
import { CancelledError } from '../core/executor';
import type { GatesView } from '../notebook/gates/gatesView';
import { runGates } from '../notebook/gates/runGates';
import { parseNotebook } from '../notebook/parse';
import type { PoolJobDeps } from './poolJobDeps';

export const gatesRequestSchema = z.object({
  gatesId: z.string().min(1),
  preference: z.enum(['auto', 'webgpu', 'wasm', 'cpu']),
  doc: z.unknown(),
  modelCellId: z.string().min(1).optional(),
  /** The window's last bar (YYYY-MM-DD); null: the last test window. */
  date: z
    .string()
    .regex(/^\d{4}-\d{2}-\d{2}/, 'expected a date as YYYY-MM-DD')
    .nullable(),
});
export type GatesRequest = z.input<typeof gatesRequestSchema>;

/** What the page hears while the fold model trains (a comlink proxy of its callback). */
export interface GatesEvents {
  onProgress(fraction: number, message: string): void;
}

export type GatesServiceDeps = PoolJobDeps;

export function createGatesRunService(deps: GatesServiceDeps) {
  const jobs = new Map<string, AbortController>();
  return {
    async gates(input: GatesRequest, events: GatesEvents): Promise<GatesView> {
      const request = checkRequest(gatesRequestSchema, input, 'gates request');
      const { gatesId, preference, modelCellId, date } = request;
      const doc = parseNotebook(request.doc);
      const controller = new AbortController();
      jobs.set(gatesId, controller);
      try {
        const env = { executor: deps.pool(preference), loadData: deps.loadData, versions: deps.versions(), cache: deps.runCache, signal: controller.signal };
        return await runGates(doc, env, {
          modelCellId,
          date,
          onProgress: (fraction, message) => void Promise.resolve(events.onProgress(fraction, message)).catch(() => undefined),
        });
      } finally {
        jobs.delete(gatesId);
      }
    },

    /** Stops a gates request: its promise rejects with CancelledError. */
    cancelGates(gatesId: string): void {
      jobs.get(gatesId)?.abort(new CancelledError());
    },
  };
}
