/**
 * BullMQ's sandboxed processor for sweep trials: it runs in a child process of the worker, so a
 * trial's training never blocks the worker's event loop and the job lock keeps being renewed.
 */
import { checkRequest } from '../../spec/check';
import { z } from 'zod';
import { evaluateTrial, trialJobSchema, type TrialOutcome } from '../../notebook/sweep/trial';
import { trialEnvironment } from '../trialEnvironment';

export const queuedTrialSchema = z.object({
  job: trialJobSchema,
  place: z.object({ notebookPath: z.string(), dataDirs: z.array(z.string()), backend: z.enum(['cpu', 'wasm']) }),
});

export default async function processTrial(job: { data: unknown }): Promise<TrialOutcome> {
  const queued = checkRequest(queuedTrialSchema, job.data, 'a malformed trial job');
  return evaluateTrial(queued.job, trialEnvironment(queued.place));
}
