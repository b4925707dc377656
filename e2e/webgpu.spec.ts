import { expect, test } from '@playwright/test';

// The adapter here is SwiftShader (software): these tests prove the WebGPU code path, not its speed.

test('forced WebGPU trains the tiny notebook on the WGSL engine in the worker', async ({ page }) => {
  await page.goto('/?notebook=tiny&backend=webgpu');
  await expect(page.getByTestId('notebook-title')).toContainText('Tiny');
  await expect(page.getByTestId('backend-select')).toHaveValue('webgpu');
  await page.getByTestId('run').click();
  await expect(page.getByTestId('metrics-table')).toBeVisible({ timeout: 240_000 });
  await expect(page.getByTestId('backend-name')).toHaveText('webgpu');
  await expect(page.getByTestId('backend-reason')).toContainText(/forced/i);
  await expect(page.getByTestId('folds-table').locator('tbody tr')).toHaveCount(1);
  await expect(page.getByTestId('fold-engine-0')).toHaveText(/^fused WGSL \(software adapter/);
});

test('forced WebGPU: the demo notebook trains on webgpu in the worker, and cancel stops it', async ({ page }) => {
  await page.goto('/?notebook=demo&backend=webgpu');
  await expect(page.getByTestId('notebook-title')).toContainText('Demo');
  await page.getByTestId('run').click();
  // A whole demo run on a software adapter takes many minutes: watch it train, then cancel.
  await expect(page.getByTestId('progress-message')).toContainText(/fold 1\/24: epoch 1\/30/, { timeout: 120_000 });
  await expect(page.getByTestId('progress-message')).toContainText('samples/s');
  console.log(`demo on forced webgpu: ${await page.getByTestId('progress-message').innerText()}`);
  await expect(page.getByTestId('backend-name')).toHaveText('webgpu');
  await expect(page.getByTestId('backend-reason')).toContainText(/forced/i);
  await page.getByTestId('cancel').click();
  await expect(page.getByTestId('cancelled')).toBeVisible({ timeout: 10_000 });
  await expect(page.getByTestId('run')).toBeEnabled();
});
