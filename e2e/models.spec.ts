import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

/** The value shown after pressing "Predict next bar" on the row whose name matches. */
async function predict(page: Page, imported: boolean): Promise<{ value: string; text: string }> {
  const rows = page.getByTestId('model-row');
  const row = imported ? rows.filter({ hasText: '(imported)' }) : rows.filter({ hasNotText: '(imported)' });
  await row.getByTestId('model-predict').click();
  const forecast = row.locator('xpath=following-sibling::tr[1]').getByTestId('model-forecast');
  await expect(forecast).toBeVisible({ timeout: 30_000 });
  await expect(row.getByTestId('model-predict')).toBeEnabled();
  return { value: await forecast.getByTestId('forecast-value').innerText(), text: await forecast.innerText() };
}

test('train & save a model, forecast the next bar, reload, export and import it: the same number every time', async ({ page }, info) => {
  await page.goto('/?notebook=tiny&backend=wasm');
  await expect(page.getByTestId('notebook-title')).toContainText('Tiny');
  await expect(page.getByTestId('models-empty')).toBeVisible();

  await page.getByTestId('models-train').click();
  await expect(page.getByTestId('models-notice')).toContainText('Saved', { timeout: 60_000 });
  await expect(page.getByTestId('model-row')).toHaveCount(1);
  await expect(page.getByTestId('model-row')).toContainText('wasm');

  const first = await predict(page, false);
  expect(Number(first.value)).not.toBeNaN();
  // The bar after the last one of the tiny notebook's 290 daily bars.
  expect(first.text).toContain('for the bar of 2019-10-18');

  // From IndexedDB after a reload: no retraining, the same forecast.
  await page.reload();
  await expect(page.getByTestId('model-row')).toHaveCount(1);
  expect((await predict(page, false)).value).toBe(first.value);

  // Export: the tfjs files and our meta.json.
  await page.getByTestId('model-export').click();
  const paths: string[] = [];
  for (const name of ['model.json', 'weights.bin', 'meta.json']) {
    const download = page.waitForEvent('download');
    await page.getByTestId(`models-download-${name}`).click();
    const file = await download;
    expect(file.suggestedFilename()).toBe(name);
    const path = info.outputPath(name);
    await file.saveAs(path);
    paths.push(path);
  }
  const modelJson = JSON.parse(readFileSync(paths[0]!, 'utf8')) as { format: string; weightsManifest: { paths: string[] }[] };
  expect(modelJson.format).toBe('layers-model');
  expect(modelJson.weightsManifest[0]!.paths).toEqual(['weights.bin']);

  // Import them back: a second, listed model that forecasts the same.
  await page.getByTestId('models-import').setInputFiles(paths);
  await expect(page.getByTestId('models-notice')).toContainText('Imported', { timeout: 30_000 });
  await expect(page.getByTestId('model-row')).toHaveCount(2);
  expect((await predict(page, true)).value).toBe(first.value);

  // Bad files: a specific message, nothing lost.
  await page.getByTestId('models-import').setInputFiles([{ name: 'meta.json', mimeType: 'application/json', buffer: Buffer.from('{ not json') }]);
  await expect(page.getByTestId('models-error')).toContainText('"meta.json" is not JSON');
  await page.getByTestId('models-import').setInputFiles([paths[0]!, paths[2]!]);
  await expect(page.getByTestId('models-error')).toContainText('"weights.bin" is missing');
  const asBuffer = (path: string, name: string) => ({ name, mimeType: 'application/octet-stream', buffer: readFileSync(path) });
  const truncated = { name: 'weights.bin', mimeType: 'application/octet-stream', buffer: readFileSync(paths[1]!).subarray(0, 16) };
  await page.getByTestId('models-import').setInputFiles([asBuffer(paths[0]!, 'model.json'), asBuffer(paths[2]!, 'meta.json'), truncated]);
  await expect(page.getByTestId('models-error')).toContainText('"weights.bin" has 16 bytes');
  await expect(page.getByTestId('model-row')).toHaveCount(2);
  expect((await predict(page, false)).value).toBe(first.value);
});
