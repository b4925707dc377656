import { expect, test, type Page } from '@playwright/test';
import { answerApiRequest } from '../src/sources/connectors/fixtures/apiServer';
import { generateDemoMarket } from '../src/sources/demo';

const market = generateDemoMarket({ seed: 21, bars: 1200, start: '2021-05-01' });
const API_HOSTS = /api\.binance\.com|data-api\.binance\.vision|community-api\.coinmetrics\.io|api\.exchange\.coinbase\.com|api\.kraken\.com|api\.blockchain\.info|mempool\.space/;

/** Answers the public APIs in their documented formats (machines here have no internet). */
async function serveApis(page: Page): Promise<string[]> {
  const requests: string[] = [];
  await page.route(API_HOSTS, async (route) => {
    const url = new URL(route.request().url());
    requests.push(url.href);
    const reply = answerApiRequest(url, market);
    await route.fulfill({
      status: reply?.status ?? 404,
      contentType: 'application/json',
      headers: { 'access-control-allow-origin': '*' },
      body: JSON.stringify(reply?.body ?? { message: 'not found' }),
    });
  });
  return requests;
}

test('Binance candles + Coin Metrics metrics are downloaded, aligned and modelled; a second run makes no request', async ({ page }) => {
  const requests = await serveApis(page);
  await page.goto('/?notebook=btc-live');
  await expect(page.getByTestId('notebook-title')).toContainText('Binance');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('metrics-table')).toBeVisible({ timeout: 240_000 });
  expect(requests.some((u) => u.includes('/api/v3/klines'))).toBe(true);
  expect(requests.some((u) => u.includes('/v4/timeseries/asset-metrics'))).toBe(true);
  const notes = page.getByTestId('dataset-notes');
  await expect(notes).toContainText('Coin Metrics');
  await expect(notes).toContainText('AdrActCnt: shifted 1 bar');
  await expect(page.getByTestId('backend-name')).toBeVisible();

  const before = requests.length;
  await page.getByTestId('run').click();
  // The rerun reads the download cache (no request) and the run cache (no fold trains).
  await expect(page.getByTestId('run-cache')).toContainText('(0 trained)', { timeout: 240_000 });
  await expect(page.getByTestId('progress')).toBeHidden({ timeout: 240_000 });
  await expect(page.getByTestId('run-error')).toHaveCount(0);
  expect(requests.length).toBe(before);
});

test('an API error reaches the user as a specific message and loses nothing', async ({ page }) => {
  await page.route(/api\.binance\.com|data-api\.binance\.vision/, (route) =>
    route.fulfill({ status: 451, contentType: 'application/json', body: JSON.stringify({ code: 0, msg: 'Service unavailable from a restricted location' }) }),
  );
  await page.goto('/?notebook=btc-live');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('run-error')).toContainText(/451|region/i, { timeout: 60_000 });
  await expect(page.getByTestId('run')).toBeEnabled();
  await expect(page.getByTestId('notebook-title')).toContainText('Binance');
});

const CHOICES = [
  { price: 'coinbase', symbol: 'BTC-USD', onchain: 'blockchain-com', host: 'api.blockchain.info', column: 'hashRate' },
  { price: 'kraken', symbol: 'XBTUSD', onchain: 'mempool', host: 'mempool.space', column: 'hashRate' },
] as const;

for (const choice of CHOICES) {
  test(`a notebook made from ${choice.price} candles + ${choice.onchain} runs in the browser`, async ({ page }) => {
    const requests = await serveApis(page);
    await page.goto('/?notebook=tiny');
    await expect(page.getByTestId('notebook-title')).toContainText('Tiny');
    await page.getByTestId('change-source').click();
    await page.getByTestId('source-type').selectOption(choice.price);
    await page.getByTestId('source-symbol').fill(choice.symbol);
    await page.getByTestId('source-start').fill('2023-01-01');
    await page.getByTestId('source-end').fill('2024-01-01');
    await page.getByTestId('onchain-type').selectOption(choice.onchain);
    await page.getByTestId('source-apply').click();
    await expect(page.getByTestId('notebook-title')).toContainText(`${choice.price} ${choice.symbol}`);
    await expect(page.getByTestId('cell-features')).toContainText(choice.column);
    await page.getByTestId('run').click();
    await expect(page.getByTestId('metrics-table')).toBeVisible({ timeout: 120_000 });
    expect(requests.some((u) => new URL(u).host.includes(choice.price === 'coinbase' ? 'coinbase' : 'kraken'))).toBe(true);
    expect(requests.some((u) => new URL(u).host === choice.host)).toBe(true);
    await page.reload();
    await expect(page.getByTestId('notebook-select')).toContainText(`${choice.price} ${choice.symbol}`);
  });
}
