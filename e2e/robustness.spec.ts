import { expect, test } from '@playwright/test';
import { longTasksSince, recordLongTasks } from './longTasks';

test('a crashed compute worker shows a clear error, and Run works again afterwards', async ({ page }) => {
  await page.goto('/?notebook=demo');
  await expect(page.getByTestId('notebook-title')).toContainText('Demo');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('progress-message')).toContainText('epoch', { timeout: 60_000 });

  // Every compute worker of the pool: one of them may be idle (or a finished probe), and its crash alone need not end the run.
  const workers = page.workers().filter((w) => w.url().includes('compute.worker'));
  expect(workers.length, 'the compute workers are running').toBeGreaterThan(0);
  const crashedAt = Date.now();
  await Promise.all(
    workers.map((worker) =>
      worker
        .evaluate(() => {
          setTimeout(() => {
            throw new Error('killed by the test');
          }, 0);
        })
        .catch(() => undefined), // a worker that already ended
    ),
  );
  // The error event ends the run, not the watchdog: well under its 30 s silence budget, with room
  // for a loaded machine (the unit tests hold the event path to milliseconds).
  await expect(page.getByTestId('run-error')).toContainText('the compute worker crashed', { timeout: 20_000 });
  expect(Date.now() - crashedAt).toBeLessThan(20_000);
  await expect(page.getByTestId('run')).toBeEnabled();

  await page.getByTestId('notebook-select').selectOption('tiny');
  await expect(page.getByTestId('notebook-title')).toContainText('Tiny');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('metrics-table')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('run-error')).toHaveCount(0);
});

test('cancel stops a run promptly and keeps the previous results; training never blocks the page', async ({ page }) => {
  await recordLongTasks(page);
  await page.goto('/?notebook=tiny');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('metrics-table')).toBeVisible({ timeout: 120_000 });
  const rmse = await page.getByTestId('metrics-model').locator('td').nth(1).innerText();

  await page.getByTestId('notebook-select').selectOption('demo');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('progress-message')).toContainText('epoch 2', { timeout: 60_000 });
  // The run's data arrived with it: let its candle chart finish drawing (a one-off, not training).
  await expect(page.getByTestId('chart-candles').locator('.main-svg').first()).toBeVisible();
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  // Training is under way in the worker: the page must stay responsive meanwhile.
  const trainingStart = await page.evaluate(() => performance.now());
  await page.waitForTimeout(3_000);
  const during = await longTasksSince(page, trainingStart);
  const all = await longTasksSince(page, 0);
  console.log(`long tasks during 3 s of training: ${JSON.stringify(during.map((t) => Math.round(t.duration)))} (since the page opened: ${JSON.stringify(all.map((t) => Math.round(t.duration)))})`);
  expect(during.filter((t) => t.duration > 200), JSON.stringify(during)).toEqual([]);

  await page.getByTestId('cancel').click();
  // Cancel rejects at once (workerWatchdog.test.ts: < 200 ms); a loaded machine's page may take seconds to paint it.
  await expect(page.getByTestId('cancelled')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('run')).toBeEnabled();

  // Back on the tiny notebook, its stored run is still there, unchanged.
  await page.getByTestId('notebook-select').selectOption('tiny');
  await expect(page.getByTestId('metrics-model').locator('td').nth(1)).toHaveText(rmse, { timeout: 15_000 });
});

test('a run of the tiny notebook, results and charts included, does not freeze the page', async ({ page }) => {
  await recordLongTasks(page);
  // A forced backend: this measures the page's thread, not the backend probe.
  await page.goto('/?notebook=tiny&backend=wasm');
  await expect(page.getByTestId('notebook-title')).toContainText('Tiny');
  const runStart = await page.evaluate(() => performance.now());
  await page.getByTestId('run').click();
  await expect(page.getByTestId('metrics-table')).toBeVisible({ timeout: 120_000 });
  // Every chart of the results has drawn (plotly loaded, parsed and rendered).
  const charts = page.locator('[data-testid^="chart-"]');
  const drawn = page.locator('[data-testid^="chart-"]:has(.main-svg)');
  await expect
    .poll(async () => {
      const total = await charts.count();
      return total > 1 && (await drawn.count()) === total;
    }, { timeout: 60_000 })
    .toBe(true);
  await page.evaluate(() => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0))));
  const during = await longTasksSince(page, runStart);
  const longest = Math.max(0, ...during.map((t) => t.duration));
  const blocking = during.reduce((sum, t) => sum + Math.max(0, t.duration - 50), 0);
  console.log(`tiny run on the main thread: longest task ${Math.round(longest)} ms, total blocking ${Math.round(blocking)} ms, tasks ${JSON.stringify(during.map((t) => Math.round(t.duration)))}`);
  // The goal is 50 ms (the benchmark's); this fails only on a clear freeze.
  expect(longest, JSON.stringify(during)).toBeLessThan(1_000);
});
