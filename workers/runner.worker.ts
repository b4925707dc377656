/**
 * Thin comlink entry for the notebook runner. The API is src/services/runnerApi.ts; the client
 * is src/services/runnerClient.ts. The compute workers are nested: this worker starts them.
 */
import * as Comlink from 'comlink';
import { createRunnerApi } from '../src/services/runnerApi';
import { browserRunnerHost } from '../src/services/runnerHost';

export type { RunnerApi } from '../src/services/runnerApi';

Comlink.expose(createRunnerApi(browserRunnerHost()));
