import { expect, test } from '@playwright/test';

// Issue #9: editing a parameter marks its cell and what reads it stale; Run recomputes only those.
test('a fee edit reruns the backtest without training; a units edit retrains; reload keeps both', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?notebook=tiny&backend=wasm');
  await expect(page.getByTestId('notebook-title')).toContainText('Tiny');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('run-cache')).toContainText('(1 trained)', { timeout: 180_000 });
  const metrics = await page.getByTestId('metrics-table').innerText();
  const tearsheet = await page.getByTestId('backtest-table').innerText();

  // The fee only feeds the backtest: it alone is stale, and the rerun trains no fold.
  await page.getByTestId('cell-backtest').getByLabel('feeBps').fill('400');
  await expect(page.getByTestId('cell-status-backtest')).toHaveText('stale');
  await expect(page.getByTestId('cell-status-walkforward')).toHaveCount(0);
  // The edit made the built-in the user's copy (autosave); a reload restores the run made before the copy.
  await expect(page.getByTestId('notebook-select')).toHaveValue(/^user-/);
  await page.reload();
  await expect(page.getByTestId('run-meta')).toContainText('Restored from this browser’s storage', { timeout: 30_000 });
  expect(await page.getByTestId('metrics-table').innerText()).toBe(metrics);
  expect(await page.getByTestId('backtest-table').innerText()).toBe(tearsheet);
  await expect(page.getByTestId('cell-backtest').getByLabel('feeBps')).toHaveValue('400');
  await expect(page.getByTestId('cell-status-backtest')).toHaveText('stale');
  // Shift+Enter in the backtest's fee field runs that cell and what it reads (not the notes above).
  await page.getByTestId('cell-backtest').getByLabel('feeBps').press('Shift+Enter');
  await expect(page.getByTestId('run-cache')).toContainText('1 of 1 folds (0 trained)', { timeout: 60_000 });
  expect(await page.getByTestId('metrics-table').innerText()).toBe(metrics);
  await expect.poll(() => page.getByTestId('backtest-table').innerText()).not.toBe(tearsheet);
  await expect(page.getByTestId('cell-status-backtest')).toHaveCount(0);

  // Units change the model: the walk-forward cell and the backtest are stale, and the fold retrains.
  await page.getByTestId('cell-model').getByLabel('units').fill('6');
  await expect(page.getByTestId('cell-status-walkforward')).toHaveText('stale');
  await expect(page.getByTestId('cell-status-backtest')).toHaveText('stale');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('run-cache')).toContainText('0 of 1 folds (1 trained)', { timeout: 180_000 });

  // Saved (Ctrl/Cmd+S; the built-in became the user's copy): a reload keeps the edits.
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('save')).toHaveText('Save');
  await page.reload();
  await expect(page.getByTestId('cell-backtest').getByLabel('feeBps')).toHaveValue('400', { timeout: 30_000 });
  await expect(page.getByTestId('cell-model').getByLabel('units')).toHaveValue('6');
  // The cached results survived the reload too: running again trains nothing.
  await page.getByTestId('run').click();
  await expect(page.getByTestId('run-cache')).toContainText('1 of 1 folds (0 trained)', { timeout: 60_000 });
  expect(errors).toEqual([]);
});
