import { describe, expect, it } from 'vitest';
import { createLocalTrialRunner } from './localRunner';
import { runSweep, type TrialRunner } from './runSweep';
import { withoutTimes } from './sweepReport';
import { fixtureEnvironment, loadFixtureData, sweepNotebook } from './sweep.testkit';

const run = (doc: ReturnType<typeof sweepNotebook>, runner: TrialRunner, signal?: AbortSignal) =>
  runSweep(doc, { env: { loadData: loadFixtureData }, runner, backend: 'cpu', ...(signal ? { signal } : {}) });

describe('runSweep: reproducibility, failures and cancel', () => {
  it('TPE decides in rounds, so one runner or three in parallel give the same report', async () => {
    const doc = sweepNotebook({ search: 'tpe', trials: 10, batch: 4, seed: 9, parameters: { 'model.lambda': { min: 0.001, max: 1000, scale: 'log' }, 'model.lookback': { min: 2, max: 12, integer: true } } });
    const one = await run(doc, createLocalTrialRunner(() => fixtureEnvironment(), 1));
    const three = await run(doc, createLocalTrialRunner(() => fixtureEnvironment(), 3));
    expect(one.trials).toHaveLength(10);
    expect(new Set(one.trials.map((t) => JSON.stringify(t.params))).size).toBe(10);
    expect(withoutTimes(three)).toEqual(withoutTimes(one));
  });

  it('marks a trial whose notebook fails as failed, with the reason, and chooses among the others', async () => {
    const doc = sweepNotebook({ search: 'grid', parameters: { 'walkforward.trainSize': [200, 5000] } });
    const report = await run(doc, createLocalTrialRunner(() => fixtureEnvironment()));
    const failed = report.trials.find((t) => t.params['walkforward.trainSize'] === 5000)!;
    expect(failed.status).toBe('failed');
    expect(failed.error).toMatch(/walk-forward needs at least/);
    expect(report.best?.params['walkforward.trainSize']).toBe(200);
    expect(report.deflatedSharpe.trials).toBe(1);
  });

  it('marks the trials a cancel stopped as cancelled, never drops them', async () => {
    const controller = new AbortController();
    const local = createLocalTrialRunner(() => fixtureEnvironment(), 1);
    let finished = 0;
    const runner: TrialRunner = {
      run: async (job, signal) => {
        const outcome = await local.run(job, signal);
        if (++finished === 2) controller.abort();
        return outcome;
      },
    };
    const report = await run(sweepNotebook(), runner, controller.signal);
    expect(report.cancelled).toBe(true);
    expect(report.trials).toHaveLength(6);
    expect(report.trials.filter((t) => t.status === 'cancelled').length).toBeGreaterThan(0);
    // The trials that finished before the cancel keep their results.
    expect(report.trials.filter((t) => t.status === 'ok').length).toBeGreaterThanOrEqual(2);
    expect(report.holdout.figures).toBeNull();
  });
});
