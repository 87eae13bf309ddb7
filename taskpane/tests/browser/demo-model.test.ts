/** The playground says plainly when the server runs the small English demo model (readyz names it). */

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, mainUrl } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function playground(demo: boolean, lang: 'sv' | 'en'): Promise<import('playwright-core').Page> {
  const page = await (await browser.newContext()).newPage();
  if (demo) {
    // The browser tests' server runs the random test model; this is what a SmolLM2 server answers.
    await page.route('**/readyz', (route) =>
      route.fulfill({
        contentType: 'application/json',
        body: JSON.stringify({ ready: true, model: { name: 'SmolLM2-135M-Instruct', languages: ['en'], demo: true } }),
      }),
    );
  }
  await page.goto(`${mainUrl()}/taskpane/playground.html?lang=${lang}`);
  await page.getByTestId('pane').waitFor();
  return page;
}

describe('demo model notice', () => {
  it('says that the demo model is small, writes English and stands in for the real one', async () => {
    const page = await playground(true, 'en');
    await expect.poll(() => page.getByTestId('demo-model-note').textContent()).toContain('SmolLM2-135M-Instruct');
    const note = (await page.getByTestId('demo-model-note').textContent()) ?? '';
    expect(note).toContain('writes English only');
    expect(note).toContain("stands in for your organisation's real model");
    const sv = await playground(true, 'sv');
    await expect.poll(() => sv.getByTestId('demo-model-note').textContent()).toContain('bara skriver engelska');
  });

  it('says nothing of the kind when the server runs another model', async () => {
    const page = await playground(false, 'en');
    await page.waitForLoadState('networkidle');
    expect(await page.getByTestId('demo-model-note').count()).toBe(0);
  });
});
