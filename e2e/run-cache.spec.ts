import { expect, test } from '@playwright/test';

test('a rerun, even after a reload, takes every fold from the run cache; the Library shows and clears it', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?notebook=tiny&backend=wasm');
  await expect(page.getByTestId('notebook-title')).toContainText('Tiny');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('run-cache')).toContainText('0 of 1 folds (1 trained)', { timeout: 180_000 });
  const rmse = await page.getByTestId('metrics-table').innerText();

  await page.reload();
  await expect(page.getByTestId('notebook-title')).toContainText('Tiny');
  await expect(page.getByTestId('run-meta')).toContainText('Restored');
  await expect(page.getByTestId('cell-status-walkforward')).toHaveCount(0);
  // Another backend would train other numbers: the cells that train, and what reads them, are stale.
  await page.getByTestId('backend-select').selectOption('cpu');
  await expect(page.getByTestId('cell-status-walkforward')).toHaveText('stale');
  await expect(page.getByTestId('cell-status-backtest')).toHaveText('stale');
  await expect(page.getByTestId('cell-status-features')).toHaveCount(0);
  await page.getByTestId('backend-select').selectOption('wasm');
  await expect(page.getByTestId('cell-status-walkforward')).toHaveCount(0);

  await page.getByTestId('run').click();
  await expect(page.getByTestId('run-cache')).toContainText('From the run cache: features, walkforward; 1 of 1 folds (0 trained)', { timeout: 60_000 });
  expect(await page.getByTestId('metrics-table').innerText()).toBe(rmse);

  await page.getByTestId('library-toggle').click();
  await expect(page.getByTestId('library-run-cache')).toContainText(/Run cache: 2 entries, \d+ kB/);
  await page.getByTestId('library-clear-run-cache').click();
  await expect(page.getByTestId('library-run-cache')).toContainText('Run cache: 0 entries, 0 B');
  expect(errors).toEqual([]);
});
