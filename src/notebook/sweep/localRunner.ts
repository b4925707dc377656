import type { RunEnvironment } from '../runState';
import type { TrialRunner } from './runSweep';
import { evaluateTrial, type TrialJob, type TrialOutcome } from './trial';

/** Runs trials in this thread, `parallelism` at a time, each with the environment `envFor` gives it. */
export function createLocalTrialRunner(envFor: (job: TrialJob) => RunEnvironment, parallelism = 1): TrialRunner {
  let running = 0;
  const waiting: (() => void)[] = [];
  return {
    async run(job: TrialJob, signal?: AbortSignal): Promise<TrialOutcome> {
      while (running >= parallelism) await new Promise<void>((resolve) => waiting.push(resolve));
      running++;
      try {
        const env = envFor(job);
        return await evaluateTrial(job, signal ? { ...env, signal } : env);
      } finally {
        running--;
        waiting.shift()?.();
      }
    },
  };
}
