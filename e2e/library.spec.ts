import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { parseNotebookJson } from '../src/notebook/parse';

const tinyDoc = parseNotebookJson(readFileSync(new URL('../public/notebooks/tiny.json', import.meta.url), 'utf8'));
const jsonFile = (name: string, text: string) => ({ name, mimeType: 'application/json', buffer: Buffer.from(text, 'utf8') });

/** The id of the open notebook, which the page keeps in `?notebook=`. */
const openId = (page: Page) => new URL(page.url()).searchParams.get('notebook') ?? '';

async function openLibrary(page: Page) {
  await page.getByTestId('library-toggle').click();
  await expect(page.getByTestId('library-notebook-list')).toBeVisible();
}

async function rename(page: Page, id: string, title: string) {
  await page.getByTestId(`notebook-rename-${id}`).click();
  await page.getByTestId(`notebook-title-input-${id}`).fill(title);
  await page.getByTestId(`notebook-rename-save-${id}`).click();
}

function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return errors;
}

test('fork, rename, export and re-import a notebook; a reload keeps the edits; delete has an undo', async ({ page }) => {
  const pageErrors = collectErrors(page);
  await page.goto('/?notebook=tiny');
  await expect(page.getByTestId('notebook-title')).toHaveText(tinyDoc.title);
  await openLibrary(page);

  await page.getByTestId('notebook-fork-tiny').click();
  await expect(page.getByTestId('notebook-title')).toHaveText(`${tinyDoc.title} (copy)`);
  await expect.poll(() => openId(page)).toMatch(/^user-/);
  const id = openId(page);

  await rename(page, id, 'My tiny experiment');
  await expect(page.getByTestId('notebook-title')).toHaveText('My tiny experiment');
  await expect(page.getByTestId(`notebook-title-${id}`)).toHaveText('My tiny experiment');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await expect(page.getByTestId(`notebook-row-tiny`)).toContainText(tinyDoc.title);

  // Export: the file is the notebook the CLI runs, equal to the document.
  const downloading = page.waitForEvent('download');
  await page.getByTestId(`notebook-export-${id}`).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('my-tiny-experiment.json');
  const text = readFileSync(await download.path(), 'utf8');
  expect(parseNotebookJson(text)).toEqual({ ...tinyDoc, title: 'My tiny experiment' });

  // A bad file names the path of the problem and stores nothing.
  const rowsBefore = await page.locator('[data-testid^="notebook-row-"]').count();
  const bad = JSON.parse(text) as { cells: unknown[] };
  bad.cells[1] = { id: 'data', kind: 'data', source: { type: 'demo', seed: 3, bars: 'many' } };
  await page.getByTestId('notebook-import').setInputFiles(jsonFile('bad.json', JSON.stringify(bad)));
  await expect(page.getByTestId('notebook-import-error')).toContainText('bad.json');
  await expect(page.getByTestId('notebook-import-error')).toContainText('cells[1].source');
  await expect(page.locator('[data-testid^="notebook-row-"]')).toHaveCount(rowsBefore);

  // Re-import the exported file: a new notebook, opened.
  await page.getByTestId('notebook-import').setInputFiles(jsonFile('my-tiny-experiment.json', text));
  await expect(page.getByTestId('library-notice')).toContainText('Imported "My tiny experiment"');
  await expect.poll(() => openId(page)).not.toBe(id);
  const importedId = openId(page);
  expect(importedId).toMatch(/^user-/);
  await expect(page.getByTestId(`notebook-row-${importedId}`)).toContainText('My tiny experiment');

  // A reload reopens the open notebook and lists the renamed one.
  await page.reload();
  await expect(page.getByTestId('notebook-title')).toHaveText('My tiny experiment');
  expect(openId(page)).toBe(importedId);
  await openLibrary(page);
  await expect(page.getByTestId(`notebook-title-${id}`)).toHaveText('My tiny experiment');

  // Delete the open notebook, then undo: it is back and open again.
  await page.getByTestId(`notebook-delete-${importedId}`).click();
  await expect(page.getByTestId('notebook-undo')).toContainText('Deleted “My tiny experiment”');
  await expect(page.getByTestId(`notebook-row-${importedId}`)).toHaveCount(0);
  await page.getByTestId('notebook-undo-button').click();
  await expect(page.getByTestId(`notebook-row-${importedId}`)).toBeVisible();
  await expect(page.getByTestId('notebook-title')).toHaveText('My tiny experiment');
  await expect(page.getByTestId('notebook-undo')).toHaveCount(0);
  expect(pageErrors).toEqual([]);
});

test('two tabs on one notebook: B is told of A’s saves, and B’s unsaved edit is not lost', async ({ context }) => {
  const a = await context.newPage();
  const aErrors = collectErrors(a);
  await a.goto('/?notebook=tiny');
  await openLibrary(a);
  await a.getByTestId('notebook-fork-tiny').click();
  await expect.poll(() => openId(a)).toMatch(/^user-/);
  const id = openId(a);
  await expect(a.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');

  // B holds its edits unsaved for a minute, as a user in the middle of typing.
  const b = await context.newPage();
  const bErrors = collectErrors(b);
  await b.goto(`/?notebook=${id}&autosaveMs=60000`);
  await expect(b.getByTestId('notebook-title')).toHaveText(`${tinyDoc.title} (copy)`);
  await openLibrary(b);

  // B has no unsaved edits: it shows A's save.
  await rename(a, id, 'Renamed in A');
  await expect(a.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await expect(b.getByTestId('notebook-title')).toHaveText('Renamed in A');
  await expect(b.getByTestId('library-notice')).toContainText('changed in another tab');

  // B edits (unsaved), A saves: B is asked, and saving B does not overwrite A.
  await rename(b, id, 'Edited in B');
  await expect(b.getByTestId('save-status')).toHaveAttribute('data-status', 'unsaved');
  await rename(a, id, 'Saved again in A');
  await expect(a.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await expect(b.getByTestId('notebook-conflict')).toContainText('This notebook was changed in another tab');
  await expect(b.getByTestId('notebook-title')).toHaveText('Edited in B');

  // B keeps its edit as a copy; A's notebook keeps A's title.
  await b.getByTestId('conflict-copy').click();
  await expect(b.getByTestId('notebook-conflict')).toHaveCount(0);
  await expect(b.getByTestId('notebook-title')).toHaveText('Edited in B (my copy)');
  await expect.poll(() => openId(b)).not.toBe(id);
  await expect(b.getByTestId(`notebook-title-${id}`)).toHaveText('Saved again in A');
  await expect(a.getByTestId('notebook-title')).toHaveText('Saved again in A');
  await expect(a.getByTestId('library-notebook-list')).toContainText('Edited in B (my copy)');
  expect([...aErrors, ...bErrors]).toEqual([]);
});
