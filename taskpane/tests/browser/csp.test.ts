/**
 * The pane's pages under their Content-Security-Policy, in a real Chromium: taskpane.html (with the Office
 * stub in place of Microsoft's CDN script), the playground and commands.html load and work with no CSP
 * violation, and the policy really is enforced (an injected inline script is refused and reported).
 */

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launch, mainUrl, openPlayground, pane, scriptErrors, waitForAnswer } from './harness';
import { officeStub } from './office-stub';

const OFFICE_JS = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** Records every CSP violation the page reports, from its first script on. */
async function watchViolations(page: Page): Promise<string[]> {
  const seen: string[] = [];
  await page.exposeFunction('kollegaCspViolation', (text: string) => seen.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      const report = (window as unknown as { kollegaCspViolation: (t: string) => void }).kollegaCspViolation;
      report(`${event.effectiveDirective} ${event.blockedURI} (${event.sourceFile}:${event.lineNumber})`);
    });
  });
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) seen.push(`console: ${message.text()}`);
  });
  return seen;
}

async function openTaskpane(): Promise<{ page: Page; violations: string[]; csp: string }> {
  const context = await browser.newContext({ viewport: { width: 320, height: 720 } });
  await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) =>
    route.request().url() === OFFICE_JS
      ? route.fulfill({ contentType: 'text/javascript', body: officeStub({ language: 'sv-SE', background: '#ffffff' }) })
      : route.abort(),
  );
  const page = await context.newPage();
  const violations = await watchViolations(page);
  const response = await page.goto(`${mainUrl()}/taskpane/taskpane.html`);
  await page.getByRole('tab').first().waitFor();
  return { page, violations, csp: response?.headers()['content-security-policy'] ?? '' };
}

describe('the Content-Security-Policy of the pane', () => {
  it('is strict, and taskpane.html loads under it with no violation', async () => {
    const { page, violations, csp } = await openTaskpane();
    expect(csp).toContain("script-src 'self' https://appsforoffice.microsoft.com;");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    await expect.poll(() => page.getByRole('tab').allInnerTexts()).toEqual(['Sammanfatta', 'Fråga', 'Skriv utkast', 'Skriv om']);
    await expect.poll(() => page.getByTestId('source-line').textContent()).toContain('Hela dokumentet');
    expect(violations).toEqual([]);
    await page.context().close();
  });

  it('refuses an injected inline script, and reports it', async () => {
    const { page, violations } = await openTaskpane();
    const ran = await page.evaluate(async () => {
      const script = document.createElement('script');
      script.textContent = 'window.kollegaInjected = true;';
      document.body.append(script);
      await new Promise((r) => setTimeout(r, 100));
      return (window as unknown as { kollegaInjected?: boolean }).kollegaInjected === true;
    });
    expect(ran).toBe(false);
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    expect(violations.join('\n')).toContain('script-src');
    await page.context().close();
  });

  it('lets the playground sign in, preview and stream an answer with no violation', async () => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const violations = await watchViolations(page);
    await page.goto(`${mainUrl()}/taskpane/playground.html?host=outlook-read&lang=sv&theme=light`);
    await page.getByTestId('pane').waitFor();
    await context.close();
    // The harness's own page, as every other browser test opens it: a whole summary, streamed.
    const playground = await openPlayground(browser, mainUrl());
    const seen = await watchViolationsLate(playground);
    await pane(playground).getByTestId('submit').click();
    const answer = await waitForAnswer(playground);
    expect(answer.length).toBeGreaterThan(0);
    expect(scriptErrors(playground)).toEqual([]);
    expect([...violations, ...seen]).toEqual([]);
    await playground.context().close();
  });

  it('loads commands.html with no violation', async () => {
    const context = await browser.newContext();
    await context.route(/^https?:\/\/(?!127\.0\.0\.1)/, (route) =>
      route.request().url() === OFFICE_JS
        ? route.fulfill({ contentType: 'text/javascript', body: officeStub({ language: 'sv-SE', background: '#ffffff' }) })
        : route.abort(),
    );
    const page = await context.newPage();
    const violations = await watchViolations(page);
    const response = await page.goto(`${mainUrl()}/taskpane/commands.html`);
    expect(response?.status()).toBe(200);
    await page.waitForLoadState('networkidle');
    expect(violations).toEqual([]);
    await context.close();
  });
});

/** For a page that is already open: violations from now on (console messages and the DOM event). */
async function watchViolationsLate(page: Page): Promise<string[]> {
  const seen: string[] = [];
  page.on('console', (message) => {
    if (message.text().includes('Content Security Policy')) seen.push(`console: ${message.text()}`);
  });
  await page.exposeFunction('kollegaCspLate', (text: string) => seen.push(text));
  await page.evaluate(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { kollegaCspLate: (t: string) => void }).kollegaCspLate(`${event.effectiveDirective} ${event.blockedURI}`);
    });
  });
  return seen;
}
