import { describe, expect, it } from 'vitest';
import { reproducibilityOf } from './reproducibility';

const folds = (...engines: (string | null)[]) => engines.map((engine, index) => ({ engine, index }));
const none = { byStep: false, diagnostics: false, explain: false };

describe('reproducibilityOf', () => {
  it('lists nothing when every fold trained on a fused engine or in closed form', () => {
    const r = reproducibilityOf(folds('fused wasm SIMD', 'fused JS (no SIMD)', 'closed form (no gradient training)', null), none);
    expect(r.backendDependent).toEqual([]);
    expect(r.sentence).toContain('same bits on every backend');
  });

  it('lists the forecast-derived fields the report has when a fold trained with tfjs or WebGPU kernels', () => {
    const r = reproducibilityOf(folds('fused wasm SIMD', 'tfjs layers (recurrent dropout)'), { byStep: false, diagnostics: true, explain: false });
    expect(r.backendDependent).toEqual(['metrics', 'folds[].metrics', 'folds[].finalLoss', 'backtest.strategy', 'tests', 'diagnostics']);
    expect(r.sentence).toContain('tfjs layers (recurrent dropout)');
    expect(r.sentence).toContain('baselines and buy-and-hold are the same bits everywhere');
    expect(reproducibilityOf(folds('WGSL LSTM'), { byStep: true, diagnostics: false, explain: true }).backendDependent).toEqual(['metrics', 'folds[].metrics', 'folds[].finalLoss', 'byStep', 'backtest.strategy', 'tests', 'explain']);
  });
});
