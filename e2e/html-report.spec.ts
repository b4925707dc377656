import { readFileSync, statSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';

test('the demo run downloads as one HTML report that opens offline from file:// with its charts', async ({ page, context }, testInfo) => {
  await page.goto('/');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('metrics-table')).toBeVisible({ timeout: 240_000 });
  const modelRmse = await page.getByTestId('metrics-model').locator('td').nth(1).innerText();

  const downloading = page.waitForEvent('download');
  await page.getByTestId('download-report').click();
  const download = await downloading;
  expect(download.suggestedFilename()).toMatch(/-report\.html$/);
  // Saved under its own name: a file:// page is read as HTML by its extension.
  const path = testInfo.outputPath(download.suggestedFilename());
  await download.saveAs(path);
  const bytes = statSync(path).size;
  console.log(`demo HTML report: ${(bytes / 1024).toFixed(0)} KB`);
  expect(bytes).toBeLessThan(5 * 1024 * 1024);
  expect(readFileSync(path, 'utf8')).not.toMatch(/<script/i);

  // Offline: the report page may load itself and nothing else.
  const report = await context.newPage();
  const requests: string[] = [];
  report.on('request', (r) => requests.push(r.url()));
  const dialogs: string[] = [];
  report.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const url = pathToFileURL(path).href;
  await report.goto(url);
  await expect(report.locator('h1')).toContainText('Demo');
  await expect(report.locator('svg[data-chart]')).toHaveCount(5);
  for (const chart of ['forecast', 'fold-rmse', 'equity', 'drawdown', 'rolling-sharpe']) {
    await expect(report.locator(`svg[data-chart="${chart}"] path, svg[data-chart="${chart}"] rect`).first()).toBeVisible();
  }
  await expect(report.locator('[data-row="model"] [data-key="model.rmse"]')).toHaveText(modelRmse);
  await expect(report.locator('[data-table="folds"] tbody tr')).toHaveCount(24);
  await expect(report.locator('[data-key="dm-verdict"]')).toContainText(/naive/);
  expect(await report.evaluate(() => document.scripts.length)).toBe(0);
  expect(requests).toEqual([url]);
  expect(dialogs).toEqual([]);
});
