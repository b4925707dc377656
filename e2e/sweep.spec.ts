import { expect, test } from '@playwright/test';

// Issue #13: a sweep in the browser fills the trials table and the heatmap, Apply best edits the notebook, a reload resumes.
test('a 6-trial sweep fills the table and heatmap; Apply best changes the notebook (undoable); a reload resumes from the run cache', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?notebook=sweep&backend=wasm');
  await expect(page.getByTestId('notebook-title')).toContainText('Sweep');
  const panel = page.getByTestId('sweep-panel');
  await panel.getByTestId('sweep-run').click();
  await expect(panel).toHaveAttribute('data-status', 'done', { timeout: 180_000 });
  await expect(panel.getByTestId('sweep-trial')).toHaveCount(6);
  await expect(panel.getByTestId('heatmap-cell')).toHaveCount(6);
  // Parallel coordinates: an axis per varied parameter plus the objective, a line per trial.
  await expect(panel.getByTestId('parcoords-axis')).toHaveCount(3);
  await expect(panel.getByTestId('parcoords-line')).toHaveCount(6);
  await expect(panel.getByTestId('sweep-holdout')).toContainText('on the hold-out');
  await expect(panel.getByTestId('sweep-progress')).not.toContainText('from the run cache');

  // Sorting by a parameter orders the rows by it.
  await panel.getByTestId('sort-param:model.lookback').click();
  await expect(panel.getByTestId('sweep-trial').first().locator('td').nth(1)).toHaveText('8');

  const lookback = page.getByTestId('cell-model').getByLabel('lookback');
  await expect(lookback).toHaveValue('6');
  await panel.getByTestId('sweep-apply-best').click();
  await expect(lookback).not.toHaveValue('6');
  await page.getByTestId('undo').click();
  await expect(lookback).toHaveValue('6');

  // The finished trials are in the run cache (IndexedDB): after a reload the sweep comes back without training.
  await page.reload();
  await expect(page.getByTestId('notebook-title')).toContainText('Sweep', { timeout: 30_000 });
  await page.getByTestId('sweep-panel').getByTestId('sweep-run').click();
  await expect(page.getByTestId('sweep-panel')).toHaveAttribute('data-status', 'done', { timeout: 60_000 });
  await expect(page.getByTestId('sweep-progress')).toContainText('7 from the run cache');
  await expect(page.getByTestId('sweep-trial')).toHaveCount(6);

  // A normal run of the notebook shows the sweep's hold-out on the fold timeline, in a legend of its own.
  await page.getByTestId('run').click();
  await expect(page.getByTestId('chart-folds')).toContainText('hold-out (never seen by the sweep)', { timeout: 120_000 });
  expect(errors).toEqual([]);
});
