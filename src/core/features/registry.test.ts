import { describe, it, expect } from 'vitest';
import { buildFeatureTable } from '../featureTable';
import { FEATURE_DECLARATIONS } from '../../spec/features/registry';
import { FEATURES, featureColumnName, findFeature, resolveFeatureParams } from './registry';

const NAMES = [
  'logReturn', 'simpleReturn', 'logReturnN', 'lag', 'growth', 'ratio', 'rollingMean', 'rollingStd', 'zscore',
  'volatility', 'realizedVol', 'sma', 'ema', 'wma', 'rsi', 'macd', 'macdSignal', 'macdHist',
  'bbUpper', 'bbLower', 'bbPercentB', 'bbWidth', 'trueRange', 'atr', 'adx', 'plusDi', 'minusDi',
  'stochK', 'stochD', 'obv', 'vwap', 'mfi', 'dayOfWeek', 'hourOfDay',
];
const NO_TIME = new Float64Array(0);

describe('feature registry', () => {
  it('lists the features once each, with consistent schemas', () => {
    expect(FEATURES.map((f) => f.name)).toEqual(NAMES);
    // Every declaration (src/spec/features) has exactly one computation here, in the same order.
    expect(FEATURE_DECLARATIONS.map((f) => f.name)).toEqual(NAMES);
    for (const def of FEATURES) {
      expect(def.description.length, def.name).toBeGreaterThan(10);
      // The defaults pass the feature's own schema (ranges included).
      expect(() => resolveFeatureParams(def, {}), def.name).not.toThrow();
      for (const role of Object.keys(def.defaultColumns ?? {})) expect(def.inputs, def.name).toContain(role);
    }
  });

  it('has the textbook defaults', () => {
    const defaults = (name: string): Record<string, number> => resolveFeatureParams(findFeature(name), {});
    expect(defaults('sma')).toEqual({ period: 20 });
    expect(defaults('rsi')).toEqual({ period: 14 });
    expect(defaults('macdHist')).toEqual({ fast: 12, slow: 26, signal: 9 });
    expect(defaults('bbWidth')).toEqual({ period: 20, stdDevs: 2 });
    expect(defaults('stochD')).toEqual({ period: 14, signal: 3, smooth: 3 });
    expect(defaults('realizedVol')).toEqual({ period: 20, annualize: 0, periodsPerYear: 365 });
    expect(Object.keys(findFeature('logReturn').params.shape)).toEqual([]);
    expect(findFeature('ratio').inputs).toEqual(['numerator', 'denominator']);
    expect(findFeature('lag').defaultColumns).toEqual({ value: 'close' });
  });

  it('names unknown features and the known ones', () => {
    expect(() => findFeature('ichimoku')).toThrow(`unknown feature "ichimoku"; known: ${NAMES.join(', ')}`);
  });

  it('resolves defaults and checks parameters', () => {
    const rsi = findFeature('rsi');
    expect(resolveFeatureParams(rsi, { name: 'rsi', period: 7 })).toEqual({ period: 7 });
    expect(() => resolveFeatureParams(rsi, { window: 7 })).toThrow('feature "rsi": Unrecognized key: "window"');
    expect(() => resolveFeatureParams(rsi, { period: 2.5 })).toThrow('feature "rsi".period: Invalid input: expected int, received number');
    expect(() => resolveFeatureParams(rsi, { period: 0 })).toThrow('feature "rsi".period: Too small: expected number to be >=1');
    expect(() => resolveFeatureParams(rsi, { period: 1001 })).toThrow('feature "rsi".period: Too big: expected number to be <=1000');
    expect(() => resolveFeatureParams(rsi, { period: '14' })).toThrow('feature "rsi".period: Invalid input: expected number, received string');
    expect(() => resolveFeatureParams(findFeature('logReturn'), { period: 3 })).toThrow('feature "logReturn": Unrecognized key: "period"');
    expect(() => resolveFeatureParams(findFeature('realizedVol'), { annualize: 2 })).toThrow('feature "realizedVol".annualize: Too big: expected number to be <=1');
    expect(() => resolveFeatureParams(findFeature('zscore'), { period: 1 })).toThrow('feature "zscore".period: Too small: expected number to be >=2');
  });

  it('builds column names from params in order', () => {
    const name = (feature: string): string => featureColumnName(findFeature(feature), resolveFeatureParams(findFeature(feature), {}));
    expect(name('rsi')).toBe('rsi_14');
    expect(name('macd')).toBe('macd_12_26_9');
    expect(name('bbUpper')).toBe('bbUpper_20_2');
    expect(name('stochK')).toBe('stochK_14_3_3');
    expect(name('logReturn')).toBe('logReturn');
    expect(name('dayOfWeek')).toBe('dayOfWeek');
  });

  it('computes from columns keyed by role, falling back to the default column', () => {
    const close = Float64Array.from([1, 2, 3, 4]);
    // sma(2): (1+2)/2 = 1.5, (2+3)/2 = 2.5, (3+4)/2 = 3.5
    expect(Array.from(findFeature('sma').compute({ close }, { period: 2 }, NO_TIME))).toEqual([NaN, 1.5, 2.5, 3.5]);
    // lag 1 reads `value`, else `close`
    expect(Array.from(findFeature('lag').compute({ close }, { lag: 1 }, NO_TIME))).toEqual([NaN, 1, 2, 3]);
    expect(Array.from(findFeature('lag').compute({ value: close.map((v) => v * 10), close }, { lag: 1 }, NO_TIME))).toEqual([NaN, 10, 20, 30]);
  });

  it('names a missing input', () => {
    const open = Float64Array.from([1]);
    expect(() => findFeature('rsi').compute({ open }, { period: 14 }, NO_TIME)).toThrow('feature "rsi" needs column "close"; the frame has: open');
    expect(() => findFeature('zscore').compute({ open }, { period: 5 }, NO_TIME)).toThrow('feature "zscore" needs column "value" (default "close"); the frame has: open');
    expect(() => findFeature('ratio').compute({ numerator: open }, {}, NO_TIME)).toThrow('feature "ratio" needs column "denominator"; the frame has: numerator');
  });

  it('feeds buildFeatureTable, which passes the frame time', () => {
    const n = 60;
    const close = Float64Array.from({ length: n }, (_, i) => 100 + Math.sin(i) * 5 + i * 0.1);
    const high = close.map((c) => c + 1);
    const low = close.map((c) => c - 1);
    const time = Float64Array.from({ length: n }, (_, i) => Date.UTC(2024, 0, 1) + i * 86_400_000); // Monday first
    const frame = { time, columns: { close, high, low }, meta: { name: 't', intervalMs: 86_400_000, synthetic: true, source: 'test' } };
    const table = buildFeatureTable(
      frame,
      [{ name: 'macd', params: {} }, { name: 'atr', params: { period: 5 } }, { name: 'dayOfWeek', params: {} }, { name: 'lag', column: 'high', params: {} }],
      1,
    );
    expect(table.names).toEqual(['macd_12_26_9', 'atr_5', 'dayOfWeek', 'lag_1_high']);
    expect(Array.from(table.features[2]!.subarray(0, 8))).toEqual([0, 1, 2, 3, 4, 5, 6, 0]);
    expect(table.features[3]![1]).toBe(high[0]);
    expect(table.firstComplete).toBe(25);
  });
});
