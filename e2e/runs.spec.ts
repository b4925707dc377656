import { expect, test } from '@playwright/test';

// Issue #11 item 4: every run is kept; the Runs panel lists them with what changed, and compares them.
test('two runs with different fees appear in the Runs panel; compare overlays both equity curves; deleting one lowers the configurations count', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?notebook=tiny&backend=wasm');
  await expect(page.getByTestId('notebook-title')).toContainText('Tiny');
  // The first edit of a built-in stores the user's copy: both runs belong to that notebook.
  await page.getByTestId('cell-backtest').getByLabel('feeBps').fill('20');
  await expect(page.getByTestId('notebook-select')).toHaveValue(/^user-/, { timeout: 30_000 });
  await page.getByTestId('run').click();
  await expect(page.getByTestId('metrics-table')).toBeVisible({ timeout: 180_000 });
  await expect(page.getByTestId('backtest-table')).toContainText('deflated Sharpe over 1 configuration tried');

  await page.getByTestId('cell-backtest').getByLabel('feeBps').fill('80');
  await expect(page.getByTestId('cell-status-backtest')).toHaveText('stale');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('backtest-table')).toContainText('deflated Sharpe over 2 configurations tried', { timeout: 60_000 });

  await page.getByTestId('runs-toggle').click();
  await expect(page.getByTestId('runs-table').locator('tbody tr')).toHaveCount(2);
  await expect(page.getByTestId('run-changes-0')).toHaveText('backtest.feeBps: 20 → 80');
  await expect(page.getByTestId('runs-configurations')).toContainText('2 distinct configurations tried in this notebook');

  await page.getByTestId('run-select-0').check();
  await page.getByTestId('run-select-1').check();
  await page.getByTestId('runs-compare').click();
  await expect(page.getByTestId('runs-compare-metrics')).toContainText('fee (bps)');
  await expect(page.getByTestId('runs-compare-diff-1')).toHaveText('backtest.feeBps: 20 → 80');
  await expect(page.getByTestId('runs-compare-equity').locator('.scatterlayer .trace')).toHaveCount(2);
  await expect(page.getByTestId('runs-compare-fold-error').locator('.scatterlayer .trace')).toHaveCount(2);

  // Deleting a run removes its configuration from the count the next deflated Sharpe uses.
  await page.getByTestId('run-delete-1').click();
  await expect(page.getByTestId('runs-table').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('runs-configurations')).toContainText('1 distinct configuration tried in this notebook');
  await expect(page.getByTestId('runs-compare-view')).toHaveCount(0);
  expect(errors).toEqual([]);
});
