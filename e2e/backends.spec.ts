import { existsSync } from 'node:fs';
import { expect, test, type Page, type Worker } from '@playwright/test';

const computeWorker = async (page: Page): Promise<Worker> => {
  await expect.poll(() => page.workers().some((w) => w.url().includes('compute.worker')), { timeout: 60_000 }).toBe(true);
  return page.workers().find((w) => w.url().includes('compute.worker'))!;
};

test('auto names the measured winner and why; a reload reuses the measurement', async ({ page }) => {
  await page.goto('/?notebook=tiny');
  await expect(page.getByTestId('notebook-title')).toContainText('Tiny');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('metrics-table')).toBeVisible({ timeout: 180_000 });
  const reason = page.getByTestId('backend-reason');
  await expect(reason).toContainText(/auto: measured one training batch: .*\d+ ms/);
  const winner = await page.getByTestId('backend-name').innerText();
  expect(['webgpu', 'wasm', 'cpu']).toContain(winner);
  // The reason ends with "→ <winner>": the badge names the measured winner.
  await expect(reason).toContainText(`→ ${winner}`);
  const cached = await page.evaluate(() => localStorage.getItem('cfl.backend-measurement.v1'));
  expect(JSON.parse(cached ?? 'null')).toMatchObject({ winner });

  await page.reload();
  await expect(page.getByTestId('notebook-title')).toContainText('Tiny');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('backend-reason')).toContainText('auto (measured earlier on this device): measured one training batch', {
    timeout: 60_000,
  });
  await expect(page.getByTestId('backend-name')).toHaveText(winner);
  await expect(page.getByTestId('run-meta')).toBeVisible({ timeout: 120_000 });
  await expect(page.getByTestId('run-error')).toHaveCount(0);
});

test('a GPU device lost mid-run continues on wasm and the badge says why', async ({ page }) => {
  // The tiny notebook trains one epoch: it could end before the device is destroyed, and then
  // nothing moves. With many epochs (no early stopping) the loss always lands mid-training.
  await page.route('**/notebooks/tiny.json', async (route) => {
    const response = await route.fetch();
    const doc = (await response.json()) as { cells: { kind: string; training?: Record<string, unknown> }[] };
    for (const cell of doc.cells) if (cell.kind === 'model') cell.training = { ...cell.training, epochs: 60, validationFraction: 0 };
    await route.fulfill({ response, json: doc });
  });
  await page.goto('/?notebook=tiny&backend=webgpu');
  await expect(page.getByTestId('notebook-title')).toContainText('Tiny');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('backend-name')).toHaveText('webgpu', { timeout: 60_000 });
  const worker = await computeWorker(page);
  await expect.poll(() => worker.evaluate(() => '__cflGpuDevice' in globalThis), { timeout: 60_000 }).toBe(true);
  await expect(page.getByTestId('progress-message')).toContainText(/epoch \d+\/60/, { timeout: 120_000 });
  // The page may terminate the worker as soon as the loss is seen, before evaluate() answers.
  await worker.evaluate(() => (globalThis as unknown as { __cflGpuDevice: GPUDevice }).__cflGpuDevice.destroy()).catch(() => undefined);
  // The app announces the new backend once the replacement worker is up: on a loaded machine
  // starting a worker takes seconds, so wait for that state, not for a fixed short time.
  await expect(page.getByTestId('backend-reason')).toContainText(/the GPU device was lost .*continued on wasm/, { timeout: 120_000 });
  await expect(page.getByTestId('backend-name')).toHaveText('wasm');
  await expect(page.getByTestId('metrics-table')).toBeVisible({ timeout: 180_000 });
  await expect(page.getByTestId('run-error')).toHaveCount(0);
  // The fold that moved: the report names the backend it finished on, and why.
  await expect(page.getByTestId('run-meta')).toContainText('on wasm');
});

test('with ?workers=2 the demo notebook finishes', async ({ page }) => {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto('/?notebook=demo&workers=2');
  await expect(page.getByTestId('notebook-title')).toContainText('Demo');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('metrics-table')).toBeVisible({ timeout: 280_000 });
  expect(await page.getByTestId('folds-table').locator('tbody tr').count()).toBeGreaterThan(1);
  await expect(page.getByTestId('run-error')).toHaveCount(0);
  expect(page.workers().filter((w) => w.url().includes('compute.worker')).length).toBeGreaterThanOrEqual(1);
  expect(errors).toEqual([]);
});

// launchOptions cannot change inside a describe group (it forces a new worker) and the other
// tests need WebGPU: this one launches its own Chromium without --enable-unsafe-webgpu.
test('without --enable-unsafe-webgpu, forced webgpu falls back to wasm and the badge says why', async ({ playwright, baseURL }) => {
  const browser = await playwright.chromium.launch({
    ...(existsSync('/usr/bin/chromium') ? { executablePath: '/usr/bin/chromium' } : {}),
    args: ['--no-sandbox', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  try {
    const page = await browser.newPage({ ...(baseURL ? { baseURL } : {}) });
    await page.goto('/?notebook=tiny&backend=webgpu');
    await expect(page.getByTestId('notebook-title')).toContainText('Tiny');
    await page.getByTestId('run').click();
    await expect(page.getByTestId('metrics-table')).toBeVisible({ timeout: 120_000 });
    await expect(page.getByTestId('backend-name')).toHaveText('wasm');
    await expect(page.getByTestId('backend-reason')).toContainText(/forced webgpu, but no WebGPU adapter is available/);
  } finally {
    await browser.close();
  }
});
