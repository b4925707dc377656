/**
 * Tests only: the runner worker in this thread. The real API (runnerApi.ts) is exposed over a
 * MessageChannel, so comlink, proxies and the message protocol are the ones the page uses; its
 * compute workers are in-thread fakes (fakeComputeWorker.testkit.ts) and its IndexedDB is
 * whatever the test installed (fake-indexeddb).
 */
import * as Comlink from 'comlink';
import { openCandleCache } from '../storage/candleCache';
import { openDb, type CryptoForecastLabDB } from '../storage/db';
import { createFakeWorker, type FakeWorker } from './fakeComputeWorker.testkit';
import { createRunnerApi, type RunnerApi } from './runnerApi';
import type { RunnerWorker } from './runnerClient';

export interface FakeRunner {
  worker: RunnerWorker;
  api: RunnerApi;
  db: CryptoForecastLabDB;
  computeWorkers: FakeWorker[];
  /** Fires an uncaught error, as a crashing worker does. Terminating it stops its compute workers, as a browser does. */
  crash(message: string): void;
  terminated: boolean;
}

export function createFakeRunner(dbName: string): FakeRunner {
  const { port1, port2 } = new MessageChannel();
  const target = new EventTarget();
  const db = openDb(dbName);
  const computeWorkers: FakeWorker[] = [];
  const api = createRunnerApi({
    db,
    candleCache: () => openCandleCache(`${dbName}-candles`),
    versions: () => ({ app: 'test' }),
    spawnWorker: () => {
      const fake = createFakeWorker();
      computeWorkers.push(fake);
      return fake.worker;
    },
  });
  const worker: RunnerWorker = {
    postMessage: (message: unknown, transfer?: Transferable[]) => port1.postMessage(message, transfer ?? []),
    addEventListener: (type, listener) => target.addEventListener(type, listener),
    removeEventListener: (type, listener) => target.removeEventListener(type, listener),
    terminate: () => {
      fake.terminated = true;
      api.dispose();
      db.close();
      port1.close();
      port2.close();
    },
  };
  const fake: FakeRunner = {
    worker,
    api,
    db,
    computeWorkers,
    terminated: false,
    crash: (message) => target.dispatchEvent(Object.assign(new Event('error'), { message })),
  };
  port1.addEventListener('message', (event) => target.dispatchEvent(new MessageEvent('message', { data: event.data })));
  port1.start();
  Comlink.expose(api, port2);
  return fake;
}
