import { expect, test } from '@playwright/test';
import { cspViolations, recordCspViolations } from './cspViolations';

test('the built app carries a CSP that blocks inline scripts, and a demo run breaks none of it', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  const refused: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) refused.push(m.text());
  });
  await recordCspViolations(page);
  await page.goto('/');
  await expect(page.getByTestId('notebook-title')).toContainText('Demo');

  const policy = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content');
  expect(policy).toContain("script-src 'self' 'wasm-unsafe-eval'");
  expect(policy).toContain('connect-src \'self\' https://api.binance.com');

  // The policy is enforced: an injected inline script does not run and is reported.
  const ran = await page.evaluate(async () => {
    const script = document.createElement('script');
    script.textContent = 'window.inlineRan = true';
    document.head.append(script);
    await new Promise((resolve) => setTimeout(resolve, 0));
    return (window as Window & { inlineRan?: boolean }).inlineRan === true;
  });
  expect(ran).toBe(false);
  await expect.poll(async () => (await cspViolations(page)).map((v) => v.directive)).toContain('script-src-elem');
  await page.evaluate(() => (window.cspViolations = []));
  refused.length = 0;

  // A whole demo run: workers, wasm, the plotly charts, the markdown chunk, IndexedDB.
  await page.getByTestId('run').click();
  await expect(page.getByTestId('metrics-table')).toBeVisible({ timeout: 240_000 });
  for (const chart of ['chart-candles', 'chart-forecast', 'chart-equity', 'chart-monthly', 'chart-distribution']) {
    await expect(page.getByTestId(chart).locator('.main-svg').first()).toBeVisible();
  }
  await expect(page.getByTestId('fold-engine-0')).toHaveText('fused wasm SIMD');
  await page.getByTestId('describe').click();
  await expect(page.getByTestId('describe-table')).toBeVisible();
  await page.getByTestId('library-toggle').click();
  await expect(page.getByTestId('library-notebook-list')).toBeVisible();

  expect(await cspViolations(page)).toEqual([]);
  expect(refused).toEqual([]);
  expect(pageErrors).toEqual([]);
});
