import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { CancelledError } from '../core/executor';
import { createLocalExecutor } from '../ml/localExecutor';
import { parseNotebookJson } from '../notebook/parse';
import { runReportSchema } from '../notebook/report';
import { runNotebook } from '../notebook/runner';
import { loadDataCell, type DataCellSpec } from '../sources/loadSource';

const root = resolve(__dirname, '../..');
const tiny = parseNotebookJson(readFileSync(join(root, 'public/notebooks/tiny.json'), 'utf8'));
const noCsv = () => Promise.reject(new Error('no CSV in this test'));

function environment(signal?: AbortSignal) {
  return {
    executor: createLocalExecutor('cpu'),
    loadData: (data: DataCellSpec) => loadDataCell(data, { readCsvText: noCsv }),
    versions: { test: '1' },
    ...(signal ? { signal } : {}),
  };
}

describe('runNotebook in Node (cpu)', () => {
  it('runs the tiny notebook to a report that passes its schema, reproducibly', async () => {
    const first = await runNotebook(tiny, environment());
    expect(runReportSchema.safeParse(first.report).success).toBe(true);
    expect(first.report.backend.name).toBe('cpu');
    expect(first.report.folds).toHaveLength(1);
    expect(first.report.features).toEqual(['logReturn', 'rsi_14']);
    expect(first.series.forecast.predicted).toHaveLength(first.report.metrics.n);
    const second = await runNotebook(tiny, environment());
    expect(second.report.metrics).toEqual(first.report.metrics);
    expect(second.series.forecast.predicted).toEqual(first.series.forecast.predicted);
    expect(second.report.data.hash).toBe(first.report.data.hash);
  });

  it('says which numbers depend on the backend: none with the fused engine, the forecast-derived ones with tfjs layers', async () => {
    const fused = await runNotebook(tiny, environment());
    expect(fused.report.folds.map((f) => f.engine)).toEqual(['fused wasm SIMD']);
    expect(fused.report.reproducibility?.backendDependent).toEqual([]);
    const onTfjs = { ...tiny, cells: tiny.cells.map((c) => (c.kind === 'model' && c.model.type === 'lstm' ? { ...c, model: { ...c.model, engine: 'tfjs' as const } } : c)) };
    const layers = await runNotebook(onTfjs, environment());
    expect(layers.report.folds[0]?.engine).toMatch(/^tfjs layers/);
    expect(layers.report.reproducibility?.backendDependent).toEqual(expect.arrayContaining(['metrics', 'folds[].metrics', 'backtest.strategy', 'tests']));
    expect(layers.report.reproducibility?.sentence).toContain('buy-and-hold are the same bits everywhere');
    // What the field promises: the data, its hash, the baselines and buy-and-hold do not depend on the engine.
    expect(layers.report.data).toEqual(fused.report.data);
    expect(layers.report.baselines).toEqual(fused.report.baselines);
    expect(layers.report.backtest.buyAndHold).toEqual(fused.report.backtest.buyAndHold);
  });

  it('leaves no tensors behind after a whole run', async () => {
    await tf.setBackend('cpu');
    await runNotebook(tiny, environment());
    const before = tf.memory().numTensors;
    await runNotebook(tiny, environment());
    expect(tf.memory().numTensors).toBe(before);
  });

  it('stops with CancelledError when the signal aborts mid-training', async () => {
    const controller = new AbortController();
    const env = environment(controller.signal);
    const longer = { ...tiny, cells: tiny.cells.map((c) => (c.kind === 'model' ? { ...c, training: { ...c.training, epochs: 50 } } : c)) };
    const run = runNotebook(longer, {
      ...env,
      onProgress: (p) => {
        if (p.train) controller.abort(new CancelledError());
      },
    });
    await expect(run).rejects.toBeInstanceOf(CancelledError);
  });

  it('names the cell and the fix when a notebook cannot run', async () => {
    const broken = {
      ...tiny,
      cells: tiny.cells.map((c) => (c.kind === 'walkforward' ? { ...c, trainSize: 5000 } : c)),
    };
    await expect(runNotebook(broken, environment())).rejects.toThrow(/cell "walkforward" \(walkforward\): .*rows/);
    const noData = { ...tiny, cells: tiny.cells.filter((c) => c.kind !== 'data') };
    await expect(runNotebook(noData, environment())).rejects.toThrow('the notebook needs a data cell');
  });
});

describe('CLI', () => {
  it('runs public/notebooks/demo.json, exits 0 and writes a report that passes its schema', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cfl-')), 'report.json');
    await promisify(execFile)('npx', ['tsx', 'src/cli/main.ts', 'run', 'public/notebooks/demo.json', '--out', out, '--quiet'], {
      cwd: root,
      timeout: 280_000,
    });
    const report = runReportSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    expect(report.folds.length).toBeGreaterThanOrEqual(5);
    expect(report.data.synthetic).toBe(true);
    expect(['wasm', 'cpu']).toContain(report.backend.name);
    expect(report.backtest.periodsPerYear).toBe(365);
  }, 300_000);

  it('exits 1 with a specific message for a bad notebook', async () => {
    const result = await promisify(execFile)('npx', ['tsx', 'src/cli/main.ts', 'run', 'package.json'], { cwd: root }).catch(
      (e: { code: number; stderr: string }) => e,
    );
    expect((result as { code: number }).code).toBe(1);
    expect((result as { stderr: string }).stderr).toMatch(/invalid notebook: schema: /);
  });
});
