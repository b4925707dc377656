/**
 * Tests only: a compute worker that runs in this thread. The real API (workers/computeApi.ts)
 * is exposed over a MessageChannel, so comlink, transfers and the message protocol are the
 * ones the page uses; `patch` swaps methods to stage failures (device loss, out of memory).
 */
import * as Comlink from 'comlink';
import { createComputeApi, type ComputeApi, type DeviceLostMessage } from '../../workers/computeApi';

export interface FakeWorker {
  worker: Worker;
  api: ComputeApi;
  /** Posts the device-lost note, as the worker does when GPUDevice.lost settles. */
  loseDevice(message: string): void;
  /** Fires an uncaught error, as a crashing worker does. */
  crash(message: string): void;
  terminated: boolean;
}

export function createFakeWorker(patch: (api: ComputeApi, fake: FakeWorker) => Partial<ComputeApi> = () => ({})): FakeWorker {
  const { port1, port2 } = new MessageChannel();
  const target = new EventTarget();
  const post = (message: DeviceLostMessage) => port2.postMessage(message);
  const api = createComputeApi({ post });
  const fake: FakeWorker = {
    api,
    terminated: false,
    loseDevice: (message) => post({ type: 'device-lost', message }),
    crash: (message) => target.dispatchEvent(Object.assign(new Event('error'), { message })),
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
  port1.addEventListener('message', (event) => target.dispatchEvent(new MessageEvent('message', { data: (event as MessageEvent).data })));
  port1.start();
  Comlink.expose({ ...api, ...patch(api, fake) }, port2 as unknown as Comlink.Endpoint);
  return fake;
}
