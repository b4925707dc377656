/**
 * Training that diverges is marked on the fold and in the run's verdict, never reported as a
 * normal result (issue 14, item 5); the deflated Sharpe counts the trials it was told of (8e).
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseNotebook, parseNotebookJson } from '../../../src/notebook/parse';
import { foldReportSchema, runReportSchema } from '../../../src/notebook/report';
import { runNotebook } from '../../../src/notebook/runner';
import { corpusEnvironment, corpusNotebook } from './corpusNotebooks.testkit';

const root = resolve(__dirname, '../../..');

describe('corpus: learning rate 1', () => {
  it.each(['fused', 'tfjs'])('an LSTM (%s engine) ends with every fold marked diverged and a verdict saying so', async (engine) => {
    const doc = parseNotebook(
      corpusNotebook({
        bars: 600,
        cells: {
          model: { model: { type: 'lstm', units: 16, lookback: 10, recurrentActivation: 'sigmoid', engine }, training: { epochs: 4, batchSize: 32, learningRate: 1 } },
          walkforward: { mode: 'rolling', trainSize: 300, testSize: 100, step: 100 },
        },
      }),
    );
    const { report } = await runNotebook(doc, corpusEnvironment());
    expect(runReportSchema.safeParse(report).success).toBe(true);
    expect(report.folds.length).toBe(3);
    for (const fold of report.folds) {
      expect(fold.diverged).toMatch(/^training loss rose to [\d.]+ at epoch \d+, [\d.]+x where it started \([\d.]+\): the optimizer overshoots; lower training\.learningRate$/);
    }
    expect(report.tests.divergence?.folds).toEqual([0, 1, 2]);
    expect(report.tests.divergence?.sentence).toMatch(/^3 of 3 folds diverged \(fold 1: .*\); their forecasts are not results/);
  });

  it('a sane learning rate marks nothing', async () => {
    const { report } = await runNotebook(parseNotebook(corpusNotebook()), corpusEnvironment());
    expect(report.folds.every((f) => f.diverged === undefined)).toBe(true);
    expect(report.tests.divergence).toBeUndefined();
  });

  it('stored reports from before the field still parse', () => {
    const fold = foldReportSchema.safeParse({
      index: 0,
      trainStart: '2020-01-01T00:00:00.000Z',
      trainEnd: '2020-02-01T00:00:00.000Z',
      testStart: '2020-02-05T00:00:00.000Z',
      testEnd: '2020-03-01T00:00:00.000Z',
      trainSamples: 10,
      testSamples: 5,
      refit: true,
      metrics: { n: 5, rmse: 1, mae: 1, mape: 1, smape: 1, mase: 1, r2: 0, directionalAccuracy: 0.5 },
      baselines: {},
      trainMs: 1,
      finalLoss: 0.5,
      engine: null,
      backend: 'cpu',
    });
    expect(fold.success).toBe(true);
  });
});

describe('corpus: notebook files never echo their content in errors', () => {
  it('a non-JSON file (/etc/passwd read as a notebook) is named invalid without quoting it', () => {
    expect(() => parseNotebookJson('root:x:0:0:root:/root:/bin/bash\n')).toThrow(/^invalid notebook: not valid JSON \(Unexpected token 'r'\)$/);
    expect(() => parseNotebookJson('{"title": "TOP-SECRET" oops')).toThrow(/^invalid notebook: not valid JSON \(Expected ',' or '}' after property value in JSON at position \d+/);
  });
});

describe('corpus: --trials on the CLI', () => {
  it('counts N configurations in the deflated Sharpe and says how many it counted', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cfl-trials-'));
    const notebook = join(dir, 'ridge.json');
    writeFileSync(notebook, JSON.stringify(corpusNotebook({ cells: { model: { model: { type: 'ridge', lookback: 5 } } } })));
    const run = async (extra: string[]) => {
      const out = join(dir, `report-${extra.join('')}.json`);
      await promisify(execFile)('npx', ['tsx', 'src/cli/main.ts', 'run', notebook, '--backend', 'cpu', '--quiet', '--out', out, ...extra], { cwd: root, timeout: 120_000 });
      return runReportSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    };
    const one = await run([]);
    const many = await run(['--trials', '50']);
    expect(one.backtest.trials).toBe(1);
    expect(many.backtest.trials).toBe(50);
    expect(many.tests.deflatedSharpe).toMatchObject({ trials: 50, sentence: expect.stringMatching(/^50 configurations counted; Sharpe variance 1\/\(T-1\)/) });
    expect(one.backtest.strategy.deflatedSharpe).toBeCloseTo(one.backtest.strategy.probabilisticSharpe!, 12);
    expect(many.backtest.strategy.deflatedSharpe!).toBeLessThan(one.backtest.strategy.deflatedSharpe!);
    const bad = await promisify(execFile)('npx', ['tsx', 'src/cli/main.ts', 'run', notebook, '--trials', '0'], { cwd: root }).catch((e: { code: number; stderr: string }) => e);
    expect((bad as { code: number }).code).toBe(1);
    expect((bad as { stderr: string }).stderr).toContain('--trials must be a whole number >= 1 (configurations tried), got "0"');
  }, 200_000);
});
