/** A worker thread that runs sweep trials for the CLI (threadRunner.ts): one job in, one outcome out. */
import { parentPort } from 'node:worker_threads';
import { z } from 'zod';
import { evaluateTrial, trialJobSchema } from '../notebook/sweep/trial';
import { trialEnvironment } from './trialEnvironment';

const messageSchema = z.object({
  job: trialJobSchema,
  place: z.object({ notebookPath: z.string(), dataDirs: z.array(z.string()), backend: z.enum(['cpu', 'wasm']) }),
});

parentPort?.on('message', (raw: unknown) => {
  const parsed = messageSchema.safeParse(raw);
  if (!parsed.success) {
    parentPort?.postMessage({ error: `trial thread: a malformed job (${parsed.error.issues[0]?.message ?? 'unknown'})` });
    return;
  }
  const { job, place } = parsed.data;
  evaluateTrial(job, trialEnvironment(place)).then(
    (outcome) => parentPort?.postMessage({ outcome }),
    (error: unknown) => parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) }),
  );
});
