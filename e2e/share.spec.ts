import { expect, test, type Page, type Request } from '@playwright/test';

const headline = async (page: Page) => ({
  metrics: await page.getByTestId('metrics-table').innerText(),
  backtest: await page.getByTestId('backtest-table').innerText(),
});

test("the demo's link opens in a fresh context, runs nothing until Run, then gives the original run's metrics", async ({ browser }) => {
  test.setTimeout(900_000);
  const original = await browser.newContext({ permissions: ['clipboard-read', 'clipboard-write'] });
  const page = await original.newPage();
  await page.goto('/');
  await expect(page.getByTestId('notebook-title')).toContainText('Demo');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('metrics-table')).toBeVisible({ timeout: 400_000 });
  const expected = await headline(page);

  await page.getByTestId('copy-link').click();
  await expect(page.getByTestId('link-length')).toHaveText(/copied, [\d,]+ characters/);
  const link = await page.evaluate(() => navigator.clipboard.readText());
  expect(link).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/.*#nb=[A-Za-z0-9_-]+$/);
  const shown = Number((await page.getByTestId('link-length').innerText()).replace(/\D/g, ''));
  expect(shown).toBe(link.length);
  expect(link.length).toBeLessThanOrEqual(2_000);
  await original.close();

  const fresh = await browser.newContext();
  const recipient = await fresh.newPage();
  const requests: Request[] = [];
  recipient.on('request', (r) => requests.push(r));
  const pageErrors: string[] = [];
  recipient.on('pageerror', (e) => pageErrors.push(e.message));
  await recipient.goto(link);
  await expect(recipient.getByTestId('link-banner')).toContainText('Nothing has run');
  await expect(recipient.getByTestId('notebook-title')).toContainText('Demo');
  await expect(recipient.getByTestId('notebook-select')).toHaveValue(/^link-[0-9a-f]{16}$/);
  // Nothing ran: no worker, no download, not even the built-in notebook's JSON; only the app's own code.
  expect(recipient.workers()).toHaveLength(0);
  const origin = new URL(link).origin;
  const beyondAppCode = requests.map((r) => r.url()).filter((url) => !url.startsWith(origin) || /worker|notebooks\/|\.json/.test(url));
  expect(beyondAppCode).toEqual([]);
  await expect(recipient.getByTestId('metrics-table')).toHaveCount(0);

  await recipient.getByTestId('run').click();
  await expect(recipient.getByTestId('metrics-table')).toBeVisible({ timeout: 400_000 });
  expect(await headline(recipient)).toEqual(expected);
  await expect(recipient.getByTestId('link-banner')).toContainText('computed in this browser');

  // "Save to my library" forks it: a user notebook with the same title, no longer marked as from a link.
  await recipient.getByTestId('link-save').click();
  await expect(recipient.getByTestId('notebook-select')).toHaveValue(/^user-/);
  await expect(recipient.getByTestId('link-banner')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
  await fresh.close();
});

test('a damaged link says what is wrong and opens the default notebook, never a blank page', async ({ page }) => {
  await page.goto('/#nb=q1YqSU0sSlWyUipLzClNVaoFAA');
  await expect(page.getByTestId('link-error')).toContainText('This link could not be opened: share link');
  await expect(page.getByTestId('notebook-title')).toContainText('Demo');
});
