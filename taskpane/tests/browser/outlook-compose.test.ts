/** Flow 2: draft in Outlook compose mode and insert the draft at the cursor. */

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { COMPOSE_GREETING } from '../../src/playground/samples';
import { expectAccessible, launch, mainUrl, openPlayground, pane, screenshot, scriptErrors, waitForAnswer } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('Outlook compose mode', () => {
  it('drafts from an instruction and inserts the draft at the cursor', async () => {
    const page = await openPlayground(browser, mainUrl(), { host: 'outlook-compose' });
    const p = pane(page);
    await expect.poll(() => p.getByRole('tab').allInnerTexts()).toEqual(['Skriv utkast', 'Skriv om']);
    await p.getByRole('tab', { name: 'Skriv utkast' }).click();

    // Asking without an instruction says what is missing, and sends nothing.
    await p.getByTestId('submit').click();
    await expect.poll(() => p.getByText('Skriv vad texten ska säga.').count()).toBe(1);

    const instruction = p.getByRole('textbox', { name: 'Vad ska texten säga?' });
    await instruction.fill('Svara att beslutet om färdtjänst kommer inom två veckor och att hon kan ringa mig.');
    await p.getByRole('radio', { name: 'Formell' }).check();
    await p.getByRole('radio', { name: 'Kort' }).check();
    // The thread quoted in the reply is the context, and its personal details show in the preview.
    await expect.poll(() => p.getByTestId('source-line').textContent()).toContain('tråden');
    await expect.poll(() => p.getByTestId('redaction-summary').textContent()).toContain('maskeras');
    await screenshot(page, '2-outlook-compose-draft-before');
    await expectAccessible(page, 'compose before');

    const body = page.getByTestId('compose-body');
    const before = await body.inputValue();
    await p.getByTestId('submit').click();
    const answer = await waitForAnswer(page);
    expect(answer.trim()).not.toBe('');

    await p.getByRole('button', { name: 'Infoga vid markören' }).click();
    await expect.poll(() => p.getByTestId('insert-feedback').textContent()).toContain('Texten är infogad');
    const after = await body.inputValue();
    // In at the cursor (under the greeting), and everything else untouched.
    expect(after).toBe(`${before.slice(0, COMPOSE_GREETING.length)}${answer}${before.slice(COMPOSE_GREETING.length)}`);
    await screenshot(page, '2-outlook-compose-draft-inserted');
    await expectAccessible(page, 'compose after');
    expect(scriptErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('remembers the options used, but never the instruction', async () => {
    const page = await openPlayground(browser, mainUrl(), { host: 'outlook-compose' });
    const p = pane(page);
    await p.getByRole('tab', { name: 'Skriv utkast' }).click();
    await p.getByRole('radio', { name: 'Vänlig' }).check();
    await p.getByRole('textbox', { name: 'Vad ska texten säga?' }).fill('Hemligt: Karin Ek 470812-9038');
    await page.reload();
    await p.getByTestId('source-line').waitFor();
    await expect.poll(() => p.getByRole('radio', { name: 'Vänlig' }).isChecked()).toBe(true);
    await expect.poll(() => p.getByRole('textbox', { name: 'Vad ska texten säga?' }).inputValue()).toBe('');
    const stored = await page.evaluate(() => JSON.stringify(localStorage));
    expect(stored).not.toContain('Karin');
    expect(stored).not.toContain('470812');
    await page.context().close();
  });
});
