/**
 * selftest.html: checks the WGSL LSTM kernels on this browser's WebGPU adapter against the tf-ops
 * reference (same backend and cpu), counts GPU dispatches per timestep against tf.layers.lstm,
 * and shows the results as a table. Raw values also land on `window.cflSelftest` for e2e tests.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { classifyAdapter, registerLstmStepKernels } from '../ml/webgpu';
import { installDispatchCounter } from './dispatchCounter';
import { renderTable } from './render';
import { adamChecks, modelChecks, stepChecks, trainerChecks, type CheckRow } from './stepChecks';
import { probeSteps } from './stepProbe';

interface SelftestResult {
  status: 'running' | 'done' | 'failed' | 'unavailable';
  adapter?: { name: string; kind: string };
  rows: CheckRow[];
  error?: string;
}

const result: SelftestResult = { status: 'running', rows: [] };
(window as unknown as { cflSelftest: SelftestResult }).cflSelftest = result;
const byId = (id: string): HTMLElement => document.getElementById(id) ?? (() => { throw new Error(`selftest.html lacks #${id}`); })();

function show(status: SelftestResult['status'], text: string): void {
  result.status = status;
  const el = byId('status');
  el.textContent = text;
  el.dataset.state = status;
}

/** Small on purpose: the software adapter here is slow. Real GPUs can pass ?units=64 etc. */
function dims(): { batch: number; timesteps: number; features: number; units: number } {
  const params = new URLSearchParams(location.search);
  const int = (name: string, fallback: number): number => {
    const v = Number(params.get(name));
    return Number.isInteger(v) && v > 0 ? v : fallback;
  };
  return { batch: int('batch', 6), timesteps: int('timesteps', 4), features: int('features', 5), units: int('units', 12) };
}

async function main(): Promise<void> {
  const adapter = await navigator.gpu?.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) {
    show('unavailable', 'No WebGPU adapter in this browser (navigator.gpu or requestAdapter() gave none): nothing to test.');
    return;
  }
  const kind = classifyAdapter(adapter.info, (adapter as { isFallbackAdapter?: boolean }).isFallbackAdapter);
  result.adapter = kind;
  byId('adapter').textContent = `${kind.name} (${kind.kind} adapter), tfjs ${tf.version.tfjs}`;
  if (!(await tf.setBackend('webgpu'))) throw new Error("tf.setBackend('webgpu') returned false");
  registerLstmStepKernels();
  if (!installDispatchCounter()) throw new Error('GPUComputePassEncoder is missing: cannot count dispatches');
  const d = dims();
  const rows = result.rows;
  const table = byId('results');
  const refresh = (): void => table.replaceChildren(renderTable(rows));
  for (const activation of ['sigmoid', 'hardSigmoid'] as const) {
    show('running', `checking ${activation} step kernels...`);
    rows.push(...(await stepChecks(d, activation)));
    rows.push(...(await modelChecks({ ...d, units: Math.min(d.units, 8) }, activation)));
    refresh();
  }
  show('running', 'Adam steps: WGSL vs tf ops...');
  rows.push(...(await adamChecks({ ...d, units: Math.min(d.units, 8) }, 'sigmoid', 3)));
  refresh();
  show('running', 'the WGSL trainer vs the same loop over tf ops...');
  rows.push(...(await trainerChecks('hardSigmoid')));
  refresh();
  show('running', 'counting dispatches per timestep...');
  const probe = await probeSteps({ batch: 64, features: 8, units: 32 });
  const shapeNote = 'B=64, F=8, H=32';
  const timeNote = kind.kind === 'software' ? ' (SOFTWARE adapter: not a GPU speed)' : '';
  rows.push(
    { id: 'dispatch.wgslForward', label: `dispatches per timestep, forward: WGSL step (${shapeNote})`, value: probe.wgslForward, limit: 1, unit: 'dispatches' },
    { id: 'dispatch.referenceForward', label: 'dispatches per timestep, forward: the same step in tf ops', value: probe.referenceForward, limit: null, unit: 'dispatches' },
    { id: 'dispatch.tfjsLayersForward', label: 'dispatches per timestep, forward: tf.layers.lstm cell', value: probe.tfjsLayersForward, limit: null, unit: 'dispatches' },
    { id: 'dispatch.wgslTraining', label: 'dispatches per timestep, forward + backward: WGSL', value: probe.wgslTraining, limit: 2, unit: 'dispatches' },
    { id: 'dispatch.tfjsLayersTraining', label: 'dispatches per timestep, forward + backward: tf.layers.lstm', value: probe.tfjsLayersTraining, limit: null, unit: 'dispatches' },
    { id: 'time.wgslForward', label: `forward ms per timestep: WGSL step${timeNote}`, value: probe.wgslForwardMs, limit: null, unit: 'ms' },
    { id: 'time.tfjsLayersForward', label: `forward ms per timestep: tf.layers.lstm${timeNote}`, value: probe.tfjsLayersForwardMs, limit: null, unit: 'ms' },
  );
  refresh();
  const failed = rows.filter((r) => r.limit !== null && !(r.value <= r.limit)).length;
  show('done', failed === 0 ? `all ${rows.filter((r) => r.limit !== null).length} checks pass` : `${failed} check(s) FAIL`);
}

main().catch((err: unknown) => {
  result.error = err instanceof Error ? err.stack ?? err.message : String(err);
  show('failed', `self-test failed: ${err instanceof Error ? err.message : String(err)}`);
});
