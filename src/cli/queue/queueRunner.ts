import { fileURLToPath } from 'node:url';
import { Queue, QueueEvents, Worker } from 'bullmq';
import { CancelledError } from '../../core/executor';
import { RunnerLostError, type TrialRunner } from '../../notebook/sweep/runSweep';
import { trialOutcomeSchema, type TrialJob, type TrialOutcome } from '../../notebook/sweep/trial';
import type { SweepCliArgs } from '../sweepArgs';
import type { TrialPlace } from '../trialEnvironment';
import { checkRedis, QUEUE_NAME, redisOptions } from './connection';

/**
 * Trials on a BullMQ queue. The job id is the trial's content hash, so a trial added twice (a
 * rerun, a duplicate) is one job and one result; a finished job keeps its result in Redis, so a
 * rerun of the sweep reads it back; a failed one is retried.
 */
export async function createQueueRunner(url: string, place: TrialPlace): Promise<TrialRunner & { close(): Promise<void> }> {
  await checkRedis(url);
  const connection = redisOptions(url);
  const queue = new Queue(QUEUE_NAME, { connection });
  const events = new QueueEvents(QUEUE_NAME, { connection });
  await events.waitUntilReady();
  // Every trial in flight waits on these emitters: hundreds of listeners are expected, not a leak.
  queue.setMaxListeners(0);
  events.setMaxListeners(0);
  let lost: RunnerLostError | null = null;
  let signalLost: (error: RunnerLostError) => void = () => {};
  const lostPromise = new Promise<never>((_, reject) => (signalLost = reject));
  lostPromise.catch(() => undefined);
  // ioredis reconnects on its own, but a restarted Redis without persistence holds none of the jobs
  // waited on: the sweep stops with a clear error, and a rerun resumes from its trial store.
  const onLost = (reason: string) => {
    if (lost) return;
    lost = new RunnerLostError(`lost the connection to Redis at ${url} mid-sweep (${reason}): the sweep stopped. Start redis-server there and rerun the same command: the trials already finished are kept and not run again`);
    signalLost(lost);
  };
  for (const backend of [queue.backend, events.backend]) {
    backend.on('close', () => onLost('connection closed'));
    backend.on('error', (error: unknown) => onLost(error instanceof Error ? error.message : String(error)));
  }
  // Heard above, from the backends; an 'error' event without a listener would throw.
  queue.on('error', () => undefined);
  events.on('error', () => undefined);
  return {
    async run(job: TrialJob, signal?: AbortSignal): Promise<TrialOutcome> {
      if (signal?.aborted) throw new CancelledError();
      if (lost) throw lost;
      let onAbort = () => {};
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => reject(new CancelledError());
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      const finished = async () => {
        const queued = await queue.add('trial', { job, place }, { jobId: job.id, attempts: 3, backoff: { type: 'fixed', delay: 500 }, removeOnComplete: false, removeOnFail: false });
        if ((await queued.getState()) === 'failed') await queued.retry();
        return queued.waitUntilFinished(events);
      };
      const outcome = finished();
      // Once a cancel or a lost Redis settled the race, this one's late rejection is no news.
      outcome.catch(() => undefined);
      const result: unknown = await Promise.race([outcome, aborted, lostPromise]).finally(() => signal?.removeEventListener('abort', onAbort));
      const parsed = trialOutcomeSchema.safeParse(result);
      if (!parsed.success) throw new Error(`trial ${job.id.slice(0, 12)}: the queue returned no valid outcome (${parsed.error.issues[0]?.message ?? ''})`);
      return parsed.data;
    },
    async close() {
      // A lost connection is dropped, not closed politely: QUIT would wait for a Redis that is gone,
      // and the drop may never settle once ioredis holds no socket, so it is not awaited. close()
      // also ends QueueEvents' read loop, which would otherwise retry (and keep the process) forever.
      if (lost) {
        void Promise.allSettled([events.close(), queue.disconnect()]);
        return;
      }
      await events.close();
      await queue.close();
    },
  };
}

/** `npm run cli -- worker --queue ...`: runs queued trials in sandboxed child processes until SIGINT or SIGTERM. */
export async function runQueueWorker(args: SweepCliArgs & { lockSeconds?: number }): Promise<void> {
  const url = args.queue!;
  await checkRedis(url);
  const lockDuration = (args.lockSeconds ?? 30) * 1000;
  const processor = fileURLToPath(new URL('./trialProcessor.ts', import.meta.url));
  const worker = new Worker(QUEUE_NAME, processor, {
    connection: redisOptions(url),
    concurrency: args.workers,
    lockDuration,
    stalledInterval: Math.max(1000, lockDuration / 2),
    maxStalledCount: 2,
  });
  worker.on('completed', (job) => {
    if (!args.quiet) process.stderr.write(`trial ${job.id?.slice(0, 12) ?? '?'} done\n`);
  });
  worker.on('failed', (job, error) => process.stderr.write(`trial ${job?.id?.slice(0, 12) ?? '?'} failed: ${error.message}\n`));
  worker.on('error', (error) => process.stderr.write(`worker: ${error.message}\n`));
  await worker.waitUntilReady();
  if (!args.quiet) process.stderr.write(`worker ready on ${url} (${args.workers} at a time)\n`);
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await worker.close();
}
