/** Flow 3: rewrite a Word selection and replace it, as a tracked change. */

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORD_SELECTED_PARAGRAPH } from '../../src/playground/samples';
import { expectAccessible, launch, mainUrl, openPlayground, pane, screenshot, scriptErrors, waitForAnswer } from './harness';

const PARAGRAPH =
  'Sökandens dotter, Amira Hassan (031119-4476), bor i hushållet och studerar på gymnasiet. Hennes studiebidrag räknas inte som inkomst för hushållet.';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('Word', () => {
  it('rewrites the selection in plain Swedish and replaces it with track changes', async () => {
    const page = await openPlayground(browser, mainUrl(), { host: 'word' });
    const p = pane(page);
    await expect.poll(() => p.getByRole('tab').allInnerTexts()).toEqual(['Sammanfatta', 'Fråga', 'Skriv utkast', 'Skriv om']);
    // The tiny test model holds 1,024 tokens: a paragraph of two sentences fits a plain-language rewrite.
    await page.getByTestId('word-document').evaluate((area: HTMLTextAreaElement, paragraph: string) => {
      const start = area.value.indexOf(paragraph);
      area.setSelectionRange(start, start + paragraph.length);
      area.dispatchEvent(new Event('select'));
    }, PARAGRAPH);
    await p.getByRole('tab', { name: 'Skriv om' }).click();
    await p.getByRole('radio', { name: /^Klarspråk/ }).check();
    await expect.poll(() => p.getByTestId('source-line').textContent()).toContain('Markerad text · 20 ord');
    await expect.poll(() => p.getByTestId('redaction-summary').textContent()).toContain('maskeras');
    await screenshot(page, '3-word-rewrite-before');
    await expectAccessible(page, 'word before');

    await p.getByTestId('submit').click();
    const answer = await waitForAnswer(page);
    expect(answer.trim()).not.toBe('');
    await p.getByRole('button', { name: 'Ersätt texten med svaret' }).click();
    await expect.poll(() => p.getByTestId('insert-feedback').textContent()).toContain('spårad ändring');

    const document = await page.getByTestId('word-document').inputValue();
    expect(document).toContain(answer);
    expect(document).not.toContain(PARAGRAPH);
    expect(document).toContain(WORD_SELECTED_PARAGRAPH);
    expect(document).toContain('Tjänsteskrivelse');
    await expect.poll(() => page.getByTestId('word-changes').locator('li').count()).toBe(1);
    await screenshot(page, '3-word-rewrite-replaced');
    await expectAccessible(page, 'word after');
    expect(scriptErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('follows the selection, and will not replace text that is no longer selected', async () => {
    const page = await openPlayground(browser, mainUrl(), { host: 'word' });
    const p = pane(page);
    await p.getByRole('tab', { name: 'Skriv om' }).click();
    const words = (): Promise<string | null> => p.getByTestId('source-line').textContent();
    await expect.poll(words).toContain('Markerad text');
    const first = await words();

    // Select the heading instead: Word fires a selection event and the pane reads the new text.
    const selectHeading = (): Promise<void> =>
      page.getByTestId('word-document').evaluate((area: HTMLTextAreaElement) => {
        area.setSelectionRange(0, 'Tjänsteskrivelse'.length);
        area.dispatchEvent(new Event('select'));
      });
    await page.getByTestId('word-document').evaluate((area: HTMLTextAreaElement) => {
      const start = area.value.indexOf('Handläggaren Maria Lund');
      area.setSelectionRange(start, area.value.indexOf('\n', start));
      area.dispatchEvent(new Event('select'));
    });
    await expect.poll(words).not.toBe(first);

    await p.getByTestId('submit').click();
    await waitForAnswer(page);
    await selectHeading();
    await p.getByRole('button', { name: 'Ersätt texten med svaret' }).click();
    await expect.poll(() => p.getByTestId('error-bar').getAttribute('data-code')).toBe('selection_changed');
    await expect.poll(() => page.getByTestId('word-document').inputValue()).toContain('Handläggaren Maria Lund');
    await screenshot(page, '3b-word-selection-changed');
    await page.context().close();
  });

  it('summarises the document and inserts the summary at the cursor', async () => {
    const page = await openPlayground(browser, mainUrl(), { host: 'word' });
    const p = pane(page);
    await page.getByTestId('word-document').evaluate((area: HTMLTextAreaElement) => {
      area.setSelectionRange(area.value.length, area.value.length);
      area.dispatchEvent(new Event('select'));
    });
    await p.getByRole('tab', { name: 'Sammanfatta' }).click();
    await expect.poll(() => p.getByTestId('source-line').textContent()).toContain('Hela dokumentet');
    await p.getByTestId('submit').click();
    const answer = await waitForAnswer(page);
    await p.getByRole('button', { name: 'Infoga vid markören' }).click();
    // The playground's document is a textarea, whose value turns every \r (a random model may write one) into \n.
    const inserted = answer.replace(/\r\n?/g, '\n');
    await expect.poll(() => page.getByTestId('word-document').inputValue()).toMatch(new RegExp(`${escape(inserted)}$`));
    await page.context().close();
  });
});

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
