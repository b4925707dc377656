/**
 * BullMQ's sandboxed processor for sweep trials: it runs in a child process of the worker, so a
 * trial's training never blocks the worker's event loop and the job lock keeps being renewed.
 */
import { z } from 'zod';
import { evaluateTrial, trialJobSchema, type TrialOutcome } from '../../notebook/sweep/trial';
import { trialEnvironment } from '../trialEnvironment';

export const queuedTrialSchema = z.object({
  job: trialJobSchema,
  place: z.object({ notebookPath: z.string(), dataDirs: z.array(z.string()), backend: z.enum(['cpu', 'wasm']) }),
});

export default async function processTrial(job: { data: unknown }): Promise<TrialOutcome> {
  const parsed = queuedTrialSchema.safeParse(job.data);
  if (!parsed.success) throw new Error(`a malformed trial job: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
  return evaluateTrial(parsed.data.job, trialEnvironment(parsed.data.place));
}
