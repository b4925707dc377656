import 'fake-indexeddb/auto';
import { afterEach, describe, expect, it } from 'vitest';
import { sweepReportSchema, withoutTimes, type SweepTrial } from '../notebook/sweep/sweepReport';
import { sweepNotebook } from '../notebook/sweep/sweep.testkit';
import { createRunnerClient } from './runnerClient';
import { createFakeRunner, type FakeRunner } from './runnerWorker.testkit';

const runners: FakeRunner[] = [];
afterEach(async () => {
  for (const r of runners.splice(0)) {
    r.api.dispose();
    r.db.close();
  }
});

function runner(name: string): FakeRunner {
  const made = createFakeRunner(name);
  runners.push(made);
  return made;
}

describe('sweeps in the runner worker', () => {
  it('runs a 6-trial sweep on the compute pool, and a reload resumes from the finished trials in the run cache', async () => {
    const doc = sweepNotebook();
    const first = runner('sweep-service-1');
    const heard: SweepTrial[] = [];
    const report = await first.api.sweep({ sweepId: 's1', preference: 'cpu', doc }, { onTrial: (t) => void heard.push(t) });
    expect(sweepReportSchema.safeParse(report).success).toBe(true);
    expect(report.trials).toHaveLength(6);
    expect(heard.map((t) => t.id)).toEqual(report.trials.map((t) => t.id));
    expect(first.computeWorkers.length).toBeGreaterThan(0);
    first.api.dispose();
    first.db.close();

    // A new runner worker on the same IndexedDB, as after a reload.
    const second = runner('sweep-service-1');
    const resumed = await second.api.sweep({ sweepId: 's2', preference: 'cpu', doc }, { onTrial: () => undefined });
    expect(withoutTimes(resumed)).toEqual(withoutTimes(report));
    expect(report.resumed).toBe(0);
    expect(resumed.resumed).toBe(7);
    // Outcomes read back from the cache carry the times of the run that computed them.
    expect(resumed.trials.map((t) => t.ms)).toEqual(report.trials.map((t) => t.ms));
  });

  it('reaches the page through the runner client: trials arrive one by one, cancel rejects at once', async () => {
    const client = createRunnerClient({ workers: 1, cache: null, spawn: () => runner('sweep-service-2').worker });
    const heard: SweepTrial[] = [];
    const report = await client.sweep(sweepNotebook(), 'cpu', { signal: new AbortController().signal, onTrial: (t) => void heard.push(t) });
    expect(report.trials).toHaveLength(6);
    await expect.poll(() => heard.length).toBe(6);
    const controller = new AbortController();
    const pending = client.sweep(sweepNotebook({ parameters: { 'model.lambda': [0.5, 2, 3] } }), 'cpu', { signal: controller.signal, onTrial: () => undefined });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'CancelledError' });
    client.terminate();
  });
});
