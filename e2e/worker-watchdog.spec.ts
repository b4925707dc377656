import { expect, test, type Page, type Worker } from '@playwright/test';

/**
 * A compute worker stuck in an endless loop (issue 14 item 1), with the app's real worker and its
 * default 30 s silence budget. The test serves the built worker script with a prefix that, while
 * `hang` is on, spins forever on the first `train` call (after telling the test by a synchronous
 * request). No debug switch in the app: a normal link cannot reach this.
 */
const HANG_STARTED = '/__test/compute-worker-hangs';
const HANG_PREFIX = `self.addEventListener('message', (event) => {
  const d = event.data;
  if (d && d.type === 'APPLY' && Array.isArray(d.path) && d.path[0] === 'train') {
    const request = new XMLHttpRequest();
    request.open('GET', '${HANG_STARTED}', false);
    request.send();
    for (;;) {}
  }
});
`;
const BUDGET_S = 30;

interface Watch {
  hang: boolean;
  hangs: number;
  workers: Worker[];
  closed: Map<Worker, number>;
}

async function serveHangingWorker(page: Page): Promise<Watch> {
  const watch: Watch = { hang: true, hangs: 0, workers: [], closed: new Map() };
  await page.route('**/assets/compute.worker-*.js', async (route) => {
    const response = await route.fetch();
    const script = await response.text();
    await route.fulfill({ response, body: watch.hang ? HANG_PREFIX + script : script });
  });
  await page.route(`**${HANG_STARTED}`, async (route) => {
    watch.hangs++;
    await route.fulfill({ status: 204, body: '' });
  });
  page.on('worker', (worker) => {
    if (!worker.url().includes('compute.worker')) return;
    watch.workers.push(worker);
    worker.on('close', () => watch.closed.set(worker, Date.now()));
  });
  return watch;
}

test('a compute worker stuck in a loop: a clear error within the budget, Cancel within ~1 s, and the next Run completes', async ({ page }) => {
  const watch = await serveHangingWorker(page);
  await page.goto('/?notebook=tiny&backend=wasm');
  await expect(page.getByTestId('notebook-title')).toContainText('Tiny');

  // 1. The worker hangs in train: the run ends with the watchdog's message, not a hang.
  await page.getByTestId('run').click();
  await expect.poll(() => watch.hangs, { timeout: 120_000 }).toBe(1);
  const hungAt = Date.now();
  const stuck = watch.workers.at(-1)!;
  await expect(page.getByTestId('run-error')).toContainText(
    new RegExp(
      `compute worker \\d+ \\(wasm\\) stopped responding: nothing heard from it for \\d+\\.\\d s \\(limit ${BUDGET_S}\\.0 s\\) ` +
        'while it was running train lstm \\(\\d+ windows\\); it was stopped and a new worker starts with the next call\\. Press Run to try again',
    ),
    { timeout: (BUDGET_S + 30) * 1000 },
  );
  const errorAfterS = (Date.now() - hungAt) / 1000;
  // Silence is counted from the worker's last heartbeat (up to 0.25 s before the hang); checks run every second.
  expect(errorAfterS).toBeGreaterThan(BUDGET_S - 1);
  expect(errorAfterS).toBeLessThan(BUDGET_S + 2 + 3); // 2 s allowed by the issue, 3 s for a loaded machine's test plumbing
  await expect.poll(() => watch.closed.has(stuck), { timeout: 10_000 }).toBe(true);
  await expect(page.getByTestId('run')).toBeEnabled();

  // 2. A new worker hangs again; Cancel ends the run at once and terminates the worker within ~1 s.
  await page.getByTestId('run').click();
  await expect.poll(() => watch.hangs, { timeout: 120_000 }).toBe(2);
  const second = watch.workers.at(-1)!;
  expect(second).not.toBe(stuck);
  const cancelledAt = Date.now();
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('cancelled')).toBeVisible({ timeout: 5_000 });
  await expect.poll(() => watch.closed.has(second), { timeout: 10_000 }).toBe(true);
  const terminatedAfterS = (watch.closed.get(second)! - cancelledAt) / 1000;
  expect(terminatedAfterS).toBeGreaterThanOrEqual(0.9);
  // The app calls terminate() 1 s after Cancel; Chromium then gives a busy worker thread about
  // 2 s more before it forces it to stop (3.2 s seen on every run). Far below the silence budget:
  // Cancel stopped it, not the watchdog.
  expect(terminatedAfterS).toBeLessThan(8);

  // 3. A healthy worker again: the next Run completes.
  watch.hang = false;
  await page.getByTestId('run').click();
  await expect(page.getByTestId('metrics-table')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('run-error')).toHaveCount(0);
  expect(watch.hangs).toBe(2);
  test.info().annotations.push({
    type: 'timings',
    description: `error ${errorAfterS.toFixed(1)} s after the hang (budget ${BUDGET_S} s); worker terminated ${terminatedAfterS.toFixed(1)} s after Cancel`,
  });
});
