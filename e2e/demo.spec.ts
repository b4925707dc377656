import { expect, test } from '@playwright/test';

test('the demo notebook runs end to end on auto, and the run survives a reload', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));

  await page.goto('/');
  await expect(page.getByTestId('notebook-title')).toContainText('Demo');
  await expect(page.getByTestId('cell-data')).toContainText('synthetic data');

  await page.getByTestId('run').click();
  await expect(page.getByTestId('progress')).toBeVisible();
  await expect(page.getByTestId('chart-loss').locator('path').first()).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('metrics-table')).toBeVisible({ timeout: 240_000 });

  // auto passes the software WebGPU adapter over and says why.
  await expect(page.getByTestId('backend-name')).not.toHaveText('webgpu');
  await expect(page.getByTestId('backend-reason')).toContainText(/auto/i);

  await expect(page.getByTestId('dm-verdict')).toContainText(/(beats|not distinguishable from|worse than) naive \(DM p [=<] /);
  for (const baseline of ['naive', 'drift', 'seasonalNaive', 'ridge']) await expect(page.getByTestId(`metrics-${baseline}`)).toBeVisible();
  await expect(page.getByTestId('backtest-table')).toContainText('deflated Sharpe');
  const charts = ['chart-candles', 'chart-folds', 'chart-forecast', 'chart-fold-metrics', 'chart-equity', 'chart-drawdown', 'chart-monthly', 'chart-rolling-sharpe', 'chart-distribution'];
  for (const chart of charts) {
    await expect(page.getByTestId(chart).locator('.main-svg').first()).toBeVisible();
  }
  const modelRmse = await page.getByTestId('metrics-model').locator('td').nth(1).innerText();
  expect(Number(modelRmse)).toBeGreaterThan(0);
  await expect(page.getByTestId('folds-table').locator('tbody tr')).toHaveCount(24);
  // The LSTM trains on the fused wasm SIMD engine in the worker.
  await expect(page.getByTestId('fold-engine-0')).toHaveText('fused wasm SIMD');
  await page.screenshot({ path: 'docs/screenshot.png', fullPage: true });

  await page.getByTestId('describe').click();
  const closeRow = page.getByTestId('describe-table').locator('tr', { hasText: /^close/ });
  await expect(closeRow.locator('td').nth(1)).toHaveText('1500');
  await expect(closeRow.locator('td').nth(2)).toHaveText('0');

  await page.reload();
  await expect(page.getByTestId('run-meta')).toContainText('Restored from this browser', { timeout: 30_000 });
  await expect(page.getByTestId('metrics-model').locator('td').nth(1)).toHaveText(modelRmse);
  await expect(page.getByTestId('dataset-panel')).toContainText('synthetic');
  await expect(page.getByTestId('chart-candles').locator('.main-svg').first()).toBeVisible();

  // Cancelling a new run of the same notebook keeps the previous results on screen (the run cache
  // is cleared first, or the rerun would train nothing).
  await page.getByTestId('library-toggle').click();
  await page.getByTestId('library-clear-run-cache').click();
  await expect(page.getByTestId('library-run-cache')).toContainText('Run cache: 0 entries');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('progress-message')).toContainText('epoch', { timeout: 60_000 });
  await page.getByTestId('cancel').click();
  // Cancel rejects at once (workerWatchdog.test.ts: < 200 ms); a loaded machine's page may take seconds to paint it.
  await expect(page.getByTestId('cancelled')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('metrics-model').locator('td').nth(1)).toHaveText(modelRmse);
  await expect(page.getByTestId('chart-folds').locator('.main-svg').first()).toBeVisible();

  // The Library (still open) lists the stored dataset; deleting it removes it from the list.
  const hash = (await page.getByTestId('dataset-info').innerText()).match(/content hash ([0-9a-f]{12})/)![1]!;
  await expect(page.getByTestId('library-datasets')).toContainText('Synthetic BTC-like market');
  await page.getByTestId(`library-delete-${hash}`).click();
  await expect(page.getByTestId(`library-delete-${hash}`)).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});
