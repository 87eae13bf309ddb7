/** Everything by keyboard, with a visible focus indicator on every stop along the way. */

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, mainUrl, openPlayground, pane, screenshot, waitForAnswer } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

interface Focused {
  name: string;
  visible: boolean;
}

/** The focused element's accessible-ish name, and whether it shows a focus indicator. */
function focused(page: Page): Promise<Focused> {
  return page.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    if (!el) return { name: '', visible: false };
    const label = (el as HTMLInputElement).labels?.[0]?.innerText;
    const name = el.getAttribute('aria-label') ?? label ?? el.innerText ?? '';
    // Fluent marks keyboard focus with data-fui-focus-visible (its ::after draws the ring).
    const visible = el.matches(':focus-visible') || el.hasAttribute('data-fui-focus-visible') || !!el.closest('[data-fui-focus-within]');
    return { name: name.trim(), visible };
  });
}

async function tabTo(page: Page, name: RegExp, max = 15): Promise<void> {
  for (let i = 0; i < max; i++) {
    await page.keyboard.press('Tab');
    const now = await focused(page);
    expect(now.visible, `focus visible on "${now.name}"`).toBe(true);
    if (name.test(now.name)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

describe('keyboard', () => {
  it('rewrites and replaces in Word without a mouse', async () => {
    const page = await openPlayground(browser, mainUrl(), { host: 'word' });
    const p = pane(page);
    await p.getByTestId('source-line').waitFor();
    // Office's F6 puts focus in the pane; here the test puts it on the first tab.
    await p.getByRole('tab').first().focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('Enter');
    await expect.poll(() => p.getByRole('tab', { name: 'Skriv om' }).getAttribute('aria-selected')).toBe('true');

    await tabTo(page, /^Klarspråk/);
    await page.keyboard.press('ArrowDown');
    await expect.poll(() => p.getByRole('radio', { name: /^Kortare/ }).isChecked()).toBe(true);
    await tabTo(page, /^Skriv om$/);
    await screenshot(page, '8-keyboard-focus-submit');
    await page.keyboard.press('Enter');
    const answer = await waitForAnswer(page);

    await tabTo(page, /^Ersätt texten med svaret$/);
    await screenshot(page, '8-keyboard-focus-replace');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('word-document').inputValue()).toContain(answer);
    await page.context().close();
  });
});
