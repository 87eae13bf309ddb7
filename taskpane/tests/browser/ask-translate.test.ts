/**
 * Fråga (ask) with citation links, Översätt and Lättläst, through the playground against real servers.
 * The "scripted" server's engine is scripted-engine.ts (a random model writes no citations and no
 * draft for a revise round to fix); one test runs Fråga on the bundled model as well.
 */

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DECISION_LETTER } from '../../src/playground/ask-samples';
import {
  expectAccessible,
  launch,
  mainUrl,
  openPlayground,
  pane,
  screenshot,
  scriptedUrl,
  scriptErrors,
  waitForAnswer,
} from './harness';
import { EASY_DRAFT, EASY_REVISED, INVENTED, QUOTES, TRANSLATION } from './scripted-engine';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** What the simulated Word document has selected now. */
function wordSelection(page: Page): Promise<string> {
  return page.getByTestId('word-document').evaluate((area: HTMLTextAreaElement) => area.value.slice(area.selectionStart, area.selectionEnd));
}

async function selectInWord(page: Page, text: string): Promise<void> {
  await page.getByTestId('word-document').evaluate((area: HTMLTextAreaElement, wanted: string) => {
    const start = area.value.indexOf(wanted);
    area.setSelectionRange(start, start + wanted.length);
    area.dispatchEvent(new Event('select'));
  }, text);
}

describe('Fråga', () => {
  it('answers a question about the Word document, and a citation selects its passage', async () => {
    const page = await openPlayground(browser, scriptedUrl(), { host: 'word', doc: 'guidelines' });
    const p = pane(page);
    await expect.poll(() => p.getByRole('tab').allInnerTexts()).toEqual(['Sammanfatta', 'Fråga', 'Skriv utkast', 'Skriv om']);
    await expect.poll(() => page.getByTestId('ask-hint').textContent()).toContain('Prova Fråga');
    await p.getByRole('tab', { name: 'Fråga' }).click();
    await expect.poll(() => p.getByTestId('source-line').textContent()).toContain('Hela dokumentet');

    // No question: the field says so and keeps the focus.
    await p.getByTestId('submit').click();
    await expect.poll(() => p.getByText('Skriv din fråga.').count()).toBe(1);
    await p.getByRole('textbox', { name: 'Vad vill du veta?' }).fill('Hur lång tid tar det att få beslut om färdtjänst?');
    await expectAccessible(page, 'ask in Word, before');

    await p.getByTestId('submit').click();
    const answer = await waitForAnswer(page);
    expect(answer).toContain('[1]');
    // The model's [2] quoted words the document does not hold: the server dropped it, so it is no link.
    expect(answer).toContain('[2]');
    await expect.poll(() => p.getByTestId('citation-link').count()).toBe(1);
    await expect.poll(() => p.getByTestId('source').count()).toBe(1);
    expect(await p.getByTestId('sources').textContent()).not.toContain(INVENTED);

    await p.getByTestId('citation-link').click();
    await expect.poll(() => wordSelection(page)).toBe(QUOTES[0]);
    // The document shows the selection while the pane keeps the focus, as Word does.
    await expect.poll(() => page.getByTestId('word-selection').allTextContents()).toEqual([QUOTES[0]]);
    await expect.poll(() => p.getByTestId('source-quote').textContent()).toBe(QUOTES[0]);
    await expect.poll(() => p.getByTestId('source-status').textContent()).toBe('Källa 1 är markerad i dokumentet.');
    // Word keeps the focus in the pane when it selects: so does the playground.
    expect(await page.evaluate(() => document.activeElement?.closest('[data-testid="pane"]') !== null)).toBe(true);
    await screenshot(page, 'ask-word-citation-selected');
    await expectAccessible(page, 'ask in Word, after');

    // The source list does the same, by keyboard.
    await selectInWord(page, 'Avgifter');
    await p.getByRole('button', { name: 'Källa 1: markera stället i dokumentet' }).focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => wordSelection(page)).toBe(QUOTES[0]);
    expect(scriptErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('answers about a message in Outlook read mode, where a citation shows its quote', async () => {
    const page = await openPlayground(browser, scriptedUrl(), { host: 'outlook-read' });
    const p = pane(page);
    await expect.poll(() => p.getByRole('tab').allInnerTexts()).toEqual(['Sammanfatta', 'Fråga', 'Skriv utkast']);
    await p.getByRole('tab', { name: 'Fråga' }).click();
    await expect.poll(() => p.getByRole('radio', { name: 'Det här meddelandet' }).isChecked()).toBe(true);
    await p.getByRole('textbox', { name: 'Vad vill du veta?' }).fill('När har pappan nästa tid för dialys?');
    await expect.poll(() => p.getByTestId('redaction-summary').textContent()).toContain('maskeras');
    await p.getByTestId('submit').click();
    await waitForAnswer(page);
    await p.getByRole('button', { name: 'Källa 1', exact: true }).click();
    await expect.poll(() => p.getByTestId('source-quote').textContent()).toBe(QUOTES[1]);
    await expect.poll(() => p.getByTestId('source-status').textContent()).toBe(`Källa 1: ${QUOTES[1]}`);
    await expect.poll(() => p.getByRole('button', { name: 'Källa 1: visa citatet' }).count()).toBe(1);
    await screenshot(page, 'ask-outlook-quote-shown');
    await expectAccessible(page, 'ask in Outlook read mode');

    // The whole conversation: the dev server has no Graph, so the message is used, and the user told.
    await p.getByRole('radio', { name: 'Hela konversationen' }).check();
    await p.getByTestId('submit').click();
    await waitForAnswer(page);
    await expect.poll(() => p.getByText('Konversationen kunde inte hämtas. Svaret gäller bara det här meddelandet.').count()).toBe(1);
    await expect.poll(() => p.getByTestId('citation-link').count()).toBe(1);
    expect(scriptErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('speaks English when Office runs in English', async () => {
    const page = await openPlayground(browser, scriptedUrl(), { host: 'outlook-read', lang: 'en', theme: 'dark' });
    const p = pane(page);
    await p.getByRole('tab', { name: 'Ask' }).click();
    await p.getByRole('textbox', { name: 'What do you want to know?' }).fill('When is the next dialysis? Han har tid för dialys igen');
    await p.getByTestId('submit').click();
    await waitForAnswer(page);
    await expect.poll(() => p.getByRole('heading', { name: 'Sources' }).count()).toBe(1);
    await p.getByRole('button', { name: 'Source 1', exact: true }).click();
    await expect.poll(() => p.getByTestId('source-quote').textContent()).toBe(QUOTES[1]);
    await screenshot(page, 'ask-outlook-english-dark');
    await expectAccessible(page, 'ask in English, dark');
    await page.context().close();
  });

  it('runs on the bundled model too: an answer, and no link where it cited nothing', async () => {
    const page = await openPlayground(browser, mainUrl(), { host: 'word' });
    const p = pane(page);
    await p.getByRole('tab', { name: 'Fråga' }).click();
    await p.getByRole('textbox', { name: 'Vad vill du veta?' }).fill('Vad föreslår förvaltningen om ekonomiskt bistånd till hyra?');
    await p.getByTestId('submit').click();
    const answer = await waitForAnswer(page);
    expect(answer.trim()).not.toBe('');
    // Whatever a random model wrote, a link is shown only for a source the list holds (a checked quote).
    const linked = await p.getByTestId('citation-link').evaluateAll((links) => links.map((l) => l.getAttribute('data-citation')));
    const listed = await p.getByTestId('source').evaluateAll((items) => items.map((i) => i.getAttribute('data-citation')));
    expect(linked.every((id) => listed.includes(id))).toBe(true);
    expect(scriptErrors(page)).toEqual([]);
    await page.context().close();
  });
});

describe('Översätt and Lättläst', () => {
  const PARAGRAPH = DECISION_LETTER.split('\n\n')[1]!;

  it('translates the Word selection into the chosen language and replaces it with track changes', async () => {
    const page = await openPlayground(browser, scriptedUrl(), { host: 'word', doc: 'letter' });
    const p = pane(page);
    await selectInWord(page, PARAGRAPH);
    await p.getByRole('tab', { name: 'Skriv om' }).click();
    await p.getByRole('radio', { name: /^Översätt/ }).check();
    const target = p.getByRole('combobox', { name: 'Till språk' });
    await expect.poll(() => target.locator('option').allInnerTexts()).toEqual(expect.arrayContaining(['Engelska', 'Arabiska', 'Somaliska', 'Tigrinja', 'Ukrainska']));
    await target.selectOption('ar');
    await target.selectOption('en');
    await expect.poll(() => p.getByTestId('source-line').textContent()).toContain('Markerad text');
    await expectAccessible(page, 'translate before');

    await p.getByTestId('submit').click();
    const answer = await waitForAnswer(page);
    expect(answer).toContain(TRANSLATION);
    // The address in the paragraph was masked for the model and is back in the answer.
    expect(answer).toContain('Ekvägen 4');
    await p.getByRole('button', { name: 'Ersätt texten med svaret' }).click();
    await expect.poll(() => p.getByTestId('insert-feedback').textContent()).toContain('spårad ändring');
    await expect.poll(() => page.getByTestId('word-changes').locator('li').count()).toBe(1);
    const document = await page.getByTestId('word-document').inputValue();
    expect(document).toContain(answer);
    expect(document).not.toContain(PARAGRAPH);
    await screenshot(page, 'translate-word-replaced');
    await expectAccessible(page, 'translate after');
    // The choice is remembered with the other options: a new pane starts on it.
    await page.reload();
    await pane(page).getByRole('tab', { name: 'Skriv om' }).click();
    await expect.poll(() => pane(page).getByRole('combobox', { name: 'Till språk' }).inputValue()).toBe('en');
    expect(scriptErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('translates a message being written in Outlook, and inserts the translation at the cursor', async () => {
    const page = await openPlayground(browser, scriptedUrl(), { host: 'outlook-compose', lang: 'en' });
    const p = pane(page);
    await expect.poll(() => p.getByRole('tab').allInnerTexts()).toEqual(['Draft', 'Rewrite']);
    await p.getByRole('tab', { name: 'Rewrite' }).click();
    await p.getByRole('radio', { name: /^Translate/ }).check();
    const target = p.getByRole('combobox', { name: 'Into' });
    await expect.poll(() => target.locator('option').allInnerTexts()).toEqual(expect.arrayContaining(['Somali', 'Tigrinya', 'Persian']));
    await target.selectOption('so');
    await p.getByTestId('submit').click();
    const answer = await waitForAnswer(page);
    expect(answer).toContain(TRANSLATION);
    await p.getByRole('button', { name: /Insert at the cursor/ }).click();
    await expect.poll(() => page.getByTestId('compose-body').inputValue()).toContain(answer);
    await expectAccessible(page, 'translate in Outlook compose');
    expect(scriptErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('writes easy Swedish, shows the revise round and the figures before and after, and replaces', async () => {
    const page = await openPlayground(browser, scriptedUrl(), { host: 'word', doc: 'letter' });
    const p = pane(page);
    await selectInWord(page, PARAGRAPH);
    await p.getByRole('tab', { name: 'Skriv om' }).click();
    await p.getByRole('radio', { name: /^Lättläst/ }).check();
    await page.evaluate(() => {
      const seen: string[] = [];
      (window as unknown as { seen: string[] }).seen = seen;
      new MutationObserver(() => {
        const note = document.querySelector('[data-testid="easy-revising"]');
        if (note?.textContent) seen.push(note.textContent);
      }).observe(document.body, { subtree: true, childList: true, characterData: true });
    });
    await p.getByTestId('submit').click();
    const answer = await waitForAnswer(page);
    expect(answer.startsWith(EASY_REVISED)).toBe(true);
    expect(answer).not.toContain(EASY_DRAFT);
    const seen = await page.evaluate(() => (window as unknown as { seen: string[] }).seen);
    expect(seen.some((s) => /Första utkastet hade \d+ saker? att rätta/.test(s)), 'the revise round was announced').toBe(true);

    // The draft stays to be seen; the figures: the user's text, the draft, the result.
    await expect.poll(() => p.getByTestId('easy-draft').textContent()).toContain(EASY_DRAFT.slice(0, 40));
    const report = p.getByTestId('easy-read');
    await expect.poll(() => report.getAttribute('data-revised')).toBe('true');
    expect(await report.getByRole('columnheader').allInnerTexts()).toEqual(['Mått', 'Din text', 'Första utkastet', 'Resultat']);
    const lixRow = await report.getByRole('row', { name: /LIX/ }).getByRole('cell').allInnerTexts();
    expect(lixRow).toHaveLength(3);
    expect(lixRow.every((v) => /^\d+,\d$/.test(v))).toBe(true);
    const [, draftFindings, resultFindings] = (await report.getByRole('row', { name: /Saker att rätta/ }).getByRole('cell').allInnerTexts()).map(Number);
    expect(draftFindings).toBeGreaterThan(0);
    expect(resultFindings).toBeLessThan(draftFindings!);
    await screenshot(page, 'lattlast-word-figures', p.getByTestId('output-card'));
    await expectAccessible(page, 'lättläst after');

    await p.getByRole('button', { name: 'Ersätt texten med svaret' }).click();
    await expect.poll(() => p.getByTestId('insert-feedback').textContent()).toContain('spårad ändring');
    await expect.poll(() => page.getByTestId('word-document').inputValue()).toContain(EASY_REVISED);
    expect(scriptErrors(page)).toEqual([]);
    await page.context().close();
  });
});
