import { writeFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';
import { CANARY, hostileCases } from '../test/corpus/hostile/hostileCorpus.testkit';

const canary = (page: Page) => page.evaluate((name) => Reflect.get(window, name) as unknown, CANARY);

/** What the rendered notes hold that must not be there: active elements, unsafe links, links that keep an opener. */
const unsafeInNotes = (page: Page) =>
  page.evaluate(() => {
    const problems: string[] = [];
    for (const el of document.querySelectorAll('.markdown script, .markdown img, .markdown iframe, .markdown svg, .markdown object, .markdown embed, .markdown style, .markdown form')) problems.push(`<${el.tagName}>`);
    for (const el of document.querySelectorAll('.markdown *')) for (const attr of el.getAttributeNames()) if (attr.startsWith('on')) problems.push(`${el.tagName} ${attr}`);
    for (const a of document.querySelectorAll<HTMLAnchorElement>('.markdown a[href]')) {
      if (!['http:', 'https:', 'mailto:'].includes(a.protocol)) problems.push(`a ${a.href}`);
      if (!(a.getAttribute('href') ?? '').startsWith('#') && (a.target !== '_blank' || a.rel !== 'noopener noreferrer')) problems.push(`a ${a.href} keeps its opener`);
    }
    return problems;
  });

test('hostile notebooks imported through the Library run nothing, load nothing and say what is wrong', async ({ page }, testInfo) => {
  test.setTimeout(600_000);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const pageErrors: string[] = [];
  page.on('pageerror', (e) => pageErrors.push(e.message));
  await page.goto('/?notebook=tiny');
  const origin = new URL(page.url()).origin;
  const foreign: string[] = [];
  page.on('request', (r) => {
    if (new URL(r.url()).origin !== origin) foreign.push(r.url());
  });
  const navigations: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  await page.getByTestId('library-toggle').click();
  await expect(page.getByTestId('library-notebook-list')).toBeVisible();

  for (const [i, c] of hostileCases().entries()) {
    const fileName = `case-${i}.json`;
    const path = testInfo.outputPath(fileName);
    writeFileSync(path, c.text());
    await page.getByTestId('notebook-import').setInputFiles(path);
    if (c.expect === 'opens') {
      await expect(page.getByTestId('library-notice'), c.name).toContainText(`from ${fileName}`);
      await expect(page.getByTestId('notebook-title'), c.name).toBeVisible();
      if (c.markdown !== undefined) await expect(page.locator('.cell-markdown .markdown').first().locator('.md-plain'), c.name).toHaveCount(0);
      expect(await unsafeInNotes(page), c.name).toEqual([]);
    } else {
      const error = page.getByTestId('notebook-import-error');
      await expect(error, c.name).toContainText(`${fileName} is not a notebook this app can open; nothing was stored`);
      expect((await error.innerText()).length, c.name).toBeLessThan(2_000);
    }
    expect(await canary(page), c.name).toBeUndefined();
  }

  // One notebook with hostile title, cell ids and notes runs to its results: still nothing runs.
  const worst = hostileCases().find((c) => c.name === 'names/cell-id-script')!;
  const doc = JSON.parse(worst.text()) as { title: string; cells: { id: string; text?: string }[] };
  doc.title = `<img src=x onerror="window.${CANARY}=1">`;
  doc.cells[0]!.id = `"><svg onload="window.${CANARY}=1">`;
  doc.cells[0]!.text = `<script>window.${CANARY}=1</script> [x](javascript:window.${CANARY}=1)`;
  const worstPath = testInfo.outputPath('worst.json');
  writeFileSync(worstPath, JSON.stringify(doc));
  await page.getByTestId('notebook-import').setInputFiles(worstPath);
  await expect(page.getByTestId('notebook-title')).toHaveText(doc.title);
  await page.getByTestId('run').click();
  await expect(page.getByTestId('metrics-table')).toBeVisible({ timeout: 240_000 });
  await expect(page.getByTestId('folds-table')).toBeVisible();

  expect(await canary(page)).toBeUndefined();
  expect(dialogs).toEqual([]);
  expect(foreign).toEqual([]);
  // The app keeps the open notebook in ?notebook= (history.replaceState): the document itself never changes.
  expect(navigations.filter((url) => new URL(url).origin !== origin || new URL(url).pathname !== '/')).toEqual([]);
  expect(pageErrors).toEqual([]);
});
