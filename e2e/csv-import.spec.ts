import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from '@playwright/test';
import { longTasksSince, recordLongTasks } from './longTasks';

const DAY = 86_400_000;

/** mulberry32: a seeded generator, so the CSV is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * ~900 daily candles with the demo's on-chain column, written the awkward way: a UTF-8 BOM, `;`
 * delimiters, quoted numbers, one duplicated day (line 103) and two swapped days (line 204).
 */
function dailyCsv(days: number): string {
  const random = rng(7);
  const rows: string[] = [];
  let close = 30_000;
  for (let d = 0; d < days; d++) {
    const open = close;
    close = open * Math.exp(0.03 * (random() - 0.5));
    const high = Math.max(open, close) * (1 + 0.01 * random());
    const low = Math.min(open, close) * (1 - 0.01 * random());
    const date = new Date(Date.UTC(2022, 0, 1) + d * DAY).toISOString().slice(0, 10);
    const active = Math.round(900_000 + 100_000 * random());
    rows.push(`${date};"${open.toFixed(2)}";${high.toFixed(2)};${low.toFixed(2)};"${close.toFixed(2)}";${Math.round(1000 + 500 * random())};${active}`);
  }
  rows.splice(101, 0, rows[100]!);
  [rows[201], rows[202]] = [rows[202]!, rows[201]!];
  return `\ufeffdate;open;high;low;close;volume;activeAddresses\r\n${rows.join('\r\n')}\r\n`;
}

const file = (name: string, text: string | Buffer) => ({ name, mimeType: 'text/csv', buffer: typeof text === 'string' ? Buffer.from(text, 'utf8') : text });

test('a messy CSV: report with line numbers, chosen fixes, a notebook that runs and survives a reload', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto('/');
  await page.getByTestId('import-file').setInputFiles(file('btc-import.csv', dailyCsv(900)));

  await expect(page.getByTestId('import-summary')).toContainText('901 rows, one bar every 1 day');
  await expect(page.getByTestId('map-time')).toHaveValue('date');
  await expect(page.getByTestId('map-close')).toHaveValue('close');
  await expect(page.getByTestId('import-preview')).toContainText('30000.00');
  await expect(page.getByTestId('report-count-duplicate')).toContainText('1 × duplicate time');
  await expect(page.getByTestId('report-count-unsorted')).toContainText('1 × unsorted');
  await expect(page.getByTestId('import-issues')).toContainText('line 103: time 2022-04-11T00:00:00.000Z repeats line 102');
  await expect(page.getByTestId('import-issues')).toContainText('line 204: time 2022-07-20T00:00:00.000Z is earlier');
  await expect(page.getByTestId('import-describe')).toContainText('activeAddresses');

  // Nothing is guessed: Create waits until the unsorted and duplicate rows have a chosen fix.
  await expect(page.getByTestId('fix-error')).toContainText('1 unsorted row (first at line 204): choose sort');
  await expect(page.getByTestId('create-notebook')).toBeDisabled();
  await page.getByTestId('fix-sort').check();
  await expect(page.getByTestId('fix-error')).toContainText('duplicate timestamp (first at line 103)');
  await page.getByTestId('fix-duplicates').selectOption('last');
  await expect(page.getByTestId('fix-summary')).toContainText('1 duplicate row dropped (kept last)');
  await expect(page.getByTestId('fix-summary')).toContainText('1 unsorted row put in time order');
  await expect(page.getByTestId('fix-summary')).toContainText('901 rows in, 900 rows out');
  await page.getByTestId('create-notebook').click();

  await expect(page.getByTestId('import-done')).toContainText('Stored 900 rows');
  await expect(page.getByTestId('notebook-title')).toContainText('btc-import.csv');
  await expect(page.getByTestId('cell-data')).toContainText('btc-import.csv');
  const notebookId = await page.getByTestId('notebook-select').inputValue();
  expect(notebookId).toMatch(/^csv-[0-9a-f]{16}$/);

  await page.getByTestId('run').click();
  await expect(page.getByTestId('metrics-table')).toBeVisible({ timeout: 240_000 });
  await expect(page.getByTestId('dataset-panel')).toContainText('btc-import.csv');
  await expect(page.getByTestId('dataset-info')).toContainText('900 bars');
  const modelRmse = await page.getByTestId('metrics-model').locator('td').nth(1).innerText();

  await page.reload();
  await page.getByTestId('notebook-select').selectOption(notebookId);
  await expect(page.getByTestId('run-meta')).toContainText('Restored from this browser', { timeout: 30_000 });
  await expect(page.getByTestId('metrics-model').locator('td').nth(1)).toHaveText(modelRmse);
  await expect(page.getByTestId('dataset-panel')).toContainText('btc-import.csv');
  expect(pageErrors).toEqual([]);
});

test('bad files get a specific message and lose nothing', async ({ page }) => {
  await page.goto('/');
  const input = page.getByTestId('import-file');

  await input.setInputFiles(file('empty.csv', ''));
  await expect(page.getByTestId('import-error')).toHaveText('empty.csv: the file is empty (0 bytes); choose the CSV export itself');

  const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 0, 0, 1, 0]);
  await input.setInputFiles(file('photo.csv', png));
  await expect(page.getByTestId('import-error')).toContainText('photo.csv: this is not a text CSV file (it contains binary data)');

  // No close column: the mapping step stays, the user maps "last" and goes on; text in a number column is reported by line.
  const noClose = 'date,open,high,low,last,vol\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1.5,2,1,abc,12\n2024-01-03,1.8,2.2,1.6,2,9\n';
  await input.setInputFiles(file('noclose.csv', noClose));
  await expect(page.getByTestId('import-error')).toContainText('CSV has no close column (found: date, open, high, low, last, vol)');
  await expect(page.getByTestId('import-preview')).toContainText('abc');
  await page.getByTestId('map-close').selectOption('last');
  await page.getByTestId('apply-mapping').click();
  await expect(page.getByTestId('import-error')).toHaveCount(0);
  await expect(page.getByTestId('import-summary')).toContainText('3 rows');
  await expect(page.getByTestId('import-issues')).toContainText('line 3: close is "abc", expected a number');

  // Mixed time zones: every time is read as UTC, and the report says which lines differ.
  const zones = 'time,close\n2024-01-01T00:00:00Z,1\n2024-01-02T02:00:00+02:00,2\n2024-01-03T00:00:00Z,3\n2024-01-04 00:00:00,4\n';
  await input.setInputFiles(file('zones.csv', zones));
  await expect(page.getByTestId('import-warning')).toContainText('mixed time zones in the times: 2 ending in Z (first at line 2), 1 ending in +02:00 (first at line 3), 1 ending in no zone (read as UTC) (first at line 5)');
});

test('1,000,000 rows import in the worker without long tasks over 200 ms while parsing', async ({ page }) => {
  test.setTimeout(300_000);
  await recordLongTasks(page);
  await page.goto('/');
  const lines = ['time,open,high,low,close,volume'];
  const t0 = Date.UTC(2020, 0, 1) / 1000;
  for (let i = 0; i < 1_000_000; i++) {
    const c = (20_000 + 500 * Math.sin(i / 500) + (i % 7)).toFixed(2);
    lines.push(`${t0 + i * 60},${c},${c},${c},${c},${i % 1000}`);
  }
  const dir = mkdtempSync(join(tmpdir(), 'csv-1m-'));
  const path = join(dir, 'minute-1m.csv');
  writeFileSync(path, `${lines.join('\n')}\n`);

  const start = await page.evaluate(() => performance.now());
  await page.getByTestId('import-file').setInputFiles(path);
  await expect(page.getByTestId('import-progress')).toBeVisible();
  await expect(page.getByTestId('import-summary')).toContainText('1000000 rows, one bar every 1 minute', { timeout: 120_000 });
  const parsedAt = await page.evaluate(() => performance.now());
  const parsing = await longTasksSince(page, start);
  await page.getByTestId('create-notebook').click();
  await expect(page.getByTestId('import-done')).toContainText('Stored 1000000 rows', { timeout: 120_000 });
  const doneAt = await page.evaluate(() => performance.now());
  const storing = (await longTasksSince(page, parsedAt)).filter((t) => t.start < doneAt);
  const longest = (tasks: { duration: number }[]) => Math.max(0, ...tasks.map((t) => t.duration));
  const numbers = {
    parseMs: Math.round(parsedAt - start),
    createMs: Math.round(doneAt - parsedAt),
    totalMs: Math.round(doneAt - start),
    longestTaskParsingMs: Math.round(longest(parsing)),
    longestTaskStoringMs: Math.round(longest(storing)),
    longTasksStoring: storing.map((t) => Math.round(t.duration)),
  };
  console.log(`csv-import 1M rows: ${JSON.stringify(numbers)}`);
  test.info().annotations.push({ type: 'csv-import-1m', description: JSON.stringify(numbers) });
  expect(parsing.filter((t) => t.duration > 200), JSON.stringify(parsing)).toEqual([]);
});
