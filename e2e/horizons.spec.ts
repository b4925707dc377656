import { expect, test } from '@playwright/test';

test('a direct multi-output notebook reports the error of each of the 7 steps ahead', async ({ page }) => {
  await page.goto('/?notebook=horizons');
  await expect(page.getByTestId('notebook-title')).toContainText('A week ahead');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('metrics-table')).toBeVisible({ timeout: 120_000 });

  const rows = page.getByTestId('steps-table').locator('tbody tr');
  await expect(rows).toHaveCount(7);
  await expect(rows.first().locator('td').first()).toHaveText('1');
  await expect(rows.last().locator('td').first()).toHaveText('7');
  for (let step = 0; step < 7; step++) {
    const cells = rows.nth(step).locator('td');
    for (const column of [1, 2, 3]) expect(Number(await cells.nth(column).innerText())).toBeGreaterThan(0);
  }
  // The headline table scores step 1: its model RMSE is the first row's.
  const headline = await page.getByTestId('metrics-model').locator('td').nth(1).innerText();
  await expect(rows.first().locator('td').nth(1)).toHaveText(headline);
  await expect(page.getByTestId('chart-steps').locator('.main-svg').first()).toBeVisible();
});
