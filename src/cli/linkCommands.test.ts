import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { createLocalExecutor } from '../ml/localExecutor';
import { parseNotebookJson } from '../notebook/parse';
import { runReportSchema, type RunReport } from '../notebook/report';
import { runNotebook } from '../notebook/runner';
import { encodeNotebookLink, LINK_LIMITS } from '../notebook/shareLink';
import { loadDataCell, type DataCellSpec } from '../sources/loadSource';
import { linkCommand, readNotebookArg } from './linkCommands';

const root = resolve(__dirname, '../..');
const tinyPath = join(root, 'public/notebooks/tiny.json');
const tiny = parseNotebookJson(readFileSync(tinyPath, 'utf8'));

function captured() {
  const lines = { stdout: '', stderr: '' };
  return { lines, out: { stdout: (t: string) => void (lines.stdout += t), stderr: (t: string) => void (lines.stderr += t) } };
}

/** Everything a run computes from the recipe (not versions or timings, which describe the machine). */
function numbers(report: RunReport) {
  const { notebookHash, data, backend, seed, folds, metrics, baselines, backtest, tests } = report;
  // A fold's trainMs is a duration, not a result.
  const foldResults = folds.map(({ trainMs: _ms, ...fold }) => fold);
  return { notebookHash, data, backend: backend.name, seed, folds: foldResults, metrics, baselines, backtest, tests };
}

describe('link command', () => {
  it('prints the link of a notebook file (with --base) and its length, which decodes to the same notebook', async () => {
    const { lines, out } = captured();
    expect(await linkCommand([tinyPath, '--base', 'https://lab.example/app/'], out)).toBe(0);
    const link = lines.stdout.trim();
    expect(link).toBe(`https://lab.example/app/${await encodeNotebookLink(tiny)}`);
    expect(lines.stderr).toBe(`${link.length} characters\n`);
    expect((await readNotebookArg(link)).doc).toEqual(tiny);
  });

  it('refuses a notebook whose link would pass the limit and names the file to share instead', async () => {
    const { lines, out } = captured();
    const dir = mkdtempSync(join(tmpdir(), 'link-'));
    const big = { ...tiny, cells: [...tiny.cells, ...Array.from({ length: 40 }, (_, i) => ({ id: `note${i}`, kind: 'markdown' as const, text: Array.from({ length: 2000 }, (_, j) => ((i * 7919 + j * 104729) % 65536).toString(36)).join(' ') }))] };
    const file = join(dir, 'big.json');
    await import('node:fs/promises').then((fs) => fs.writeFile(file, JSON.stringify(big)));
    expect(await linkCommand([file], out)).toBe(1);
    expect(lines.stdout).toBe('');
    expect(lines.stderr).toMatch(new RegExp(`^error: the link would have \\d+ characters, over the ${LINK_LIMITS.maxChars} a link may carry; share the notebook file \\(.*big\\.json\\) instead\\n$`));
  });

  it('says what is wrong with a damaged link and exits 1', async () => {
    const { lines, out } = captured();
    const link = await encodeNotebookLink(tiny);
    await expect(readNotebookArg(link.slice(0, 40))).rejects.toThrow(/^share link truncated: .*copy the whole link again$/);
    expect(await linkCommand([link.slice(0, 41)], out)).toBe(1);
    expect(lines.stderr).toMatch(/^error: share link truncated: /);
  });
});

describe('run a link in the CLI', () => {
  it('gives the numbers of a reference run of the same notebook on the same backend (cpu)', async () => {
    const link = await encodeNotebookLink(tiny);
    const out = join(mkdtempSync(join(tmpdir(), 'link-run-')), 'report.json');
    await promisify(execFile)('npx', ['tsx', 'src/cli/main.ts', 'run', `https://lab.example/${link}`, '--backend', 'cpu', '--out', out, '--quiet'], { cwd: root, timeout: 240_000 });
    const fromLink = runReportSchema.parse(JSON.parse(readFileSync(out, 'utf8')));
    const reference = await runNotebook(tiny, {
      executor: createLocalExecutor('cpu'),
      loadData: (data: DataCellSpec) => loadDataCell(data, { readCsvText: () => Promise.reject(new Error('no CSV here')) }),
      versions: { test: '1' },
    });
    expect(numbers(fromLink)).toEqual(numbers(reference.report));
  });
});
