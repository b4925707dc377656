import { expect, test } from '@playwright/test';

// Issue #10: the demo with an explain cell; a click on the forecast chart explains that date.
test('explain: click a date on the forecast chart, its waterfall, sentence and heatmap appear; cancel stops the explain cell; integrated gradients fill the feature x lag grid', async ({ page }) => {
  test.setTimeout(540_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?backend=wasm');
  await expect(page.getByTestId('notebook-title')).toContainText('Demo');

  await page.getByTestId('add-cell-kind').selectOption('explain');
  await page.getByTestId('add-cell').click();
  const cell = page.getByTestId('cell-explain');
  await expect(cell).toBeVisible();
  await page.getByTestId('run').click();
  await expect(page.getByTestId('explain')).toBeVisible({ timeout: 420_000 });
  await expect(page.getByTestId('explain-summary')).toContainText('exact group Shapley');
  await expect(page.getByTestId('chart-explain-global').locator('.main-svg').first()).toBeVisible();

  // The last fold is explained: it is the right end of the forecast chart. Hover, then click there.
  const plot = page.getByTestId('chart-forecast').locator('.nsewdrag').first();
  await expect(plot).toBeVisible();
  await plot.scrollIntoViewIfNeeded();
  const box = (await plot.boundingBox())!;
  const at = { x: box.x + box.width * 0.975, y: box.y + box.height / 2 };
  await page.mouse.move(at.x - 5, at.y);
  await page.mouse.move(at.x, at.y);
  await page.mouse.click(at.x, at.y);
  const detail = page.getByTestId('explain-window');
  await expect(detail).not.toContainText('Click a date on the forecast chart');
  const date = (await detail.getAttribute('data-date'))!;
  expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  await expect(page.getByTestId('explain-sentence')).toContainText(new RegExp(`^Predicted [+-][0-9.]+% for ${date} \\(base [+-][0-9.]+%\\): mostly `));
  await expect(page.getByTestId('chart-explain-waterfall').locator('.main-svg').first()).toBeVisible();
  await expect(page.getByTestId('chart-explain-waterfall')).toContainText(date);
  await expect(page.getByTestId('chart-explain-heatmap').locator('.main-svg').first()).toBeVisible();
  await expect(page.getByTestId('chart-explain-heatmap')).toContainText('lags 0-29');
  await expect(page.getByTestId('chart-explain-beeswarm').locator('.main-svg').first()).toBeVisible();
  await expect(page.getByTestId('chart-explain-over-time').locator('.main-svg').first()).toBeVisible();
  const sentence = await page.getByTestId('explain-sentence').innerText();

  // Feature x lag cells (10 groups, 1022 coalitions a window) against 1024 background windows make
  // only the explain cell stale; its rerun reads the folds from the cache and explains for minutes.
  await cell.getByLabel('grouping').selectOption('featureLag');
  await cell.getByLabel('backgroundSize').fill('1024');
  await expect(page.getByTestId('cell-status-explain')).toHaveText('stale');
  await expect(page.getByTestId('cell-status-walkforward')).toHaveCount(0);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('progress-message')).toContainText('explain: ', { timeout: 120_000 });
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('cancelled')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('explain-sentence')).toHaveText(sentence);

  // Integrated gradients of the same LSTM (fused forward and backward): every feature x lag cell in the heatmap.
  await cell.getByLabel('method').selectOption('integratedGradients');
  await cell.getByLabel('grouping').selectOption('feature');
  await cell.getByLabel('backgroundSize').fill('64');
  await expect(page.getByTestId('cell-status-explain')).toHaveText('stale');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('explain-summary')).toContainText('integrated gradients', { timeout: 120_000 });
  await expect(page.getByTestId('explain-summary')).toContainText('completeness error');
  await expect(page.getByTestId('explain-window')).toHaveAttribute('data-date', date);
  await expect(page.getByTestId('explain-sentence')).toContainText(new RegExp(`^Predicted [+-][0-9.]+% for ${date} \\(base [+-][0-9.]+%\\): `));
  await expect(page.getByTestId('chart-explain-heatmap').locator('.main-svg').first()).toBeVisible();
  await expect(page.getByTestId('chart-explain-heatmap')).toContainText('lag 29');
  expect(errors).toEqual([]);
});
