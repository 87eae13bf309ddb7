/**
 * The real taskpane.html (not the playground) under a stubbed Office: it starts, picks Word, follows
 * Office's language and theme, passes axe, and renders fast. The figures go to test-artifacts/perf.json.
 */

import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { expectAccessible, launch, mainUrl, screenshot } from './harness';
import { officeStub } from './office-stub';

const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

async function openTaskpane(options: { language: string; background: string; forcedColors?: boolean }): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 320, height: 720 },
    forcedColors: options.forcedColors ? 'active' : 'none',
  });
  // office.js comes from the stub; nothing else may leave the machine.
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) =>
    route.request().url() === OFFICE_JS
      ? route.fulfill({ contentType: 'text/javascript', body: officeStub(options) })
      : route.abort(),
  );
  const page = await context.newPage();
  await page.goto(`${mainUrl()}/taskpane/taskpane.html`);
  await page.getByRole('tab').first().waitFor();
  return page;
}

interface Timing {
  firstRender: number;
  firstContentfulPaint: number;
  scriptBytes: number;
}

async function timing(page: Page): Promise<Timing> {
  await page.waitForFunction(() => performance.getEntriesByName('kollega:first-render').length > 0);
  return page.evaluate(() => {
    const mark = performance.getEntriesByName('kollega:first-render')[0] as PerformanceEntry;
    const paint = performance.getEntriesByName('first-contentful-paint')[0];
    const scripts = (performance.getEntriesByType('resource') as PerformanceResourceTiming[]).filter((r) =>
      r.name.endsWith('.js'),
    );
    return {
      firstRender: Math.round(mark.startTime),
      firstContentfulPaint: Math.round(paint?.startTime ?? -1),
      scriptBytes: scripts.reduce((sum, r) => sum + r.transferSize, 0),
    };
  });
}

const median = (values: number[]): number => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] as number;

describe('taskpane.html in Word', () => {
  it('starts in Swedish with the Word tasks, and passes axe in a light theme', async () => {
    const page = await openTaskpane({ language: 'sv-SE', background: '#ffffff' });
    await expect.poll(() => page.getByRole('tab').allInnerTexts()).toEqual(['Sammanfatta', 'Fråga', 'Skriv utkast', 'Skriv om']);
    await expect.poll(() => page.getByTestId('source-line').textContent()).toContain('Hela dokumentet');
    // Outlook's narrowest pane is 320 px: nothing may stick out sideways.
    const overflow = await page.evaluate(() =>
      [...document.querySelectorAll('body *')]
        .filter((e) => e.getBoundingClientRect().right > document.documentElement.clientWidth + 0.5)
        .map((e) => e.className.toString().slice(0, 40)),
    );
    expect(overflow).toEqual([]);
    await screenshot(page, '7-taskpane-word-light');
    await expectAccessible(page, 'taskpane light');
    await page.context().close();
  });

  it('follows Office into English and a dark theme', async () => {
    const page = await openTaskpane({ language: 'en-US', background: '#262626' });
    await expect.poll(() => page.getByRole('tab').allInnerTexts()).toEqual(['Summarise', 'Ask', 'Draft', 'Rewrite']);
    const background = await page.locator('.fui-FluentProvider').first().evaluate((e) => getComputedStyle(e).backgroundColor);
    expect(background).not.toBe('rgb(255, 255, 255)');
    await screenshot(page, '7-taskpane-word-dark-english');
    await expectAccessible(page, 'taskpane dark');
    await page.context().close();
  });

  it('uses the high-contrast theme when Windows runs in high contrast', async () => {
    const page = await openTaskpane({ language: 'sv-SE', background: '#ffffff', forcedColors: true });
    await expect.poll(() => page.getByTestId('source-line').textContent()).toContain('Hela dokumentet');
    // The browser paints system colours over everything; the theme's own tokens show which theme it is.
    const token = await page
      .locator('.fui-FluentProvider')
      .first()
      .evaluate((e) => getComputedStyle(e).getPropertyValue('--colorNeutralBackground1').trim());
    expect(token).toBe('#000000');
    await screenshot(page, '7-taskpane-word-high-contrast');
    await expectAccessible(page, 'taskpane high contrast');
    await page.context().close();
  });

  it('renders within a second, cold and warm', async () => {
    const cold: Timing[] = [];
    for (let i = 0; i < 5; i++) {
      const page = await openTaskpane({ language: 'sv-SE', background: '#ffffff' });
      cold.push(await timing(page));
      await page.context().close();
    }
    const page = await openTaskpane({ language: 'sv-SE', background: '#ffffff' });
    const warm: Timing[] = [];
    for (let i = 0; i < 5; i++) {
      await page.reload();
      warm.push(await timing(page));
    }
    await page.context().close();
    const report = {
      coldFirstRenderMs: median(cold.map((t) => t.firstRender)),
      coldFirstContentfulPaintMs: median(cold.map((t) => t.firstContentfulPaint)),
      warmFirstRenderMs: median(warm.map((t) => t.firstRender)),
      coldScriptTransferBytes: median(cold.map((t) => t.scriptBytes)),
      runs: { cold, warm },
    };
    writeFileSync(join(inject('artifacts'), 'perf.json'), `${JSON.stringify(report, null, 2)}\n`);
    console.log(`taskpane.html first render: cold ${report.coldFirstRenderMs} ms, warm ${report.warmFirstRenderMs} ms (median of 5)`);
    expect(report.coldFirstRenderMs).toBeLessThan(1000);
  });
});
