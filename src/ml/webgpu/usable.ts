/** When train.ts hands an LSTM to the WGSL engine instead of the fused wasm one. */
import type { ModelSpec, TrainingSpec } from '../../core/executor';
import { activeWebGpuAdapter } from './adapterKind';
import { WGSL_ENGINE_LABEL } from './wgslTrainer';

export type WgslChoice = { use: true; label: string } | { use: false; why: string };

/**
 * The WGSL engine trains LSTM regression models (no dropout between stacked layers) whenever the
 * tfjs backend is webgpu. On `auto` that means a hardware adapter (a software one always loses
 * the measurement to wasm); on a software adapter only when the user forced webgpu, who then gets
 * the GPU path asked for, labelled as running on a software adapter.
 */
export async function wgslEngineChoice(spec: ModelSpec, training: TrainingSpec): Promise<WgslChoice> {
  if (spec.type !== 'lstm') return { use: false, why: `the WGSL engine trains lstm, not ${spec.type}` };
  const target = training.target?.type ?? 'regression';
  if (target !== 'regression') return { use: false, why: `the WGSL engine has an MSE head only, not ${target}` };
  if (spec.dropout > 0 && spec.layers > 1) return { use: false, why: 'the WGSL engine has no dropout between layers' };
  if (spec.recurrentDropout > 0) return { use: false, why: 'the WGSL engine has no recurrent dropout' };
  const adapter = await activeWebGpuAdapter();
  if (adapter.kind === 'none') return { use: false, why: adapter.why };
  return { use: true, label: adapter.kind === 'hardware' ? WGSL_ENGINE_LABEL : `${WGSL_ENGINE_LABEL} (software adapter ${adapter.name})` };
}
