import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

const tiny = JSON.parse(readFileSync('public/notebooks/tiny.json', 'utf8')) as { cells: Record<string, unknown>[] };

/** The tiny notebook's JSON with the backtest cell changed by `change`. */
function tinyWith(change: (backtest: Record<string, unknown>) => void): string {
  const doc = structuredClone(tiny);
  change(doc.cells[5]!);
  return JSON.stringify(doc, null, 2);
}

async function open(page: Page) {
  await page.goto('/?notebook=tiny');
  await expect(page.getByTestId('notebook-title')).toContainText('Tiny');
}

test('edit a notebook in its forms, as JSON, and by cells; undo restores', async ({ page }) => {
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await open(page);
  const backtest = page.getByTestId('cell-backtest');
  const fee = backtest.getByLabel('feeBps');

  // A valid value changes the doc (Save shows unsaved changes); an invalid one shows its error and blocks Run.
  await expect(fee).toHaveValue('10');
  await fee.fill('25');
  await expect(fee).toHaveValue('25');
  await expect(page.getByTestId('save')).toHaveText('Save •');
  await expect(page.getByTestId('run')).toBeEnabled();
  await fee.fill('-5');
  await expect(backtest.getByTestId('error-cells[5].feeBps')).toContainText('>=0');
  await expect(fee).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('run')).toBeDisabled();
  await expect(page.getByTestId('edit-block')).toContainText('cells[5].feeBps');
  // Both values went into one field within a second: one undo step back to the original.
  await page.keyboard.press('Control+z');
  await expect(fee).toHaveValue('10');
  await expect(page.getByTestId('run')).toBeEnabled();

  // A feature row added (its help shows on focus and moves nothing), typed, removed, and brought back by undo.
  const features = page.getByTestId('cell-features');
  const rows = features.locator('fieldset[data-testid^="group-cells[2].features["]');
  await expect(rows).toHaveCount(2);
  const add = page.getByTestId('add-cells[2].features');
  const top = () => add.evaluate((b) => Math.round(b.getBoundingClientRect().top - b.closest('fieldset')!.getBoundingClientRect().top));
  const before = await top();
  await features.getByLabel('period').focus();
  await add.focus();
  expect(await top()).toBe(before);
  await add.click();
  await expect(rows).toHaveCount(3);
  await expect(features.locator('.cell-summary')).toContainText('name: logReturn, name: rsi · period: 14, name: logReturn');
  await features.getByLabel('features[2] name').selectOption('ema');
  await expect(features.getByLabel('period (features[2])')).toHaveValue('20');
  await page.getByTestId('remove-cells[2].features[2]').click();
  await expect(rows).toHaveCount(2);
  await page.getByTestId('undo').click();
  await expect(rows).toHaveCount(3);
  await expect(features.getByLabel('features[2] name')).toHaveValue('ema');
  await page.getByTestId('undo').click();
  await page.getByTestId('undo').click();
  await expect(rows).toHaveCount(2);

  // A record (the columns a feature reads) is rows of key and value, the value's error at its key.
  await features.getByLabel('columns (features[1])', { exact: true }).check();
  await features.getByLabel('new key of columns (features[1])').fill('value');
  await page.getByTestId('add-cells[2].features[1].columns').click();
  await expect(page.getByTestId('error-cells[2].features[1].columns.value')).toBeVisible();
  await features.getByLabel('value', { exact: true }).fill('open');
  await expect(page.getByTestId('error-cells[2].features[1].columns.value')).toHaveCount(0);
  await expect(features.locator('.cell-summary')).toContainText('columns: value: open');
  await page.getByTestId('remove-cells[2].features[1].columns.value').click();
  await expect(features.getByLabel('value', { exact: true })).toHaveCount(0);

  // The JSON view: a typo shows its path and line and leaves the notebook as it was; valid text applies.
  await page.getByTestId('json-toggle').click();
  const editor = page.getByTestId('json-editor').locator('.cm-content');
  // Hovering a key tells what it takes, from the same declarations as the forms.
  // (on the key itself: two spaces of indent, then "seed")
  await editor.locator('.cm-line', { hasText: '"seed"' }).first().hover({ position: { x: 30, y: 6 } });
  await expect(page.locator('.json-hint')).toContainText('seed: integer');
  await editor.fill(tinyWith((b) => (b.feeBps = -5)));
  await expect(page.getByTestId('json-errors')).toContainText(/cells\[5\]\.feeBps \(line \d+\)/);
  await editor.fill(tinyWith((b) => ((b.feeBsp = b.feeBps), delete b.feeBps)));
  await expect(page.getByTestId('json-errors')).toContainText('cells[5].feeBsp');
  await expect(page.getByTestId('json-errors')).toContainText('unknown field "feeBsp"');
  await page.getByTestId('json-toggle').click();
  await expect(fee).toHaveValue('10');
  await page.getByTestId('json-toggle').click();
  await editor.fill(tinyWith((b) => (b.feeBps = 7)));
  await expect(page.getByTestId('json-valid')).toBeVisible();
  await page.getByTestId('json-toggle').click();
  await expect(fee).toHaveValue('7');

  // Cells: add, duplicate, move, delete.
  const order = () => page.locator('article.cell').evaluateAll((cells) => cells.map((c) => c.getAttribute('data-testid')));
  await page.getByTestId('add-cell-kind').selectOption('markdown');
  await page.getByTestId('add-cell').click();
  await expect(page.getByTestId('cell-markdown')).toBeVisible();
  await page.getByTestId('cell-duplicate-backtest').click();
  await expect.poll(order).toEqual(['cell-intro', 'cell-data', 'cell-features', 'cell-model', 'cell-walkforward', 'cell-backtest', 'cell-backtest-copy', 'cell-markdown']);
  await page.getByTestId('cell-up-backtest-copy').click();
  await expect.poll(order).toEqual(['cell-intro', 'cell-data', 'cell-features', 'cell-model', 'cell-walkforward', 'cell-backtest-copy', 'cell-backtest', 'cell-markdown']);
  await page.getByTestId('cell-delete-markdown').click();
  await expect(page.getByTestId('cell-markdown')).toHaveCount(0);
  await expect(page.getByTestId('cell-backtest-copy').getByLabel('feeBps')).toHaveValue('7');

  // Ctrl+S keeps the edited built-in notebook as the user's own copy.
  await page.keyboard.press('Control+s');
  await expect(page.getByTestId('notebook-select')).toHaveValue(/^user-/);
  await expect(page.getByTestId('save')).toHaveText('Save');
  expect(pageErrors).toEqual([]);
});
