/** Flow 10: the readability card (LIX and klarspråk findings), comments in Word, and the plain rewrite's LIX. */

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launch, mainUrl, openPlayground, pane, screenshot, scriptErrors, waitForAnswer } from './harness';

/** Short enough for the tiny model's 1,024 tokens, dense enough to have findings of three kinds. */
const DRAFT =
  'Med anledning av att ni har inkommit med en ansökan avseende färdtjänst meddelas att beslut kommer att fattas inom två veckor. Eventuella frågor besvaras av handläggaren.';

/** A decision against its reader, lacking reasons and appeal information, with a hard sentence. */
const DECISION =
  'Beslut 2025-03-14\n\nSökanden ansökte om bidrag. Ansökan avslås. Vi vet att den som söker stöd när det behövs kan få hjälp.';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function openCard(page: Page, name = 'Kontrollera läsbarheten'): Promise<void> {
  const p = pane(page);
  const toggle = p.getByRole('button', { name });
  await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
  // A click that lands while the pane is still starting up (seen on a loaded machine) is lost: click again
  // until the card's body is there. count() never waits, and an open toggle may carry another name.
  const body = p.getByTestId('readability-body');
  await expect.poll(async () => {
    if ((await body.count()) === 0 && (await toggle.count()) > 0) await toggle.click({ timeout: 5_000 });
    return body.count();
  }, { timeout: 30_000, interval: 500 }).toBeGreaterThan(0);
  await expect.poll(() => p.getByTestId('readability-body').getAttribute('data-status'), { timeout: 15_000 }).toBe('ready');
}

describe('readability', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`checks the Word selection and marks the findings as comments in the document (${theme})`, async () => {
      const page = await openPlayground(browser, mainUrl(), { host: 'word', theme });
      const p = pane(page);
      await p.getByTestId('source-line').waitFor();
      await openCard(page);

      // The sample's selected paragraph: one 70-word sentence of officialese.
      await expect.poll(() => p.getByTestId('lix-value').textContent()).toBe('LIX 111,4');
      expect(await p.getByTestId('lix-band').textContent()).toBe('Mycket svår');
      const meter = p.getByRole('meter', { name: 'Läsbarhetsindex, LIX' });
      expect(await meter.getAttribute('aria-valuetext')).toBe('111,4, Mycket svår');
      await expect.poll(() => p.getByTestId('readability-announcer').textContent()).toContain('LIX 111,4, mycket svår');

      // Grouped by kind with counts; each finding has its message, officialese its better word.
      const groups = p.getByTestId('finding-group');
      expect(await groups.locator('h4').allTextContents()).toEqual([
        'Mycket svåra meningar (1)',
        'Myndighetsspråk (10)',
        'Juridiska termer (1)',
        'Passiv form (1)',
      ]);
      // OVIX needs 100 words; the nominal ratio is measured and banded.
      expect(await p.getByTestId('ovix').textContent()).toBe('För kort text för att mäta');
      expect(await p.getByTestId('nominal-ratio').getAttribute('data-band')).toMatch(/^(high|very_high)$/);
      const officialese = p.locator('[data-testid="finding"][data-kind="officialese"]');
      expect(await officialese.first().textContent()).toContain('”Med anledning av att” → Eftersom');
      const erhalla = officialese.filter({ hasText: '”erhålla” → få' });
      expect(await erhalla.textContent()).toContain('Myndighetsspråk: ”erhålla”. Skriv hellre ”få”.');
      expect(await p.getByTestId('finding-note').textContent()).toContain('Texten tilltalar inte läsaren');

      // One tab stop for the list, arrows within it.
      await p.locator('[data-testid="finding"]').first().focus();
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
      expect(await officialese.first().getAttribute('aria-pressed')).toBe('true');

      // Choosing a finding highlights it in the text.
      await erhalla.click();
      expect(await erhalla.getAttribute('aria-pressed')).toBe('true');
      const text = p.getByRole('region', { name: 'Texten med fynden markerade' });
      await expect.poll(() => text.locator('[data-selected-start]').textContent()).toBe('erhålla');
      await expect.poll(() => p.getByTestId('readability-announcer').textContent()).toBe('Markerat i texten: erhålla');
      // The very hard sentence: the whole sentence, from its first word.
      await p.locator('[data-testid="finding"][data-kind="very_hard_sentence"]').click();
      await expect.poll(() => text.locator('[data-selected-start]').textContent()).toBe('Med anledning av att');
      await screenshot(page, `10-readability-word-${theme}`, p);
      await expectAccessible(page, `readability card (${theme})`);

      // Into the document as comments: one per finding with a span, on the right text.
      await p.getByRole('button', { name: 'Markera i dokumentet' }).click();
      await expect.poll(() => p.getByTestId('readability-marked').textContent()).toBe('13 kommentarer har lagts till i dokumentet.');
      const comments = page.getByTestId('word-comment');
      await expect.poll(() => comments.count()).toBe(13);
      const inkommen = comments.filter({ hasText: 'Myndighetsspråk: ”inkommen”' });
      expect(await inkommen.textContent()).toContain('Kollega, klarspråk: Myndighetsspråk: ”inkommen”. Skriv hellre ”som har kommit in”.');
      expect(await inkommen.locator('span').first().textContent()).toBe('”inkommen”');
      expect(await page.getByTestId('word-highlights').locator('mark').count()).toBeGreaterThan(10);
      // Marking twice would put every comment in twice.
      expect(await p.getByRole('button', { name: 'Markera i dokumentet' }).getAttribute('aria-disabled')).toBe('true');
      await screenshot(page, `10-readability-word-comments-${theme}`);
      await expectAccessible(page, `word comments (${theme})`);
      expect(scriptErrors(page)).toEqual([]);
      await page.context().close();
    });
  }

  it('marks the findings against the Outlook draft, and rewrites it in plain Swedish with LIX before and after', async () => {
    const page = await openPlayground(browser, mainUrl(), { host: 'outlook-compose' });
    const p = pane(page);
    await page.getByTestId('compose-body').fill(DRAFT);
    await openCard(page);
    const lix = (await p.getByTestId('lix-value').textContent())?.replace('LIX ', '') ?? '';
    expect(lix).toMatch(/^\d+,\d$/);
    await expect.poll(() => p.getByText('Outlook har inga kommentarer i meddelanden.', { exact: false }).count()).toBe(1);
    expect(await p.getByRole('button', { name: 'Markera i dokumentet' }).count()).toBe(0);

    // The draft's findings, marked in the pane's copy of the text.
    const finding = p.locator('[data-testid="finding"][data-kind="officialese"]').filter({ hasText: 'avseende' });
    await finding.click();
    const text = p.getByRole('region', { name: 'Texten med fynden markerade' });
    await expect.poll(() => text.locator('[data-selected-start]').textContent()).toBe('avseende');
    expect(await text.locator('mark').count()).toBeGreaterThanOrEqual(3);
    await screenshot(page, '10b-readability-compose', p);
    await expectAccessible(page, 'readability compose');

    await p.getByRole('button', { name: 'Skriv om till klarspråk' }).click();
    await waitForAnswer(page);
    // The rewrite tab, with the plain goal, shows what ran.
    expect(await p.getByRole('tab', { name: 'Skriv om' }).getAttribute('aria-selected')).toBe('true');
    expect(await p.getByRole('radio', { name: /^Klarspråk/ }).isChecked()).toBe(true);
    const change = (await p.getByTestId('lix-change').textContent()) ?? '';
    expect(change).toMatch(new RegExp(`^Läsbarhet: (LIX ${lix} \\(.+\\) → \\d+,\\d \\(.+\\)|LIX före: ${lix} .+)$`));
    await screenshot(page, '10b-readability-compose-rewritten', p);
    await expectAccessible(page, 'plain rewrite');
    expect(scriptErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('checks a decision letter, colours hard sentences, and keeps the klarspråk checklist', async () => {
    const page = await openPlayground(browser, mainUrl(), { host: 'outlook-compose' });
    const p = pane(page);
    await page.getByTestId('compose-body').fill(DECISION);
    await openCard(page);

    // A decision that goes against its reader, without appeal information or reasons.
    const check = p.getByTestId('decision-check');
    await expect.poll(() => check.count()).toBe(1);
    const kinds = await check.getByTestId('decision-finding').evaluateAll((items) => items.map((i) => i.getAttribute('data-kind')));
    expect(kinds).toContain('decision_no_appeal_information');
    expect(kinds).toContain('decision_no_reasons');
    expect(await check.textContent()).toContain('Förslag: Om du inte är nöjd med beslutet kan du överklaga det.');
    // "Sökanden" instead of "du": a finding with its place in the text.
    expect(await p.locator('[data-testid="finding"][data-kind="decision_third_person"]').count()).toBe(1);

    // The hard sentence is coloured in the text.
    await p.getByRole('button', { name: 'Visa texten med fynden markerade' }).click();
    const level = p.getByTestId('sentence-level').first();
    await expect.poll(() => level.getAttribute('data-level')).toBe('hard_sentence');

    // The checklist, by keyboard; it is remembered when the pane opens again.
    const first = p.getByRole('checkbox', { name: 'Vet jag vem som ska läsa texten och vad läsaren redan vet?' });
    await first.focus();
    await page.keyboard.press('Space');
    await expect.poll(() => first.isChecked()).toBe(true);
    await expect.poll(() => p.getByTestId('checklist-progress').textContent()).toBe('1 av 6 klara');
    await screenshot(page, '10e-readability-decision', p);
    await expectAccessible(page, 'decision check and checklist');
    await page.reload();
    await page.getByTestId('compose-body').fill(DECISION);
    await openCard(page);
    await expect.poll(() => pane(page).getByTestId('checklist-progress').textContent()).toBe('1 av 6 klara');
    // Only which boxes are ticked is stored, never the text.
    const stored = await page.evaluate(() => JSON.stringify({ ...localStorage }));
    const preferences = JSON.parse(JSON.parse(stored)['kollega.preferences.v1'] as string) as { checklist: unknown };
    expect(preferences.checklist).toEqual({ reader: true });
    expect(stored).not.toContain('Sökanden');
    expect(scriptErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('shows the LIX of a message being read, in English, and explains when Word cannot take comments', async () => {
    const page = await openPlayground(browser, mainUrl(), { host: 'outlook-read', lang: 'en' });
    const p = pane(page);
    await openCard(page, 'Check the readability');
    await expect.poll(() => p.getByTestId('lix-value').textContent()).toMatch(/^LIX \d+\.\d$/);
    expect(['Very easy', 'Easy', 'Medium', 'Difficult', 'Very difficult']).toContain(await p.getByTestId('lix-band').textContent());
    // A message being read cannot be changed: the figures, without findings or actions.
    expect(await p.getByTestId('finding').count()).toBe(0);
    expect(await p.getByRole('button', { name: 'Rewrite in plain Swedish' }).count()).toBe(0);
    await screenshot(page, '10c-readability-read-en', p);
    await expectAccessible(page, 'readability read mode');
    await page.context().close();

    const older = await browser.newPage();
    await older.goto(`${mainUrl()}/taskpane/playground.html?host=word&lang=sv&theme=light&wordapi=1.3`);
    await openCard(older);
    const explanation = pane(older).getByText('WordApi 1.4 saknas', { exact: false });
    await expect.poll(() => explanation.count()).toBe(1);
    await explanation.scrollIntoViewIfNeeded();
    expect(await pane(older).getByRole('button', { name: 'Markera i dokumentet' }).count()).toBe(0);
    await screenshot(older, '10d-readability-word-without-comments', pane(older));
    await older.context().close();
  });
});
