/**
 * The gates view of a run through the runner worker (the real runner API on a MessageChannel,
 * fake compute workers): the fold model trains on the pool, progress comes back, the view is
 * cached for the next request, a cancel rejects at once, and a malformed request is named.
 */
import 'fake-indexeddb/auto';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseNotebookJson } from '../notebook/parse';
import type { NotebookDoc } from '../notebook/schema';
import { createRunnerClient, type RunnerClient } from './runnerClient';
import { createFakeRunner, type FakeRunner } from './runnerWorker.testkit';

const root = resolve(__dirname, '../..');
const tiny = parseNotebookJson(readFileSync(join(root, 'public/notebooks/tiny.json'), 'utf8'));
const longer: NotebookDoc = { ...tiny, cells: tiny.cells.map((c) => (c.kind === 'model' ? { ...c, training: { ...c.training, epochs: 200, batchSize: 8 } } : c)) };

const runners: FakeRunner[] = [];
const clients: RunnerClient[] = [];
afterEach(async () => {
  for (const c of clients.splice(0)) c.terminate();
  for (const r of runners.splice(0)) {
    r.db.close();
    await r.db.delete();
  }
});

function client(name: string): { runner: RunnerClient; fake: () => FakeRunner } {
  const runner = createRunnerClient({
    workers: 1,
    cache: null,
    spawn: () => {
      const fake = createFakeRunner(name);
      runners.push(fake);
      return fake.worker;
    },
  });
  clients.push(runner);
  return { runner, fake: () => runners[runners.length - 1]! };
}

describe('gates of a run in the runner worker', () => {
  it('trains the fold model on the compute pool with progress, and answers the same request from the run cache', async () => {
    const { runner, fake } = client('gates-run-1');
    const seen: number[] = [];
    const calls = { signal: new AbortController().signal, onProgress: (fraction: number) => void seen.push(fraction) };
    const view = await runner.gates(tiny, 'cpu', { date: null }, calls);
    expect(view.cell).toBe('lstm');
    expect(view.times).toHaveLength(8);
    expect(view.series.map((s) => s.name)).toContain('forget gate');
    expect(view.fold?.number).toBeGreaterThan(0);
    expect(fake().computeWorkers.length).toBeGreaterThan(0);
    await expect.poll(() => seen[seen.length - 1]).toBe(1);

    const started = performance.now();
    const messages: string[] = [];
    const again = await runner.gates(tiny, 'cpu', { date: null }, { ...calls, onProgress: (_f, m) => void messages.push(m) });
    expect(again).toEqual(view);
    await expect.poll(() => messages).toContain('from the run cache');
    expect(performance.now() - started).toBeLessThan(10_000);
  }, 120_000);

  it('rejects with CancelledError when cancelled mid-training, and names a malformed date', async () => {
    const { runner } = client('gates-run-2');
    const controller = new AbortController();
    const call = runner.gates(longer, 'cpu', { date: null }, { signal: controller.signal, onProgress: (f) => f > 0.1 && controller.abort() });
    await expect(call).rejects.toMatchObject({ name: 'CancelledError' });
    await expect(runner.gates(tiny, 'cpu', { date: 'March 5' }, { signal: new AbortController().signal, onProgress: () => undefined })).rejects.toThrow(/gates request: date: expected a date as YYYY-MM-DD/);
  }, 120_000);
});
