/** What the runner needs from the browser, wired for the runner worker (src/services/runner.worker.ts). */
import { openCandleCache, type CandleCacheDB } from '../storage/candleCache';
import { openDb } from '../storage/db';
import type { RunnerHost } from './runnerApi';
import { appVersions } from './versions';
import { spawnComputeWorker } from './workerSession';

export function browserRunnerHost(): RunnerHost {
  let candles: CandleCacheDB | null = null;
  return {
    db: openDb(),
    candleCache: () => (candles ??= openCandleCache()),
    versions: appVersions,
    spawnWorker: () => {
      const worker = spawnComputeWorker();
      // The pool's session turns a compute worker's crash into the run's error; handled here, it
      // does not also bubble up as an error of the runner worker (which would read as the runner crashing).
      worker.addEventListener('error', (event) => event.preventDefault());
      return worker;
    },
  };
}
