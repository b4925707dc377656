import { describe, it, expect } from 'vitest';
import { FEATURES, featureColumnName, findFeature, resolveFeatureParams } from './registry';

describe('feature registry', () => {
  it('lists the features with their defaults', () => {
    expect(FEATURES.map((f) => f.name)).toEqual(['logReturn', 'sma', 'ema', 'rsi']);
    expect(findFeature('sma').params[0]!.default).toBe(20);
    expect(findFeature('ema').params[0]!.default).toBe(20);
    expect(findFeature('rsi').params[0]!.default).toBe(14);
    expect(findFeature('logReturn').params).toEqual([]);
  });

  it('names unknown features and the known ones', () => {
    expect(() => findFeature('macd')).toThrow('unknown feature "macd"; known: logReturn, sma, ema, rsi');
  });

  it('resolves defaults and checks parameters', () => {
    const rsi = findFeature('rsi');
    expect(resolveFeatureParams(rsi, {})).toEqual({ period: 14 });
    expect(resolveFeatureParams(rsi, { name: 'rsi', period: 7 })).toEqual({ period: 7 });
    expect(() => resolveFeatureParams(rsi, { window: 7 })).toThrow('feature "rsi": unknown parameter "window"; known: period');
    expect(() => resolveFeatureParams(rsi, { period: 2.5 })).toThrow('feature "rsi": period must be an integer, got 2.5');
    expect(() => resolveFeatureParams(rsi, { period: 0 })).toThrow('feature "rsi": period must be in 1..1000, got 0');
    expect(() => resolveFeatureParams(rsi, { period: '14' })).toThrow('period must be a finite number, got "14"');
    expect(() => resolveFeatureParams(findFeature('logReturn'), { period: 3 })).toThrow('known: (none)');
  });

  it('builds column names from params in order', () => {
    expect(featureColumnName(findFeature('rsi'), { period: 14 })).toBe('rsi_14');
    expect(featureColumnName(findFeature('ema'), { period: 20 })).toBe('ema_20');
    expect(featureColumnName(findFeature('logReturn'), {})).toBe('logReturn');
  });

  it('computes from frame columns and names a missing input', () => {
    const close = Float64Array.from([1, 2, 3, 4]);
    // sma(2): (1+2)/2 = 1.5, (2+3)/2 = 2.5, (3+4)/2 = 3.5
    expect(Array.from(findFeature('sma').compute({ close }, { period: 2 }))).toEqual([NaN, 1.5, 2.5, 3.5]);
    expect(() => findFeature('rsi').compute({ open: close }, { period: 14 })).toThrow(
      'feature "rsi" needs column "close"; the frame has: open',
    );
  });
});
