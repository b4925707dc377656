/**
 * A training call that has seen no batch finish this long is stuck, whether it runs in a compute
 * worker that still beats (src/services/workerSession.ts) or on the CLI's own thread
 * (src/cli/batchDeadline.ts). Above the start-up's own limits (backend init 20 s, probe 10 s per
 * backend) and far above one batch of the largest model the run budget allows.
 */
export const DEFAULT_BATCH_DEADLINE_MS = 120_000;
