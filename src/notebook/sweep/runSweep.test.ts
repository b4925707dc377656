import { describe, expect, it } from 'vitest';
import { createMemoryCache } from '../cache';
import { createLocalTrialRunner } from './localRunner';
import { runSweep, type TrialRunner } from './runSweep';
import { sweepReportSchema, withoutTimes } from './sweepReport';
import { fixtureEnvironment, loadFixtureData, sweepNotebook } from './sweep.testkit';
import type { LoadedData, RunEnvironment } from '../runState';

function counting(runner: TrialRunner): TrialRunner & { calls: number } {
  const counted = { calls: 0, run: (...args: Parameters<TrialRunner['run']>) => ((counted.calls += 1), runner.run(...args)) };
  return counted;
}

function sweepWith(doc: ReturnType<typeof sweepNotebook>, loadData: RunEnvironment['loadData'] = loadFixtureData, store = createMemoryCache()) {
  const runner = counting(createLocalTrialRunner(() => ({ ...fixtureEnvironment(loadData), cache: store })));
  return { runner, report: runSweep(doc, { env: { loadData }, runner, backend: 'cpu', store }) };
}

describe('runSweep (grid over a ridge notebook)', () => {
  it('runs every grid point on the search folds, chooses the best there and scores it once on the hold-out', async () => {
    const { report: pending } = sweepWith(sweepNotebook());
    const report = await pending;
    expect(sweepReportSchema.safeParse(report).success).toBe(true);
    expect(report.trials).toHaveLength(6);
    expect(new Set(report.trials.map((t) => t.id)).size).toBe(6);
    expect(report.trials.every((t) => t.status === 'ok')).toBe(true);
    const bestObjective = Math.max(...report.trials.map((t) => t.objective ?? -Infinity));
    expect(report.best?.objective).toBe(bestObjective);
    expect(report.holdout.holdoutFolds).toBe(1);
    expect(report.holdout.searchFolds).toBe(6);
    expect(report.holdout.searchObjective).toBe(bestObjective);
    expect(report.holdout.figures?.strategy.periods).toBeGreaterThan(30);
    expect(report.holdout.objective).not.toBeNull();
    expect(report.deflatedSharpe.trials).toBe(6);
    expect(report.deflatedSharpe.value).not.toBeNull();
  });

  it('makes the same choice when the hold-out period\'s data is perturbed (the search never sees it)', async () => {
    const clean = await sweepWith(sweepNotebook()).report;
    const from = Date.parse(clean.holdout.from);
    const perturbed = async (request: Parameters<RunEnvironment['loadData']>[0]): Promise<LoadedData> => {
      const data = await loadFixtureData(request);
      const columns = Object.fromEntries(
        Object.entries(data.frame.columns).map(([name, values]) => [
          name,
          values.map((v, i) => (data.frame.time[i]! >= from && name !== 'volume' ? v * (1 + 0.2 * Math.sin(i)) : v)),
        ]),
      );
      return { ...data, frame: { ...data.frame, columns }, hash: `${data.hash.slice(0, 60)}beef` };
    };
    const shaken = await sweepWith(sweepNotebook(), perturbed).report;
    expect(shaken.best).toEqual(clean.best);
    expect(shaken.trials.map((t) => [t.id, t.objective])).toEqual(clean.trials.map((t) => [t.id, t.objective]));
    expect(shaken.holdout.objective).not.toBe(clean.holdout.objective);
  });

  it('resumes from the stored trials: a rerun runs nothing and reports the same', async () => {
    const store = createMemoryCache();
    const first = sweepWith(sweepNotebook({ search: 'random', trials: 4, seed: 3, parameters: { 'model.lambda': { min: 0.01, max: 100, scale: 'log' } } }), loadFixtureData, store);
    const firstReport = await first.report;
    expect(first.runner.calls).toBe(5);
    const second = sweepWith(sweepNotebook({ search: 'random', trials: 4, seed: 3, parameters: { 'model.lambda': { min: 0.01, max: 100, scale: 'log' } } }), loadFixtureData, store);
    expect(withoutTimes(await second.report)).toEqual(withoutTimes(firstReport));
    expect(second.runner.calls).toBe(0);
  });

  it('prunes with ASHA on the folds and never prunes the chosen trial', async () => {
    const doc = sweepNotebook({ search: 'random', trials: 8, seed: 2, batch: 4, pruning: 'asha', reduction: 2, parameters: { 'model.lambda': { min: 0.0001, max: 10000, scale: 'log' }, 'model.lookback': [2, 4, 8, 16] } });
    const report = await sweepWith(doc).report;
    const pruned = report.trials.filter((t) => t.status === 'pruned');
    expect(pruned.length).toBeGreaterThan(0);
    expect(pruned.every((t) => t.folds < 6)).toBe(true);
    expect(report.trials.find((t) => t.id === report.best?.id)?.status).toBe('ok');
  });
});
