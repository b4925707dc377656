/**
 * Hostile notebooks against the CLI's file access (issue 14, item 4): a notebook's CSV path may
 * not leave the notebook's folder (or a --data-dir) by an absolute path, `..` or a symlink, and
 * the error names the path and the rule without quoting any file.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { confinedDataPath, openConfinedCsv, type DataRoots } from '../../../src/cli/dataPaths';

/** What the CLI reads for a notebook's CSV path: the confined, size-capped stream, as text. */
async function readConfinedText(requested: string, roots: DataRoots, what: string): Promise<string> {
  const chunks: Uint8Array[] = [];
  for await (const chunk of await openConfinedCsv(requested, roots, what)) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

const root = resolve(__dirname, '../../..');
const SECRET = 'TOP-SECRET-CONTENT-1234';

/** A notebook folder with data.csv inside, and a secret file and a data folder beside it. */
function layout() {
  const base = mkdtempSync(join(tmpdir(), 'cfl-paths-'));
  const notebookDir = join(base, 'project', 'notebooks');
  const dataDir = join(base, 'data');
  mkdirSync(notebookDir, { recursive: true });
  mkdirSync(dataDir);
  writeFileSync(join(notebookDir, 'data.csv'), 'time,close\n');
  writeFileSync(join(dataDir, 'btc.csv'), 'time,close\n');
  writeFileSync(join(base, 'secret.txt'), SECRET);
  symlinkSync(join(base, 'secret.txt'), join(notebookDir, 'link.csv'));
  return { base, notebookDir, dataDir };
}

function notebookWithCsv(path: string) {
  return {
    schema: 'crypto-forecast-lab/notebook',
    version: 1,
    title: 'hostile path',
    seed: 1,
    cells: [
      { id: 'data', kind: 'data', source: { type: 'csv', name: 'stolen', path } },
      { id: 'features', kind: 'features', features: [{ name: 'logReturn' }], target: { type: 'logReturn', horizon: 1 } },
      { id: 'model', kind: 'model', model: { type: 'naive', lookback: 1 }, training: { epochs: 1, batchSize: 8, learningRate: 0.01 } },
      { id: 'walkforward', kind: 'walkforward', mode: 'rolling', trainSize: 50, testSize: 10, step: 10 },
      { id: 'backtest', kind: 'backtest', rule: 'long-flat', feeBps: 0 },
    ],
  };
}

async function cli(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return promisify(execFile)('npx', ['tsx', 'src/cli/main.ts', ...args], { cwd: root, timeout: 120_000 }).then(
    (r) => ({ code: 0, ...r }),
    (e: { code: number; stdout: string; stderr: string }) => e,
  );
}

describe('corpus: CSV paths in a notebook run by the CLI', () => {
  it.each(['/etc/passwd', '../../etc/passwd', '../../../../../../../../etc/passwd'])('%s: exit 1 naming the path and the rule, reading nothing', async (path) => {
    const { notebookDir } = layout();
    const notebook = join(notebookDir, 'hostile.json');
    writeFileSync(notebook, JSON.stringify(notebookWithCsv(path)));
    const result = await cli(['run', notebook, '--backend', 'cpu', '--quiet']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`path "${path}"`);
    expect(result.stderr).toMatch(/outside the allowed folders: the CLI reads a notebook's CSV only from inside the notebook's folder/);
    expect(result.stderr).toContain('--data-dir');
    expect(result.stderr).not.toMatch(/root:|nologin|\/bin\/(ba)?sh/);
    expect(result.stdout).toBe('');
  }, 150_000);

  it('refuses before touching the disk: a missing file outside is "outside", not "not found"', async () => {
    const { notebookDir } = layout();
    await expect(confinedDataPath('../nowhere/missing.csv', { notebookDir, dataDirs: [] }, 'CSV source "x"')).rejects.toThrow(
      /CSV source "x": path "..\/nowhere\/missing.csv" resolves to .*, outside the allowed folders/,
    );
  });

  it('refuses a symlink inside the folder that points out of it, without quoting the target', async () => {
    const { notebookDir, base } = layout();
    const error = await readConfinedText('link.csv', { notebookDir, dataDirs: [] }, 'CSV source "x"').catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toContain(`path "link.csv" is a link to ${join(base, 'secret.txt')}, outside the allowed folders`);
    expect((error as Error).message).not.toContain(SECRET);
  });

  it('reads files inside the notebook folder, and inside a --data-dir by relative or absolute path', async () => {
    const { notebookDir, dataDir } = layout();
    const roots = { notebookDir, dataDirs: [dataDir] };
    await expect(readConfinedText('data.csv', { notebookDir, dataDirs: [] }, 'x')).resolves.toBe('time,close\n');
    await expect(readConfinedText('../../data/btc.csv', roots, 'x')).resolves.toBe('time,close\n');
    await expect(readConfinedText(join(dataDir, 'btc.csv'), roots, 'x')).resolves.toBe('time,close\n');
    await expect(readConfinedText(join(dataDir, 'btc.csv'), { notebookDir, dataDirs: [] }, 'x')).rejects.toThrow(/outside the allowed folders/);
    await expect(readConfinedText('missing.csv', roots, 'CSV source "m"')).rejects.toThrow(/CSV source "m": path "missing.csv" .* cannot be opened \(ENOENT\)/);
  });

  it('the CLI reads a CSV in a --data-dir folder (the error is then about the data, not the path)', async () => {
    const { notebookDir, dataDir } = layout();
    const notebook = join(notebookDir, 'ok.json');
    writeFileSync(notebook, JSON.stringify(notebookWithCsv(join(dataDir, 'btc.csv'))));
    const refused = await cli(['features', notebook, '--quiet']);
    expect(refused.stderr).toMatch(/outside the allowed folders/);
    const allowed = await cli(['features', notebook, '--data-dir', dataDir, '--quiet']);
    expect(allowed.code).toBe(1);
    expect(allowed.stderr).not.toMatch(/outside the allowed folders/);
  }, 150_000);
});
