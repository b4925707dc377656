import { expect, test, type Locator } from '@playwright/test';

// Issue #12: the lesson notebook runs, its diagnostics draw (and draw again from storage after a
// reload), and the gates view of its run's LSTM (and of its saved model) renders.

/** Plotly traces drawn in a chart (an empty chart has none). */
const traces = (chart: Locator) => chart.locator('.scatterlayer .trace, .barlayer .trace');

test('the LSTM lesson runs; learning curves, intervals and drift draw, and again after a reload; its gates view renders for a picked date', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?notebook=lstm-lesson&backend=wasm');
  await expect(page.getByTestId('notebook-title')).toContainText('how an LSTM forecasts');
  await expect(page.getByRole('heading', { name: 'Returns, not prices' })).toBeVisible();

  await page.getByTestId('run').click();
  await expect(page.getByTestId('diagnostics')).toBeVisible({ timeout: 240_000 });
  await expect(page.getByTestId('coverage-overall')).toContainText('%');
  await expect.poll(() => traces(page.getByTestId('chart-learning-curves')).count(), { timeout: 30_000 }).toBeGreaterThan(0);
  const curveTraces = await traces(page.getByTestId('chart-learning-curves')).count();
  await expect.poll(() => traces(page.getByTestId('chart-drift')).count(), { timeout: 30_000 }).toBeGreaterThan(0);
  await expect(page.getByTestId('learning-diagnosis').locator('li').first()).toContainText('fold 1:');
  // The fold timeline labels the purge, with its rows and dates on hover (lookback 10 + horizon 1 - 1 rows).
  const timeline = page.getByTestId('chart-folds');
  await expect(timeline).toContainText('purge');
  // plotly's drag layer covers the bars: move the mouse to the purge bar's middle, plotly finds the bar under it.
  await timeline.scrollIntoViewIfNeeded();
  const purgeBar = await timeline.locator('.barlayer .trace').last().locator('path').first().boundingBox();
  if (!purgeBar) throw new Error('the fold timeline drew no purge bar');
  await page.mouse.move(purgeBar.x + purgeBar.width / 2, purgeBar.y + purgeBar.height / 2);
  await expect(timeline.locator('.hoverlayer')).toContainText(/purge: 10 rows, \d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}/);

  // After a reload the run comes back from storage, learning curves included.
  await page.reload();
  await expect(page.getByTestId('run-meta')).toContainText('Restored from this browser', { timeout: 30_000 });
  await expect.poll(() => traces(page.getByTestId('chart-learning-curves')).count(), { timeout: 30_000 }).toBe(curveTraces);
  await page.getByTestId('learning-curves-fold').selectOption('0');
  await expect(page.getByTestId('learning-diagnosis').locator('li')).toHaveCount(1);

  // The gates view of the run's LSTM under its model cell: the last test window by default.
  const panel = page.getByTestId('run-gates-model');
  await panel.getByTestId('run-gates-draw').click();
  const gates = panel.getByTestId('gates-view');
  await expect(gates).toContainText('Gates of the LSTM', { timeout: 60_000 });
  const last = await panel.getByTestId('run-gates-date').inputValue();
  await expect(gates).toContainText(`window ending ${last}`);
  await expect(gates).toContainText('the model of fold');
  for (const chart of ['chart-gates-inputs', 'chart-gates-forget-gate', 'chart-gates-input-gate', 'chart-gates-output-gate', 'chart-gates-cell-state', 'chart-gates-hidden-state']) {
    await expect.poll(() => traces(gates.getByTestId(chart)).count(), { timeout: 30_000 }).toBeGreaterThan(0);
  }
  // Another window, in the first fold's test period: that fold's model draws it.
  await panel.getByTestId('run-gates-date').fill('2019-12-15');
  await panel.getByTestId('run-gates-draw').click();
  await expect(gates).toContainText('window ending 2019-12-15', { timeout: 60_000 });
  await expect(gates).toContainText('the model of fold 1,');

  // The gates of a saved model (Saved models: train & save, then Gates).
  await page.getByTestId('models-train').click();
  await expect(page.getByTestId('models-notice')).toContainText('Saved', { timeout: 120_000 });
  await page.getByTestId('model-gates').click();
  const saved = page.getByTestId('models').getByTestId('gates-view');
  await expect(saved).toContainText('Gates of the LSTM', { timeout: 30_000 });
  await expect.poll(() => traces(saved.getByTestId('chart-gates-forget-gate')).count(), { timeout: 30_000 }).toBeGreaterThan(0);
  expect(errors).toEqual([]);
});
