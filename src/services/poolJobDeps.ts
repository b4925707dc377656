import type { BackendPreference } from '../core/executor';
import type { RunCache } from '../notebook/cache';
import type { RunEnvironment } from '../notebook/runState';
import type { WorkerPool } from './workerPool';

/** What a job of the runner worker beside a run (a sweep, a gates view) needs: data, the run cache and the compute pool. */
export interface PoolJobDeps {
  loadData: RunEnvironment['loadData'];
  runCache: RunCache;
  pool(preference: BackendPreference): WorkerPool;
  versions(): Record<string, string>;
}
