/**
 * Correcting the masking in the preview: mark a missed word as personal data, unmark a detected one,
 * by keyboard alone and by selecting with the mouse; the corrections go with the request. The "slow"
 * server runs with KOLLEGA_REDACTION_ALLOW_UNMASK=false: there the pane offers no unmark control.
 */

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launch, mainUrl, openPlayground, pane, screenshot, slowUrl, waitForAnswer } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The focused element's name (aria-label, its label, or its text). */
function focusedName(page: Page): Promise<string> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return '';
    const label = (el as HTMLInputElement).labels?.[0]?.innerText;
    return (el.getAttribute('aria-label') ?? label ?? el.innerText ?? '').trim();
  });
}

async function tabTo(page: Page, name: RegExp, max = 40): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    if (name.test(await focusedName(page))) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

async function masked(page: Page): Promise<number> {
  const text = (await pane(page).getByTestId('redaction-summary').textContent()) ?? '';
  return Number(/(\d+) personuppgift/.exec(text)?.[1] ?? 0);
}

describe('correcting the masking', () => {
  it('masks a missed word and unmasks a detected one by keyboard, and sends both with the summary', async () => {
    const page = await openPlayground(browser, mainUrl(), { host: 'outlook-read' });
    const p = pane(page);
    await expect.poll(() => masked(page)).toBeGreaterThan(0);
    const before = await masked(page);

    await p.getByRole('tab').first().focus();
    await tabTo(page, /^Visa vilka personuppgifter som maskeras$/);
    await page.keyboard.press('Enter');
    const region = p.getByRole('region', { name: 'Texten med personuppgifterna markerade' });
    await region.waitFor();
    // The word the detector misses: health information in the message.
    await expect.poll(() => region.locator('mark').allTextContents()).not.toContain('dialysen');

    await tabTo(page, /^Ord eller fras att maskera$/);
    await page.keyboard.type('dialysen');
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Typ av uppgift');
    await page.keyboard.type('Annan');
    await expect.poll(() => p.getByRole('combobox', { name: 'Typ av uppgift' }).inputValue()).toBe('OTHER');
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Maskera');
    await page.keyboard.press('Enter');

    const mine = region.locator('mark[data-by-user="true"]');
    await expect.poll(() => mine.allTextContents()).toEqual(['dialysen']);
    expect(await mine.first().getAttribute('data-type')).toBe('OTHER');
    await expect.poll(() => page.getByTestId('announcer').textContent()).toContain('dialysen maskeras nu');
    await expect.poll(() => masked(page)).toBe(before + 1);
    // The field is empty again and has the focus, for the next word.
    expect(await p.getByRole('textbox', { name: 'Ord eller fras att maskera' }).inputValue()).toBe('');
    expect(await focusedName(page)).toBe('Ord eller fras att maskera');

    await tabTo(page, /^Maskera inte 070-123 45 67/);
    await page.keyboard.press('Enter');
    await expect.poll(() => region.locator('[data-unmasked]').allTextContents()).toEqual(['070-123 45 67']);
    await expect.poll(() => region.locator('mark').allTextContents()).not.toContain('070-123 45 67');
    await expect.poll(() => page.getByTestId('announcer').textContent()).toContain('070-123 45 67 skickas nu omaskerad');
    // Focus stays on the row's button, which now masks the number again.
    await expect.poll(() => focusedName(page)).toBe('Maskera igen: 070-123 45 67');
    await expect.poll(() => masked(page)).toBe(before);
    await screenshot(page, '4c-redaction-corrected', p);
    await expectAccessible(page, 'corrected redaction preview');

    const request = page.waitForRequest((r) => r.url().endsWith('/api/v1/summarize'));
    await p.getByTestId('submit').click();
    const body = JSON.parse((await request).postData() ?? '{}') as {
      text: string;
      mask?: { start: number; end: number; type: string }[];
      unmask?: { start: number; end: number }[];
    };
    const points = [...body.text];
    const slice = (s: { start: number; end: number }): string => points.slice(s.start, s.end).join('');
    expect(body.mask?.map((m) => [slice(m), m.type])).toEqual([['dialysen', 'OTHER']]);
    expect(body.unmask?.map(slice)).toEqual(['070-123 45 67']);
    await waitForAnswer(page);
    await page.context().close();
  });

  it('fills the form from words selected in the text with the mouse, and undoes a mask', async () => {
    const page = await openPlayground(browser, mainUrl(), { host: 'word' });
    const p = pane(page);
    await expect.poll(() => p.getByTestId('redaction-summary').textContent()).toMatch(/maskeras|Inga/);
    await p.getByRole('button', { name: 'Visa vilka personuppgifter som maskeras' }).click();
    const region = p.getByRole('region', { name: 'Texten med personuppgifterna markerade' });
    await region.waitFor();
    const word = await region.evaluate((el) => {
      // Part of a plain word: the pane widens it to the whole word.
      const node = [...el.querySelectorAll('[data-start]:not(mark)')]
        .map((s) => s.firstChild)
        .find((n): n is Text => n instanceof Text && /\p{L}{6,}/u.test(n.data));
      if (!node) return '';
      const match = /\p{L}{6,}/u.exec(node.data) as RegExpExecArray;
      const range = document.createRange();
      range.setStart(node, match.index + 1);
      range.setEnd(node, match.index + 3);
      const selection = window.getSelection() as Selection;
      selection.removeAllRanges();
      selection.addRange(range);
      el.dispatchEvent(new MouseEvent('mouseup', { bubbles: true }));
      return match[0];
    });
    expect(word).not.toBe('');
    const field = p.getByRole('textbox', { name: 'Ord eller fras att maskera' });
    await expect.poll(() => field.inputValue()).toBe(word);
    await p.getByRole('combobox', { name: 'Typ av uppgift' }).selectOption('PERSON');
    await p.getByRole('button', { name: 'Maskera', exact: true }).click();
    await expect.poll(() => region.locator('mark[data-by-user="true"]').first().textContent()).toBe(word);
    await p.getByRole('button', { name: `Ångra maskeringen av ${word}` }).click();
    await expect.poll(() => region.locator('mark[data-by-user="true"]').count()).toBe(0);
    // Words that are not in the text are refused where the user typed them.
    await field.fill('Zzyzxqv');
    await p.getByRole('button', { name: 'Maskera', exact: true }).click();
    await expect.poll(() => p.getByText('Det finns inte i texten.').count()).toBe(1);
    await page.context().close();
  });

  it('masks a word in both texts of a draft, and names the text each correction indexes', async () => {
    const page = await openPlayground(browser, mainUrl(), { host: 'outlook-compose' });
    const p = pane(page);
    await p.getByRole('tab', { name: 'Skriv utkast' }).click();
    // The thread (the draft's context) speaks of dialys; so does the instruction.
    await p.getByRole('textbox', { name: 'Vad ska texten säga?' }).fill('Svara att dialys går bra.');
    await expect.poll(() => p.getByTestId('redaction-summary').textContent()).toContain('maskeras');
    await p.getByRole('button', { name: 'Visa vilka personuppgifter som maskeras' }).click();
    await p.getByRole('textbox', { name: 'Ord eller fras att maskera' }).fill('dialys');
    await p.getByRole('combobox', { name: 'Typ av uppgift' }).selectOption('OTHER');
    await p.getByRole('button', { name: 'Maskera', exact: true }).click();
    const region = p.getByRole('region', { name: 'Texten med personuppgifterna markerade' });
    await expect.poll(() => region.locator('mark[data-by-user="true"]').allTextContents()).toEqual(['dialys', 'dialys']);
    await expect.poll(() => page.getByTestId('announcer').textContent()).toContain('på 2 ställen');

    const request = page.waitForRequest((r) => r.url().endsWith('/api/v1/draft'));
    await p.getByTestId('submit').click();
    const body = JSON.parse((await request).postData() ?? '{}') as {
      instruction: string;
      context: string;
      mask?: { start: number; end: number; type: string; field: 'instruction' | 'context' }[];
    };
    const slice = (m: { start: number; end: number; field: 'instruction' | 'context' }): string =>
      [...body[m.field]].slice(m.start, m.end).join('');
    expect(body.mask?.map((m) => [m.field, slice(m), m.type])).toEqual([
      ['instruction', 'dialys', 'OTHER'],
      ['context', 'dialys', 'OTHER'],
    ]);
    await waitForAnswer(page);
    await page.context().close();
  });

  it('offers no unmark control where the organisation has switched it off', async () => {
    const page = await openPlayground(browser, slowUrl(), { host: 'outlook-read' });
    const p = pane(page);
    await expect.poll(() => masked(page)).toBeGreaterThan(0);
    await p.getByRole('button', { name: 'Visa vilka personuppgifter som maskeras' }).click();
    const list = p.getByTestId('redaction-list');
    await expect.poll(() => list.getByTestId('redaction-detail').count()).toBeGreaterThan(0);
    expect(await p.getByRole('button', { name: /^Maskera inte/ }).count()).toBe(0);
    await p.getByText('Din organisation tillåter inte att hittade uppgifter skickas omaskerade.').waitFor();
    // Masking more is still there.
    await p.getByRole('textbox', { name: 'Ord eller fras att maskera' }).fill('dialysen');
    await p.getByRole('button', { name: 'Maskera', exact: true }).click();
    await expect.poll(() => p.getByRole('region').locator('mark[data-by-user="true"]').allTextContents()).toEqual(['dialysen']);
    await page.context().close();
  });

  it('speaks English when Office does', async () => {
    const page = await openPlayground(browser, mainUrl(), { host: 'outlook-read', lang: 'en' });
    const p = pane(page);
    await p.getByRole('button', { name: 'Show which personal details are masked' }).click();
    await p.getByRole('textbox', { name: 'Word or phrase to mask' }).waitFor();
    await expect.poll(() => p.getByRole('button', { name: /^Do not mask 070-123 45 67/ }).count()).toBe(1);
    await expect.poll(() => p.getByRole('combobox', { name: 'Kind of detail' }).locator('option').allTextContents())
      .toContain('Other personal detail');
    await page.context().close();
  });
});
