import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { expect, test, type Page, type Request } from '@playwright/test';
import { loadLinkCases } from '../test/corpus/links/links.testkit';

/** What a run computes from the recipe (timings and versions describe the machine, not the result). */
function numbers(report: { folds: { trainMs?: number }[] } & Record<string, unknown>) {
  const { notebookHash, data, seed, metrics, baselines, byStep, backtest, tests, diagnostics, explain, reproducibility } = report;
  return { notebookHash, data, seed, metrics, baselines, byStep, backtest, tests, diagnostics, explain, reproducibility, folds: report.folds.map(({ trainMs: _ms, ...fold }) => fold) };
}

/**
 * Paths where two reports differ at all: numbers compared bit for bit (Object.is), so one ulp is a
 * difference. Every transcendental on the run's path is src/core/math's (fdlibm ports in plain IEEE
 * arithmetic), not Math.log & co, which differ between Node 20's V8 and Chromium's in the last bit.
 */
function differences(a: unknown, b: unknown, path = ''): string[] {
  if (a !== null && b !== null && typeof a === 'object' && typeof b === 'object') {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    return [...keys].flatMap((k) => differences((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k], `${path}.${k}`));
  }
  return Object.is(a, b) ? [] : [`${path}: ${JSON.stringify(a)} vs ${JSON.stringify(b)}`];
}

type StoredReport = { folds: { trainMs?: number }[]; backend: { name: string } } & Record<string, unknown>;

/** The reports of the runs stored in this browser (IndexedDB, as the runner worker wrote them). */
const storedReports = (page: Page) =>
  page.evaluate(
    () =>
      new Promise<StoredReport[]>((resolve, reject) => {
        const open = indexedDB.open('crypto-forecast-lab');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const all = open.result.transaction('runs').objectStore('runs').getAll();
          all.onsuccess = () => resolve((all.result as { report: StoredReport }[]).map((r) => r.report));
          all.onerror = () => reject(all.error);
        };
      }),
  );

const headline = async (page: Page) => ({
  metrics: await page.getByTestId('metrics-table').innerText(),
  backtest: await page.getByTestId('backtest-table').innerText(),
});

test("the demo's link opens in a fresh context, runs nothing until Run, then gives the original run's metrics", async ({ browser }) => {
  test.setTimeout(900_000);
  const original = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await original.newPage();
  await page.goto('/');
  await expect(page.getByTestId('notebook-title')).toContainText('Demo');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('metrics-table')).toBeVisible({ timeout: 400_000 });
  const expected = await headline(page);

  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('link-length')).toHaveText(/copied, [\d,]+ characters/);
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.*#nb=[A-Za-z0-9_-]+$/);
  const shown = Number((await page.getByTestId('link-length').innerText()).replace(/\D/g, ''));
  expect(shown).toBe(link.length);
  expect(link.length).toBeLessThanOrEqual(2_000);
  await original.close();

  const fresh = await browser.newContext();
  const recipient = await fresh.newPage();
  const requests: Request[] = [];
  recipient.on('request', (r) => requests.push(r));
  const pageErrors: string[] = [];
  recipient.on('pageerror', (e) => pageErrors.push(e.message));
  await recipient.goto(link);
  await expect(recipient.getByTestId('link-banner')).toContainText('Nothing has run');
  await expect(recipient.getByTestId('notebook-title')).toContainText('Demo');
  await expect(recipient.getByTestId('notebook-select')).toHaveValue(/^link-[0-9a-f]{16}$/);
  // Nothing ran: no worker, no download, not even the built-in notebook's JSON; only the app's own code.
  expect(recipient.workers()).toHaveLength(0);
  const origin = new URL(link).origin;
  const beyondAppCode = requests.map((r) => r.url()).filter((url) => !url.startsWith(origin) || /worker|notebooks\/|\.json/.test(url));
  expect(beyondAppCode).toEqual([]);
  await expect(recipient.getByTestId('metrics-table')).toHaveCount(0);

  await recipient.getByTestId('run').click();
  await expect(recipient.getByTestId('metrics-table')).toBeVisible({ timeout: 400_000 });
  expect(await headline(recipient)).toEqual(expected);
  await expect(recipient.getByTestId('link-banner')).toContainText('computed in this browser');

  // The same link through the CLI on the same backend and engine (wasm, fused wasm SIMD): the same numbers.
  const [browserReport] = await storedReports(recipient);
  expect(browserReport?.backend.name).toBe('wasm');
  const out = join(mkdtempSync(join(tmpdir(), 'share-e2e-')), 'report.json');
  await promisify(execFile)('npx', ['tsx', 'src/cli/main.ts', 'run', link, '--backend', 'wasm', '--out', out, '--quiet'], { timeout: 400_000 });
  const cliReport = JSON.parse(readFileSync(out, 'utf8')) as StoredReport;
  expect(cliReport.backend.name).toBe('wasm');
  const [fromCli, fromBrowser] = [numbers(cliReport), numbers(browserReport!)];
  expect(fromCli.notebookHash).toBe(fromBrowser.notebookHash);
  // The fused wasm engine trained every fold, so the report says no number depends on the backend, and that is true:
  // the data hash, every metric, fold metric, baseline, backtest and test value is the same bits in Node and Chromium.
  for (const report of [cliReport, browserReport!]) expect(new Set(report.folds.map((f) => (f as { engine?: unknown }).engine))).toEqual(new Set(['fused wasm SIMD']));
  expect(fromBrowser.reproducibility).toMatchObject({ backendDependent: [] });
  expect((fromCli.data as { hash: string }).hash).toBe((fromBrowser.data as { hash: string }).hash);
  expect(differences(fromCli, fromBrowser)).toEqual([]);

  // "Save to my library" forks it: a user notebook with the same title, no longer marked as from a link.
  await recipient.getByTestId('link-save').click();
  await expect(recipient.getByTestId('notebook-select')).toHaveValue(/^user-/);
  await expect(recipient.getByTestId('link-banner')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
  await fresh.close();
});

test('a damaged link says what is wrong and opens the default notebook, never a blank page', async ({ page }) => {
  await page.goto('/#nb=q1YqSU0sSlWyUipLzClNVaoFAA');
  await expect(page.getByTestId('link-error')).toContainText('This link could not be opened: share link');
  await expect(page.getByTestId('notebook-title')).toContainText('Demo');
});

test('each hostile link of the corpus: a clear message or an inert notebook; no dialog, navigation, request or script', async ({ browser }) => {
  test.setTimeout(300_000);
  // Browsers refuse URLs over 2 MB themselves; the 50 MB case is decoded in Node (links.corpus.test.ts).
  const cases = (await loadLinkCases()).filter((c) => c.fragment.length < 2_000_000);
  expect(cases.length).toBeGreaterThanOrEqual(29);
  for (const [i, c] of cases.entries()) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const events: string[] = [];
    page.on('dialog', (d) => {
      events.push(`dialog ${d.message()}`);
      void d.dismiss();
    });
    page.on('pageerror', (e) => events.push(`page error ${e.message}`));
    const url = `/?case=${i}${c.fragment}`;
    const requests: string[] = [];
    page.on('request', (r) => requests.push(r.url()));
    await page.goto(url);
    if (c.expect.kind === 'ok') await expect(page.getByTestId('link-banner'), c.name).toContainText('Nothing has run');
    // A fragment without #nb= is no link: the default notebook opens.
    else if (!c.fragment.includes('#nb=')) await expect(page.getByTestId('notebook-title'), c.name).toContainText('Demo');
    else {
      await expect(page.getByTestId('link-error'), c.name).toHaveAttribute('data-kind', c.expect.kind);
      // The address bar percent-encodes what is not URL-safe, so messages quoting characters differ from Node's (checked there).
      await expect(page.getByTestId('link-error'), c.name).toContainText(`This link could not be opened: share link ${c.expect.kind.replace('-', ' ')}: `);
    }
    const origin = new URL(page.url()).origin;
    expect(new URL(page.url()).pathname, c.name).toBe('/');
    expect(await page.evaluate(() => (window as { __canary?: unknown }).__canary), c.name).toBeUndefined();
    if (c.expect.kind === 'ok') {
      expect(page.workers(), c.name).toHaveLength(0);
      expect(requests.filter((u) => !u.startsWith(origin) || /worker|notebooks\/|\.json/.test(u)), c.name).toEqual([]);
    }
    expect(events, c.name).toEqual([]);
    await context.close();
  }
});
