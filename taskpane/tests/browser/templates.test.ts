/** Templates: an admin imports the starter set in the pane, a user picks one by keyboard, fills its fields and
 * drafts with it; users save their own; admins edit, delete, export and are told when an import is bad. */

import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launch, mainUrl, openPlayground, pane, screenshot, scriptErrors, waitForAnswer } from './harness';

const STARTER = fileURLToPath(new URL('../../../backend/usertemplates/starter_templates.json', import.meta.url));

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

describe('templates', () => {
  it('lets an admin import the starter set, and a user draft with a template by keyboard', async () => {
    const page = await openPlayground(browser, mainUrl(), { host: 'outlook-compose' });
    const p = pane(page);
    // The dev sign-in carries the admin role: the pane offers the organisation's templates to manage.
    await p.getByRole('button', { name: 'Hantera organisationens mallar' }).click();
    const admin = p.getByRole('region', { name: 'Organisationens mallar' });
    await admin.waitFor();
    await p.getByTestId('template-import-file').setInputFiles(STARTER);
    await expect.poll(() => p.getByTestId('template-note').textContent()).toMatch(/Importen är klar: \d+ nya och \d+ ersatta mallar\./);
    const list = admin.getByRole('list', { name: 'Organisationens mallar' });
    await expect.poll(() => list.getByRole('listitem').count()).toBeGreaterThanOrEqual(10);
    await expectAccessible(page, 'template admin view');

    await p.getByRole('tab', { name: 'Skriv utkast' }).click();
    const picker = p.getByRole('combobox', { name: 'Mall' });
    await picker.focus();
    await page.keyboard.type('kallelse');
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => page.getByRole('option', { name: 'Kallelse till möte' }).count()).toBe(1);
    await page.keyboard.press('Enter');
    const fields = p.getByRole('group', { name: 'Fält i mallen Kallelse till möte' });
    await fields.waitFor();
    const boxes = fields.getByRole('textbox');
    expect(await boxes.count()).toBe(7);
    await expect.poll(() => fields.getByRole('textbox', { name: 'Sista dag förhinder' }).count()).toBe(1);

    // Running it with empty fields puts the focus on the first and says what is missing.
    await p.getByTestId('submit').click();
    await expect.poll(() => page.evaluate(() => document.activeElement?.getAttribute('data-field'))).toBe('möte');
    await expect.poll(() => fields.getByText('Fyll i fältet.').count()).toBe(7);
    const values = ['Arbetsplatsträff', '12 januari', '9.00', 'Stora salen', 'Budget och semester', '10 januari', 'Eva Ek'];
    for (const value of values) {
      await page.keyboard.type(value);
      await page.keyboard.press('Tab');
    }
    await expect.poll(() => fields.getByText('Fyll i fältet.').count()).toBe(0);
    await screenshot(page, 'templates-draft-fields', p);
    await expectAccessible(page, 'template picker with fields');
    await p.getByTestId('submit').click();
    const answer = await waitForAnswer(page);
    expect(answer.length).toBeGreaterThan(0);
    expect(scriptErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('rewrites in Word with a rewrite template', async () => {
    const page = await openPlayground(browser, mainUrl(), { host: 'word' });
    const p = pane(page);
    await p.getByRole('tab', { name: 'Skriv om' }).click();
    const picker = p.getByRole('combobox', { name: 'Mall' });
    await picker.click();
    await page.keyboard.type('webben');
    // The search filters: the other rewrite template is gone, this one is offered.
    await expect.poll(() => p.getByRole('option').allTextContents()).toEqual(['Ingen mall', 'Klarspråk för webben']);
    await p.getByRole('option', { name: 'Klarspråk för webben' }).click();
    const fields = p.getByRole('group', { name: 'Fält i mallen Klarspråk för webben' });
    await fields.getByRole('textbox', { name: 'Målgrupp' }).fill('föräldrar med barn i förskolan');
    // A paragraph, not the whole document: the tiny test model's context has room for the template's words too.
    await page.getByTestId('word-document').evaluate((el) => {
      const area = el as HTMLTextAreaElement;
      area.focus();
      area.setSelectionRange(0, 240);
      area.dispatchEvent(new Event('select'));
    });
    await p.getByTestId('submit').click();
    expect((await waitForAnswer(page)).length).toBeGreaterThan(0);
    expect(scriptErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('saves the user own template from the draft settings', async () => {
    const page = await openPlayground(browser, mainUrl(), { host: 'outlook-compose' });
    const p = pane(page);
    await p.getByRole('tab', { name: 'Skriv utkast' }).click();
    await p.getByRole('textbox', { name: 'Vad ska texten säga?' }).fill('Tacka {mottagare} för mötet och bekräfta {nästa_steg}.');
    await p.getByRole('button', { name: 'Spara som mall' }).click();
    const form = p.getByRole('form', { name: 'Spara inställningarna som din egen mall' });
    const name = `Min tackmall ${Date.now()}`;
    await form.getByRole('textbox', { name: 'Namn' }).fill(name);
    await expect.poll(() => form.getByRole('textbox', { name: /Instruktion/ }).inputValue()).toContain('{mottagare}');
    await form.getByRole('textbox', { name: 'Namn' }).press('Enter');
    await expect.poll(() => p.getByTestId('template-note').textContent()).toBe(`Mallen ${name} är sparad.`);
    await expect.poll(() => p.getByRole('combobox', { name: 'Mall' }).inputValue()).toBe(name);
    const fields = p.getByRole('group', { name: `Fält i mallen ${name}` });
    await expect.poll(() => fields.getByRole('textbox').count()).toBe(2);
    await expect.poll(() => fields.getByRole('textbox', { name: 'Nästa steg' }).count()).toBe(1);
    expect(scriptErrors(page)).toEqual([]);
    await page.context().close();
  });

  it('lets an admin edit, delete and export, and refuses a bad file without losing anything', async () => {
    const page = await openPlayground(browser, mainUrl(), { host: 'word' });
    const p = pane(page);
    await p.getByRole('button', { name: 'Hantera organisationens mallar' }).click();
    const admin = p.getByRole('region', { name: 'Organisationens mallar' });
    const items = admin.getByRole('listitem');
    await expect.poll(() => items.count()).toBeGreaterThanOrEqual(10);
    const before = await items.count();

    await admin.getByRole('button', { name: 'Ändra Kallelse till möte' }).click();
    const form = admin.getByRole('form', { name: 'Ändra Kallelse till möte' });
    await form.getByRole('textbox', { name: 'Beskrivning' }).fill('Kallelse enligt kommunens mall.');
    await form.getByRole('button', { name: 'Spara' }).click();
    await expect.poll(() => p.getByTestId('template-note').textContent()).toBe('Mallen Kallelse till möte är sparad.');

    await admin.getByRole('button', { name: 'Ta bort Pressmeddelande' }).click();
    await expect.poll(() => items.count()).toBe(before - 1);
    await expect.poll(() => admin.getByText('Pressmeddelande').count()).toBe(0);

    const download = page.waitForEvent('download');
    await admin.getByRole('button', { name: 'Exportera' }).click();
    const file = JSON.parse(await readFile((await (await download).path()) as string, 'utf-8')) as {
      format: string;
      templates: { name: string; description: string }[];
    };
    expect(file.format).toBe('kollega-templates');
    expect(file.templates.map((t) => t.name)).not.toContain('Pressmeddelande');
    expect(file.templates.find((t) => t.name === 'Kallelse till möte')?.description).toBe('Kallelse enligt kommunens mall.');

    const bad = join(fileURLToPath(new URL('.', import.meta.url)), 'templates.test.ts'); // not JSON
    await p.getByTestId('template-import-file').setInputFiles(bad);
    await expect.poll(() => admin.getByRole('alert').textContent()).toContain('Inget importerades');
    expect(await items.count()).toBe(before - 1);
    await screenshot(page, 'templates-admin', p);
    await expectAccessible(page, 'template admin after edits');
    expect(scriptErrors(page)).toEqual([]);
    await page.context().close();
  });
});
