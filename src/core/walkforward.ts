/**
 * Walk-forward splits: train on the past, test on the next block, move forward by `step`.
 * The `purge` rows between train and test keep windows and multi-step targets that straddle
 * the boundary out of training (use purge >= lookback + horizon - 1).
 */

/** Row indices; ends are exclusive. */
export interface Fold {
  index: number;
  trainStart: number;
  trainEnd: number;
  testStart: number;
  testEnd: number;
}

export interface WalkForwardOptions {
  mode: 'expanding' | 'rolling';
  trainSize: number;
  testSize: number;
  step: number;
  purge: number;
  /** Extra rows removed at the end of training (after the purge zone counted back from the test). */
  embargo?: number;
  /** First usable row (e.g. after indicator warm-up); default 0. */
  start?: number;
}

/**
 * Fold k: testStart = start + trainSize + purge + embargo + k * step,
 * testEnd = min(testStart + testSize, n), trainEnd = testStart - purge - embargo,
 * trainStart = start (expanding) or trainEnd - trainSize (rolling). The embargo is part of the
 * first test start so the first fold still trains on `trainSize` rows. The last test block may be
 * shorter than testSize.
 */
export function walkForwardSplits(n: number, options: WalkForwardOptions): Fold[] {
  const { mode, trainSize, testSize, step, purge } = options;
  const embargo = options.embargo ?? 0;
  const start = options.start ?? 0;
  if (mode !== 'expanding' && mode !== 'rolling') {
    throw new Error(`walk-forward: mode must be 'expanding' or 'rolling', got ${JSON.stringify(mode)}`);
  }
  integerAtLeast('n', n, 0);
  integerAtLeast('trainSize', trainSize, 1);
  integerAtLeast('testSize', testSize, 1);
  integerAtLeast('step', step, 1);
  integerAtLeast('purge', purge, 0);
  integerAtLeast('embargo', embargo, 0);
  integerAtLeast('start', start, 0);

  const firstTest = start + trainSize + purge + embargo;
  if (firstTest >= n) {
    throw new Error(
      `walk-forward needs at least ${firstTest + 1} rows (start ${start} + trainSize ${trainSize} + purge ${purge}` +
        ` + embargo ${embargo} + 1 test row), the data has ${n}: lower trainSize, purge or start`,
    );
  }
  const folds: Fold[] = [];
  for (let k = 0; ; k++) {
    const testStart = firstTest + k * step;
    if (testStart >= n) break;
    const trainEnd = testStart - purge - embargo;
    folds.push({
      index: k,
      trainStart: mode === 'expanding' ? start : trainEnd - trainSize,
      trainEnd,
      testStart,
      testEnd: Math.min(testStart + testSize, n),
    });
  }
  return folds;
}

function integerAtLeast(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new Error(`walk-forward: ${name} must be an integer >= ${min}, got ${value}`);
}
