/** Flow 16: "Förbered för utlämnande" in Word and Outlook read mode, against the real backend. */

import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launch, mainUrl, openPlayground, pane, screenshot, scriptErrors } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const MASK = '[MASKERAT]';

async function openWordSample(sample: 'social-note' | 'referral', extra = ''): Promise<Page> {
  const page = await openPlayground(browser, mainUrl(), { host: 'word' });
  const url = new URL(page.url());
  url.searchParams.set('doc', sample);
  await page.goto(`${url.toString()}${extra}`);
  await page.getByTestId('pane').waitFor();
  return page;
}

async function review(page: Page, area: string): Promise<Locator> {
  const p = pane(page);
  const toggle = p.getByTestId('release-toggle');
  expect(await toggle.getAttribute('aria-expanded')).toBe('false');
  await toggle.click();
  await p.getByTestId('release-area').selectOption(area);
  await p.getByTestId('release-run').click();
  await expect.poll(() => p.getByTestId('release-body').getAttribute('data-status'), { timeout: 20_000 }).toBe('ready');
  return p;
}

/** Every finding's full text and decision, read by stepping through them as the officer would. */
async function stepThrough(page: Page, p: Locator): Promise<{ id: string; quote: string }[]> {
  const total = await p.getByTestId('release-finding').count();
  const seen: { id: string; quote: string }[] = [];
  await p.getByTestId('release-finding').first().click();
  for (let i = 0; i < total; i++) {
    const current = p.getByTestId('release-current');
    const id = (await current.getAttribute('data-id')) ?? '';
    const quote = (await p.getByTestId('release-quote').textContent()) ?? '';
    seen.push({ id, quote });
    // The document's selection follows the finding (as Word's range.select() does).
    const selected = await page.getByTestId('word-document').evaluate((a) => {
      const area = a as HTMLTextAreaElement;
      return area.value.slice(area.selectionStart, area.selectionEnd);
    });
    expect(selected.replace(/\s+/g, ' ').trim()).toBe(quote.replace(/\s+/g, ' ').trim());
    if (i < total - 1) {
      await p.getByTestId('release-next').click();
      await expect.poll(() => current.getAttribute('data-id')).not.toBe(id);
    }
  }
  return seen;
}

describe('release review', () => {
  it('reviews a social-services note in Word, steps through, decides, and makes copy, record and decision', async () => {
    const page = await openWordSample('social-note');
    const original = await page.getByTestId('word-document').inputValue();
    const p = await review(page, 'social_services');

    expect(await p.getByTestId('release-suggestions-note').textContent()).toContain('förslag, inte beslut');
    const categories = await p.getByTestId('release-group').evaluateAll((els) => els.map((e) => e.getAttribute('data-category')));
    expect(categories).toEqual(expect.arrayContaining(['health', 'social_services', 'personal_data']));
    expect(await p.getByTestId('release-provision').textContent()).toContain('OSL');
    await expect.poll(() => p.getByTestId('release-announcer').textContent()).toMatch(/Granskningen är klar: \d+ förslag/);
    await screenshot(page, '16-release-word-findings', p);
    await expectAccessible(page, 'release card with findings');

    const seen = await stepThrough(page, p);
    expect(seen.length).toBeGreaterThan(5);
    expect(seen.some((f) => f.quote.includes('depression'))).toBe(true);
    expect(seen.some((f) => f.quote === '880412-3386')).toBe(true);
    // The official's name is not suggested.
    expect(seen.some((f) => f.quote.includes('Erik Holm'))).toBe(false);

    // Release the phone number (its own finding and the sentence around it), change one reason, mask the rest.
    const phone = p.locator('[data-testid="release-finding"]', { hasText: '070-312 45 67' });
    expect(await phone.count()).toBeGreaterThan(0);
    for (let i = 0; i < (await phone.count()); i++) {
      await phone.nth(i).click();
      await p.getByTestId('release-reject').click();
      expect(await p.getByTestId('release-reject').getAttribute('aria-pressed')).toBe('true');
      expect(await phone.nth(i).getAttribute('data-decision')).toBe('rejected');
    }
    const first = p.getByTestId('release-finding').first();
    await first.click();
    await p.getByTestId('release-reason').fill('Uppgift om hälsa, rättad av handläggaren');
    await p.getByTestId('release-accept-all').click();
    expect(await p.locator('[data-decision="pending"]').count()).toBe(0);

    // Something the review missed: select it in the document and add it.
    await page.getByTestId('word-document').evaluate((a) => {
      const area = a as HTMLTextAreaElement;
      const start = area.value.indexOf('Theo');
      area.setSelectionRange(start, start + 'Theo'.length);
    });
    await p.getByTestId('release-use-selection').click();
    expect(await p.getByTestId('release-missed-text').inputValue()).toBe('Theo');
    await p.getByTestId('release-missed-category').selectOption('personal_data');
    await p.getByTestId('release-missed-add').click();
    await expect.poll(() => p.getByTestId('release-announcer').textContent()).toMatch(/Lades till på \d+ ställen/);

    // The masked copy opens as a new document; the original is untouched.
    await p.getByTestId('release-create-copy').click();
    await page.getByTestId('new-document').waitFor();
    const copy = await page.getByTestId('new-document-body').inputValue();
    expect(await page.getByTestId('word-document').inputValue()).toBe(original);
    expect(copy).toContain(MASK);
    expect(copy).toContain('070-312 45 67'); // rejected: released
    for (const f of seen) {
      if (f.quote.includes('070-312 45 67')) continue;
      expect(copy.includes(f.quote), `the copy holds "${f.quote}"`).toBe(false);
    }
    expect(copy).not.toMatch(/\bTheo\b/);
    expect(await p.getByTestId('release-output-message').textContent()).toContain('Originalet är inte ändrat');

    // The masking record: places, categories, provisions, never the content.
    await p.getByTestId('release-protocol').click();
    const record = await p.getByTestId('release-output').inputValue();
    expect(record).toContain('MASKERINGSPROTOKOLL');
    expect(record).toContain('26 kap. 1 § OSL');
    expect(record).toContain('Uppgift om hälsa, rättad av handläggaren');
    for (const f of seen) if (f.quote.length > 6 && !f.quote.includes('070-312')) expect(record.includes(f.quote)).toBe(false);

    // The draft decision: provisions used, appeal to the administrative court of appeal within three weeks.
    await p.getByTestId('release-decision').click();
    const decision = await p.getByTestId('release-output').inputValue();
    expect(decision).toContain('26 kap. 1 §');
    expect(decision).toContain('kammarrätten');
    expect(decision).toContain('inom tre veckor');
    await screenshot(page, '16-release-word-decision', p);
    await expectAccessible(page, 'release card with the decision');
    expect(scriptErrors(page)).toEqual([]);
  });

  it('flags a finding whose text changed in the document and masks nothing at the wrong place', async () => {
    const page = await openWordSample('referral');
    const p = await review(page, 'healthcare');
    expect(await p.getByTestId('release-provision').textContent()).toContain('OSL');
    await p.getByTestId('release-accept-all').click();
    // The officer edits the document after the review: the diagnosis is reworded.
    await page.getByTestId('word-document').evaluate((a) => {
      const area = a as HTMLTextAreaElement;
      area.value = area.value.replace('självmordstankar', 'tankar på att dö');
      area.dispatchEvent(new Event('input', { bubbles: true }));
    });
    await p.getByTestId('release-create-copy').click();
    await expect.poll(() => p.getByTestId('release-stale').textContent()).toContain('stämmer inte längre');
    expect(await page.getByTestId('new-document').count()).toBe(0);
    expect(await p.locator('[data-testid="release-finding"][data-stale="true"]').count()).toBeGreaterThan(0);
    // A new review of the changed text works again.
    await p.getByTestId('release-run').click();
    await expect.poll(() => p.getByTestId('release-body').getAttribute('data-status'), { timeout: 20_000 }).toBe('ready');
    await p.getByTestId('release-accept-all').click();
    await p.getByTestId('release-create-copy').click();
    await page.getByTestId('new-document').waitFor();
    const copy = await page.getByTestId('new-document-body').inputValue();
    expect(copy).not.toContain('790623-1153');
    expect(copy).not.toContain('bipolär');
    expect(scriptErrors(page)).toEqual([]);
  });

  it('reviews a 130,000-character document in parts with the offsets right', async () => {
    const page = await openWordSample('social-note', '&wordapi=1.2');
    const note = await page.getByTestId('word-document').inputValue();
    const filler = '\n\nNästa besök bokas till den 25 mars. Förvaltningen har tagit del av handlingarna i ärendet.';
    const long = `${filler.repeat(1_500)}\n\n${note}`;
    expect(long.length).toBeGreaterThan(130_000);
    await page.getByTestId('word-document').evaluate((a, value) => {
      const area = a as HTMLTextAreaElement;
      area.value = value;
      area.dispatchEvent(new Event('input', { bubbles: true }));
    }, long);
    const p = await review(page, 'social_services');
    // The note sits in the second part; its findings point at the right text all the same.
    const pnr = p.locator('[data-category="personal_data"] [data-testid="release-finding"]', { hasText: '880412-3386' });
    await pnr.click();
    const selected = await page.getByTestId('word-document').evaluate((a) => {
      const area = a as HTMLTextAreaElement;
      return { text: area.value.slice(area.selectionStart, area.selectionEnd), start: area.selectionStart };
    });
    expect(selected.text).toBe('880412-3386');
    expect(selected.start).toBeGreaterThan(100_000);
    await p.getByTestId('release-accept-all').click();
    // Without WordApi 1.3 the copy is a text to copy, with a note that says so.
    await p.getByTestId('release-create-copy').click();
    expect(await p.getByTestId('release-output-message').textContent()).toContain('WordApi 1.3');
    const copy = await p.getByTestId('release-output').inputValue();
    expect(copy).not.toContain('880412-3386');
    expect(copy.length).toBeGreaterThan(100_000);
  });

  it('reviews a message in Outlook read mode and gives the masked copy as text, by keyboard', async () => {
    const page = await openPlayground(browser, mainUrl(), { host: 'outlook-read' });
    const p = pane(page);
    const toggle = p.getByTestId('release-toggle');
    await toggle.focus();
    await page.keyboard.press('Enter');
    expect(await toggle.getAttribute('aria-expanded')).toBe('true');
    await p.getByTestId('release-run').focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => p.getByTestId('release-body').getAttribute('data-status'), { timeout: 20_000 }).toBe('ready');
    expect(await p.getByTestId('release-run').textContent()).toBe('Granska meddelandet');
    await p.getByTestId('release-accept-all').focus();
    await page.keyboard.press('Enter');
    await p.getByTestId('release-create-copy').focus();
    await page.keyboard.press('Enter');
    const copy = await p.getByTestId('release-output').inputValue();
    for (const value of ['470812-9038', 'Storgatan 14 B', '070-123 45 67', 'SE45 5000 0000 0583 9825 7466']) {
      expect(copy).not.toContain(value);
    }
    expect(copy).toContain(MASK);
    await p.getByTestId('release-copy-text').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(copy);
    await screenshot(page, '16-release-outlook', p);
    await expectAccessible(page, 'release card in Outlook');
    expect(scriptErrors(page)).toEqual([]);
  });
});
