import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { parseNotebookJson } from '../notebook/parse';
import { computeFeatureTable } from '../notebook/runner';
import type { NotebookDoc } from '../notebook/schema';
import { loadDataCell, type DataCellSpec } from '../sources/loadSource';
import { featureTableCsv } from './featuresCsv';

const root = resolve(__dirname, '../..');
const demo = parseNotebookJson(readFileSync(join(root, 'public/notebooks/demo.json'), 'utf8'));
const env = { loadData: (d: DataCellSpec) => loadDataCell(d, { readCsvText: () => Promise.reject(new Error('no csv')) }) };

function withBars(doc: NotebookDoc, bars: number): NotebookDoc {
  return { ...doc, cells: doc.cells.map((c) => (c.kind === 'data' && c.source.type === 'demo' ? { ...c, source: { ...c.source, bars } } : c)) };
}

function parse(csv: string): string[][] {
  return csv.trim().split('\n').map((line) => line.split(','));
}

describe('features export', () => {
  it('writes time, one column per feature and the target, starting where every feature is defined', async () => {
    const { table } = await computeFeatureTable(demo, env);
    const rows = parse(featureTableCsv(table));
    expect(rows[0]).toEqual(['time', 'logReturn', 'logReturn_activeAddresses', 'rsi_14', 'target_logReturn_h1']);
    expect(rows[1]![0]).toBe(new Date(table.time[table.firstComplete]!).toISOString());
    expect(rows[1]!.slice(1, 4).every((v) => v !== '')).toBe(true);
    // The last bar has no next bar: its target is unknown, so it is empty rather than invented.
    expect(rows[rows.length - 1]![4]).toBe('');
  });

  it('uses no data from after each row: features of a shorter history equal those of the full one', async () => {
    const short = parse(featureTableCsv((await computeFeatureTable(withBars(demo, 600), env)).table));
    const full = parse(featureTableCsv((await computeFeatureTable(demo, env)).table));
    const featureColumns = (row: string[]) => row.slice(0, 4);
    for (let i = 1; i < short.length; i++) expect(featureColumns(full[i]!)).toEqual(featureColumns(short[i]!));
  });

  it('is written by `npm run cli -- features <notebook> --out file.csv`', async () => {
    const out = join(mkdtempSync(join(tmpdir(), 'cfl-')), 'features.csv');
    await promisify(execFile)('npx', ['tsx', 'src/cli/main.ts', 'features', 'public/notebooks/tiny.json', '--out', out, '--quiet'], { cwd: root });
    const rows = parse(readFileSync(out, 'utf8'));
    expect(rows[0]).toEqual(['time', 'logReturn', 'rsi_14', 'target_logReturn_h1']);
    expect(rows.length).toBeGreaterThan(250);
  }, 60_000);
});
