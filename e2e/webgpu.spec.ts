import { expect, test } from '@playwright/test';

test('forced WebGPU trains the tiny notebook on webgpu in the worker', async ({ page }) => {
  await page.goto('/?notebook=tiny&backend=webgpu');
  await expect(page.getByTestId('notebook-title')).toContainText('Tiny');
  await expect(page.getByTestId('backend-select')).toHaveValue('webgpu');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('metrics-table')).toBeVisible({ timeout: 240_000 });
  await expect(page.getByTestId('backend-name')).toHaveText('webgpu');
  await expect(page.getByTestId('backend-reason')).toContainText(/forced/i);
  await expect(page.getByTestId('folds-table').locator('tbody tr')).toHaveCount(1);
});
