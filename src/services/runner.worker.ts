/**
 * Thin comlink entry of the runner worker. It lives in src/services because what it runs is the
 * services layer's runner (runnerApi.ts: storage, sources, notebook, the compute pool); the
 * client is runnerClient.ts. The compute workers (workers/compute.worker.ts) are nested: this
 * worker starts them.
 */
import * as Comlink from 'comlink';
import { createRunnerApi } from './runnerApi';
import { browserRunnerHost } from './runnerHost';

export type { RunnerApi } from './runnerApi';

Comlink.expose(createRunnerApi(browserRunnerHost()));
