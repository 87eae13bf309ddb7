/** Flow 4: the redaction preview says what will be masked, and shows it highlighted on request. */

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launch, mainUrl, openPlayground, pane, screenshot } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('redaction preview', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`counts the personal details by type and highlights them (${theme})`, async () => {
      const page = await openPlayground(browser, mainUrl(), { host: 'outlook-read', theme });
      const p = pane(page);
      const summary = p.getByTestId('redaction-summary');
      await expect.poll(() => summary.textContent()).toMatch(/(\d+) personuppgifter maskeras innan texten skickas: .*namn.*personnummer/);
      const total = Number(/(\d+) personuppgifter/.exec((await summary.textContent()) ?? '')?.[1]);

      const toggle = p.getByRole('button', { name: 'Visa vilka personuppgifter som maskeras' });
      await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
      await toggle.click();
      const region = p.getByRole('region', { name: 'Texten med personuppgifterna markerade' });
      await region.waitFor();
      const marks = await region.locator('mark').allTextContents();
      expect(marks).toHaveLength(total);
      expect(marks).toEqual(expect.arrayContaining(['470812-9038', '070-123 45 67', 'Bertil Ek']));
      const types = await region.locator('mark').evaluateAll((els) => els.map((e) => e.getAttribute('data-type')));
      expect(types).toEqual(expect.arrayContaining(['PERSON', 'PERSONNUMMER', 'PHONE']));
      await expect.poll(() => p.getByRole('button', { name: 'Dölj personuppgifterna' }).getAttribute('aria-expanded')).toBe('true');
      await screenshot(page, `4-redaction-preview-${theme}`);
      await expectAccessible(page, `redaction preview (${theme})`);
      await page.context().close();
    });
  }

  it('previews the instruction of a draft as well as its context', async () => {
    const page = await openPlayground(browser, mainUrl(), { host: 'outlook-compose' });
    const p = pane(page);
    await p.getByRole('tab', { name: 'Skriv utkast' }).click();
    const summary = p.getByTestId('redaction-summary');
    await expect.poll(() => summary.textContent()).toContain('maskeras');
    const count = async (): Promise<number> => Number(/(\d+) personuppgift/.exec((await summary.textContent()) ?? '')?.[1] ?? 0);
    const before = await count();
    await p.getByRole('textbox', { name: 'Vad ska texten säga?' }).fill('Be Sven Johansson ringa 070-555 12 34.');
    await expect.poll(count, { timeout: 10_000 }).toBeGreaterThanOrEqual(before + 2);
    await p.getByRole('button', { name: 'Visa vilka personuppgifter som maskeras' }).click();
    const region = p.getByRole('region', { name: 'Texten med personuppgifterna markerade' });
    await expect.poll(() => region.locator('mark').allTextContents()).toEqual(expect.arrayContaining(['070-555 12 34']));
    await screenshot(page, '4b-redaction-preview-draft');
    await page.context().close();
  });
});
