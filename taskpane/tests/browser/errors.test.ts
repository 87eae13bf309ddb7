/**
 * Every error the pane can meet, in plain words with what to do. The real server serves the pane;
 * the failing answers are injected at the network layer, since a healthy dev server gives none of them.
 */

import type { Browser, Route } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectAccessible, launch, mainUrl, openPlayground, pane, screenshot } from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

const problem = (status: number, code: string, headers: Record<string, string> = {}) => (route: Route) =>
  route.fulfill({
    status,
    contentType: 'application/problem+json',
    headers,
    body: JSON.stringify({ type: `urn:kollega:problem:${code}`, title: code, status, detail: 'x', code }),
  });

const CASES: [string, (route: Route) => Promise<void>, string, string | null][] = [
  ['engine_unavailable', problem(503, 'engine_unavailable', { 'Retry-After': '3' }), 'Språkmodellen startar om.', 'Försök igen om'],
  ['forbidden', problem(403, 'forbidden'), 'Du har inte behörighet att använda Kollega.', null],
  ['text_too_long', problem(422, 'text_too_long'), 'Texten är för lång.', null],
  ['too_large', problem(413, 'too_large'), 'Texten är för lång.', null],
  ['unauthorized', problem(401, 'unauthorized', { 'WWW-Authenticate': 'Bearer' }), 'Du är inte inloggad.', 'Logga in'],
  ['network', (route) => route.abort('connectionrefused'), 'Det går inte att nå Kollega.', 'Försök igen'],
  ['rate_limited', problem(429, 'rate_limited', { 'Retry-After': '30' }), 'Du har bett om många texter på kort tid.', 'Försök igen om'],
  ['timeout', problem(504, 'timeout'), 'Det tog för lång tid.', 'Försök igen'],
];

describe('errors', () => {
  it('says what went wrong and what to do, for each kind of failure', async () => {
    const page = await openPlayground(browser, mainUrl(), { host: 'outlook-read' });
    const p = pane(page);
    for (const [code, respond, title, action] of CASES) {
      await page.route('**/api/v1/summarize', respond);
      await p.getByTestId('submit').click();
      const bar = p.getByTestId('error-bar');
      await expect.poll(() => bar.getAttribute('data-code'), { timeout: 10_000 }).toBe(code);
      await expect.poll(() => bar.textContent()).toContain(title);
      if (action) await expect.poll(() => bar.getByRole('button', { name: new RegExp(`^${action}`) }).count()).toBe(1);
      await screenshot(page, `9-error-${code}`, p);
      if (code === 'engine_unavailable' || code === 'unauthorized') await expectAccessible(page, `error ${code}`);
      await bar.getByRole('button', { name: 'Stäng meddelandet' }).click();
      await expect.poll(() => bar.count()).toBe(0);
      await page.unroute('**/api/v1/summarize');
    }
    await page.context().close();
  });

  it('a stream that breaks off keeps what came and offers to try again', async () => {
    const page = await openPlayground(browser, mainUrl(), { host: 'outlook-read' });
    const p = pane(page);
    await page.route('**/api/v1/summarize', (route) =>
      route.fulfill({
        status: 200,
        contentType: 'text/event-stream',
        body: 'event: meta\ndata: {"request_id":"r1","redactions":{}}\n\nevent: delta\ndata: {"text":"Början av ett svar"}\n\n',
      }),
    );
    await p.getByTestId('submit').click();
    const bar = p.getByTestId('error-bar');
    await expect.poll(() => bar.getAttribute('data-code')).toBe('stream_interrupted');
    expect(await p.getByTestId('output').textContent()).toBe('Början av ett svar');
    await screenshot(page, '9-error-stream-interrupted', p);
    await page.context().close();
  });
});
