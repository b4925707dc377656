import { expect, test } from '@playwright/test';

interface Row {
  id: string;
  value: number;
  limit: number | null;
}

// selftest.html runs the WGSL LSTM kernels on the (software, here) WebGPU adapter against tf ops.
test('WGSL LSTM step kernels match tf ops and take one dispatch per timestep', async ({ page }) => {
  test.setTimeout(90_000);
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  // WebGPU validation errors arrive as console warnings (e.g. an invalid pipeline), not exceptions.
  page.on('console', (m) => void (/invalid|exceeds the maximum/i.test(m.text()) && errors.push(m.text().slice(0, 300))));
  await page.goto('/selftest.html');
  const status = page.getByTestId('selftest-status');
  await expect(status).toHaveAttribute('data-state', /done|failed|unavailable/, { timeout: 75_000 });
  const result = await page.evaluate(() => (window as unknown as { cflSelftest: { status: string; error?: string; rows: Row[] } }).cflSelftest);
  expect(result.error ?? '', 'self-test error').toBe('');
  expect(result.status).toBe('done');
  expect(errors).toEqual([]);
  const value = (id: string): number => {
    const row = result.rows.find((r) => r.id === id);
    if (!row) throw new Error(`self-test row ${id} is missing`);
    return row.value;
  };

  for (const act of ['sigmoid', 'hardSigmoid']) {
    expect(value(`step.${act}.forward.vsReference`)).toBeLessThanOrEqual(1e-5);
    expect(value(`step.${act}.forward.vsCpu`)).toBeLessThanOrEqual(1e-5);
    expect(value(`step.${act}.backward.vsReference`)).toBeLessThanOrEqual(1e-5);
    expect(value(`step.${act}.backward.vsCpu`)).toBeLessThanOrEqual(1e-4);
    expect(value(`model.${act}.loss.vsCpu`)).toBeLessThanOrEqual(1e-5);
    expect(value(`model.${act}.grads.vsReference`)).toBeLessThanOrEqual(1e-4);
    expect(value(`model.${act}.grads.vsCpu`)).toBeLessThanOrEqual(1e-4);
  }
  expect(value('adam.sigmoid')).toBeLessThanOrEqual(1e-5);
  expect(value('trainer.hardSigmoid')).toBeLessThanOrEqual(1e-4);
  expect(value('dispatch.wgslForward')).toBe(1);
  expect(value('dispatch.wgslTraining')).toBe(2);
  // tf.layers.lstm runs about 15 kernels a step; the exact count is the library's business.
  expect(value('dispatch.tfjsLayersForward')).toBeGreaterThanOrEqual(8);
  console.log(`dispatches per step: tfjs layers forward ${value('dispatch.tfjsLayersForward')}, training ${value('dispatch.tfjsLayersTraining')}; ` +
    `ms per step (software adapter): WGSL ${value('time.wgslForward').toFixed(2)}, tfjs layers ${value('time.tfjsLayersForward').toFixed(2)}`);

  // The table shows the same verdicts.
  await expect(page.getByTestId('result-dispatch.wgslForward')).toHaveText('pass');
  await expect(page.getByTestId('selftest-table').getByText('FAIL')).toHaveCount(0);
});
