/**
 * Tests only: a compute worker that runs in this thread. The real API (workers/computeApi.ts)
 * is exposed over a MessageChannel, so comlink, transfers and the message protocol are the
 * ones the page uses; `patch` swaps methods to stage failures (device loss, out of memory), and
 * `hang`, `selfClose` and `failLoad` stage the silent deaths the watchdog must notice.
 */
import * as Comlink from 'comlink';
import { createComputeApi, type ComputeApi, type WorkerNote } from '../../workers/computeApi';

export interface FakeWorker {
  worker: Worker;
  api: ComputeApi;
  /** Posts the device-lost note, as the worker does when GPUDevice.lost settles. */
  loseDevice(message: string): void;
  /** Fires an uncaught error, as a crashing worker does. */
  crash(message: string): void;
  /** From now on nothing comes out (no heartbeat, no reply), as from a thread stuck in a loop. */
  hang(): void;
  /** As `self.close()`: the worker stops, no error event, its calls never answer. */
  selfClose(): void;
  /** As a script that throws while loading: never answers, then an error event (a message-less Event by default). */
  failLoad(message?: string): void;
  terminated: boolean;
}

export function createFakeWorker(patch: (api: ComputeApi, fake: FakeWorker) => Partial<ComputeApi> = () => ({})): FakeWorker {
  const { port1, port2 } = new MessageChannel();
  const target = new EventTarget();
  const post = (message: WorkerNote) => port2.postMessage(message);
  const api = createComputeApi({ post });
  let silent = false;
  const fake: FakeWorker = {
    api,
    terminated: false,
    loseDevice: (message) => post({ type: 'device-lost', message }),
    crash: (message) => target.dispatchEvent(Object.assign(new Event('error'), { message })),
    hang: () => void (silent = true),
    selfClose: () => {
      silent = true;
      api.dispose();
      port2.close();
    },
    failLoad: (message) => {
      silent = true;
      api.dispose();
      setTimeout(() => target.dispatchEvent(message === undefined ? new Event('error') : Object.assign(new Event('error'), { message })), 10);
    },
    worker: Object.assign(target, {
      postMessage: (message: unknown, transfer?: Transferable[]) => port1.postMessage(message, transfer ?? []),
      terminate: () => {
        fake.terminated = true;
        api.dispose();
        port1.close();
        port2.close();
      },
    }) as unknown as Worker,
  };
  port1.addEventListener('message', (event) => {
    if (!silent) target.dispatchEvent(new MessageEvent('message', { data: (event as MessageEvent).data }));
  });
  port1.start();
  Comlink.expose({ ...api, ...patch(api, fake) }, port2 as unknown as Comlink.Endpoint);
  return fake;
}

/**
 * Spawns fake workers for a pool and keeps them in `fakes` (spawn order). The first one
 * misbehaves as `patch` stages it; its replacements are healthy. Call `terminateAll` after each test.
 */
export function createFakeSpawner() {
  const fakes: FakeWorker[] = [];
  return {
    fakes,
    spawner(patch?: Parameters<typeof createFakeWorker>[0]) {
      return () => {
        const fake = createFakeWorker(fakes.length === 0 ? patch : undefined);
        fakes.push(fake);
        return fake.worker;
      };
    },
    terminateAll() {
      for (const f of fakes.splice(0)) if (!f.terminated) f.worker.terminate();
    },
  };
}
