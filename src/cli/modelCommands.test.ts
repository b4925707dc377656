import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { describe, expect, it } from 'vitest';
import { parseNotebookJson } from '../notebook/parse';
import { parseArgs } from './args';
import { sharedEnvironment } from './environment';
import { predictCommand, trainModelCommand } from './modelCommands';

const notebookPath = join(resolve(__dirname, '../..'), 'public/notebooks/tiny.json');
const tiny = parseNotebookJson(readFileSync(notebookPath, 'utf8'));

describe('CLI train-model and predict', () => {
  it('writes model.json + weights.bin + meta.json, and predict forecasts the next bar from them (twice the same)', async () => {
    await tf.setBackend('cpu');
    const dir = mkdtempSync(join(tmpdir(), 'cfl-model-'));
    const env = sharedEnvironment({ quiet: true }, notebookPath);
    const train = parseArgs(['train-model', notebookPath, '--out', dir, '--backend', 'cpu', '--quiet']);
    const summary = JSON.parse(await trainModelCommand(tiny, notebookPath, train, env)) as { id: string; files: string[] };
    expect(readdirSync(dir).sort()).toEqual(['meta.json', 'model.json', 'weights.bin']);
    expect(summary.id).toMatch(/^tiny-/);

    const predict = parseArgs(['predict', notebookPath, '--model', dir, '--backend', 'cpu', '--quiet']);
    const first = JSON.parse(await predictCommand(tiny, predict, env)) as { value: number; forTime: string; modelId: string; sameNotebook: boolean };
    const second = JSON.parse(await predictCommand(tiny, predict, env)) as typeof first;
    expect(first.forTime).toBe('2019-10-18T00:00:00.000Z');
    expect(first.modelId).toBe(summary.id);
    expect(first.sameNotebook).toBe(true);
    expect(Number.isFinite(first.value)).toBe(true);
    expect(second.value).toBe(first.value);

    // A damaged meta.json is named.
    const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as { deployment: { fit: { targetStd: number } } };
    meta.deployment.fit.targetStd = -1;
    writeFileSync(join(dir, 'meta.json'), JSON.stringify(meta));
    await expect(predictCommand(tiny, predict, env)).rejects.toThrow(/meta\.json is not crypto-forecast-lab\/deployed-model v1 metadata: fit\.targetStd/);
  });

  it('asks for the directories it needs', () => {
    expect(() => parseArgs(['train-model', 'nb.json'])).toThrow(/train-model needs --out <dir>/);
    expect(() => parseArgs(['predict', 'nb.json'])).toThrow(/predict needs --model <dir>/);
    expect(() => parseArgs(['run', 'nb.json', '--model', 'x'])).toThrow(/--model is an option of predict/);
  });
});
