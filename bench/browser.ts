/**
 * The browser half of `npm run bench`: builds bench/browser (unminified, see its vite.config),
 * serves it with COOP/COEP on a free port, opens Debian's Chromium with WebGPU enabled and
 * collects what bench/browser/bench.ts measures, as BenchResults.
 */
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { build, preview } from 'vite';
import type { BrowserBenchOutput, LstmStepBench, TrainMeasurement } from './browser/protocol';
import type { BenchResult } from './node';
import { matrixResults, type MatrixRun } from './fusedMatrix';
import { lstmTrainingFlopsPerSample, REFERENCE } from './reference';

const configFile = fileURLToPath(new URL('./browser/vite.config.ts', import.meta.url));
const CHROMIUM = '/usr/bin/chromium';
// PITFALLS.md: the flags that work here; --enable-unsafe-webgpu gives the SwiftShader adapter.
const ARGS = ['--no-sandbox', '--enable-unsafe-webgpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const TIMEOUT_MS = 16 * 60_000;

function trainingResult(m: TrainMeasurement, output: BrowserBenchOutput): BenchResult {
  const detail: Record<string, unknown> = { ...m, ...REFERENCE, backendInfo: output.backends[m.backend] ?? {} };
  if (m.extrapolated) detail.note = `measured ${m.batchesMeasured} of ${m.batches} batches (after a warm-up) and extrapolated to the epoch`;
  if ((m.model === 'lstm' || m.model === 'fusedLstm') && m.samplesPerSecond !== null) {
    detail.gflops = (m.samplesPerSecond * lstmTrainingFlopsPerSample(REFERENCE.units, REFERENCE.features, REFERENCE.lookback)) / 1e9;
  }
  return { name: `chromium.train.${m.model}32.${m.backend}`, value: m.samplesPerSecond ?? NaN, unit: 'samples/s', detail };
}

export function toResults(output: BrowserBenchOutput, nodeRuns: readonly MatrixRun[] = []): BenchResult[] {
  const results = output.training.map((m) => trainingResult(m, output));
  const matrix = output.fusedMatrix;
  if (Array.isArray(matrix)) {
    // vsPytorch: PyTorch ran in Node on the same machine and workload (it cannot run in a page).
    results.push(...matrixResults('chromium.train.fused', matrix, { where: 'Chromium Web Worker' }, nodeRuns));
  } else if (matrix) {
    results.push({ name: 'chromium.train.fused', value: NaN, unit: 'samples/s', detail: { error: matrix.error } });
  }
  const idb = output.indexedDb;
  for (const key of ['columnarWriteMs', 'columnarReadMs', 'rowWriteMs', 'rowReadMs'] as const) {
    if (idb[key] !== undefined) results.push({ name: `chromium.indexeddb.${key.replace(/Ms$/, '')}`, value: idb[key], unit: 'ms', detail: { rows: idb.rows } });
  }
  results.push(...lstmStepResults(output.lstmStep));
  if ('rowsPerSecond' in output.csv) {
    results.push({ name: 'chromium.csv.parse.worker', value: output.csv.rowsPerSecond, unit: 'rows/s', detail: { ...output.csv } });
  }
  return results;
}

/** Dispatches per LSTM timestep (WGSL step vs tf.layers.lstm) and forward ms per step on WebGPU. */
function lstmStepResults(step: LstmStepBench | undefined): BenchResult[] {
  if (!step) return [];
  const name = 'chromium.webgpu.lstmStep';
  if ('error' in step) return [{ name: `${name}.dispatchesPerStep.wgsl`, value: NaN, unit: 'dispatches/step', detail: { error: step.error } }];
  const detail = { ...step.dims, adapter: step.adapter, software: step.software };
  // A software adapter's milliseconds say nothing about a GPU: the name says which it was.
  const timeName = `${name}.forwardMsPerStep${step.software ? '.softwareAdapter' : ''}`;
  return [
    { name: `${name}.dispatchesPerStep.wgsl`, value: step.wgslForward, unit: 'dispatches/step', detail },
    { name: `${name}.dispatchesPerStep.tfjsLayers`, value: step.tfjsLayersForward, unit: 'dispatches/step', detail },
    { name: `${name}.trainingDispatchesPerStep.wgsl`, value: step.wgslTraining, unit: 'dispatches/step', detail },
    { name: `${name}.trainingDispatchesPerStep.tfjsLayers`, value: step.tfjsLayersTraining, unit: 'dispatches/step', detail },
    { name: `${timeName}.wgsl`, value: step.wgslForwardMs, unit: 'ms', detail },
    { name: `${timeName}.tfjsLayers`, value: step.tfjsLayersForwardMs, unit: 'ms', detail },
  ];
}

export async function browserBenchmarks(log: (line: string) => void, nodeRuns: readonly MatrixRun[] = []): Promise<{ results: BenchResult[]; environment: Record<string, unknown> }> {
  log('browser: building bench/browser (unminified)');
  await build({ configFile, logLevel: 'warn' });
  const server = await preview({ configFile, preview: { port: 0, host: '127.0.0.1', strictPort: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('the bench preview server gave no URL');
  const browser = await chromium.launch({ ...(existsSync(CHROMIUM) ? { executablePath: CHROMIUM } : {}), args: ARGS });
  try {
    const page = await browser.newPage();
    await page.exposeFunction('benchProgress', (message: string) => log(`browser: ${message}`));
    page.on('pageerror', (e) => log(`browser page error: ${e.message}`));
    log(`browser: ${browser.version()} at ${url}`);
    await page.goto(url);
    const handle = await page.waitForFunction(() => (window as unknown as { benchResult?: unknown }).benchResult, undefined, {
      timeout: TIMEOUT_MS,
      polling: 1000,
    });
    const output = (await handle.jsonValue()) as BrowserBenchOutput | { error: string };
    if ('error' in output && !('training' in output)) throw new Error(`the browser benchmark failed: ${output.error}`);
    const full = output as BrowserBenchOutput;
    return {
      results: toResults(full, nodeRuns),
      environment: {
        chromium: browser.version(),
        userAgent: full.userAgent,
        crossOriginIsolated: full.crossOriginIsolated,
        hardwareConcurrency: full.hardwareConcurrency,
        backends: full.backends,
        indexedDb: full.indexedDb,
      },
    };
  } finally {
    await browser.close();
    await new Promise<void>((resolve) => server.httpServer.close(() => resolve()));
  }
}
