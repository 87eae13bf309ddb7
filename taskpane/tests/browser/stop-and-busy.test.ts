/**
 * Flows 5 and 6 against the slow server (one engine slot, no queue, a step delay):
 * stopping a stream cancels the generation on the server; a full engine shows the busy message.
 */

import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { READ_MESSAGE } from '../../src/playground/samples';
import {
  devToken,
  engineRequests,
  expectAccessible,
  launch,
  metric,
  openPlayground,
  pane,
  screenshot,
  slowUrl,
} from './harness';

let browser: Browser;
beforeAll(async () => {
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
});

/** The only slot is free again once the engine reports nothing running and nothing queued. */
async function waitIdle(base: string): Promise<void> {
  await expect
    .poll(async () => (await metric(base, 'kollega_engine_active')) + (await metric(base, 'kollega_engine_queue_depth')), {
      timeout: 20_000,
    })
    .toBe(0);
}

describe('stop', () => {
  it('stops mid-stream, and the server cancels the generation', async () => {
    const base = slowUrl();
    await waitIdle(base);
    const cancelledBefore = await engineRequests(base, 'cancelled');
    const page = await openPlayground(browser, base, { host: 'word' });
    const p = pane(page);
    await p.getByRole('tab', { name: 'Sammanfatta' }).click();
    await p.getByTestId('submit').click();
    const output = p.getByTestId('output');
    await expect.poll(async () => ((await output.textContent()) ?? '').length, { timeout: 20_000 }).toBeGreaterThan(0);
    expect(await output.getAttribute('data-status')).toBe('streaming');
    await screenshot(page, '5-stop-streaming');

    await p.getByRole('button', { name: 'Stoppa svaret (Esc)' }).click();
    // The stop is the pane's own, but on a loaded machine the render that shows it can wait behind the
    // streamed chunks longer than expect.poll's default second.
    await expect.poll(() => output.getAttribute('data-status'), { timeout: 10_000 }).toBe('stopped');
    const partial = (await output.textContent()) ?? '';
    await expect.poll(() => p.getByText('Du stoppade svaret.').count(), { timeout: 10_000 }).toBe(1);
    // The server noticed the closed connection and cancelled the generation.
    await expect.poll(() => engineRequests(base, 'cancelled'), { timeout: 15_000 }).toBe(cancelledBefore + 1);
    // Nothing more arrives after the stop, and the partial answer can still be used.
    await new Promise((r) => setTimeout(r, 500));
    expect((await output.textContent()) ?? '').toBe(partial);
    await expect.poll(() => p.getByRole('button', { name: 'Infoga efter markeringen' }).count()).toBe(1);
    await screenshot(page, '5-stop-stopped');
    await expectAccessible(page, 'stopped');
    await page.context().close();
  });

  it('Escape stops it too', async () => {
    const base = slowUrl();
    await waitIdle(base);
    const cancelledBefore = await engineRequests(base, 'cancelled');
    const page = await openPlayground(browser, base, { host: 'outlook-read' });
    const p = pane(page);
    await p.getByTestId('submit').click();
    const output = p.getByTestId('output');
    await expect.poll(async () => ((await output.textContent()) ?? '').length, { timeout: 20_000 }).toBeGreaterThan(0);
    await page.keyboard.press('Escape');
    await expect.poll(() => output.getAttribute('data-status'), { timeout: 10_000 }).toBe('stopped');
    await expect.poll(() => engineRequests(base, 'cancelled'), { timeout: 15_000 }).toBe(cancelledBefore + 1);
    await page.context().close();
  });
});

describe('busy', () => {
  it('shows the busy message while the engine is full, and waits for Retry-After', async () => {
    const base = slowUrl();
    await waitIdle(base);
    // Fill the only slot with a request of our own, and keep it running.
    const own = new AbortController();
    const response = await fetch(`${base}/api/v1/summarize`, {
      method: 'POST',
      headers: {
        Authorization: `Bearer ${await devToken(base)}`,
        'Content-Type': 'application/json',
        Accept: 'text/event-stream',
      },
      // The sample message makes the (deterministic) tiny model write to its length cap: about 12 s here.
      body: JSON.stringify({ text: READ_MESSAGE.body, kind: 'email' }),
      signal: own.signal,
    });
    expect(response.status).toBe(200);
    const reader = (response.body as ReadableStream<Uint8Array>).getReader();
    await reader.read(); // the meta event: the generation holds the slot

    try {
      const page = await openPlayground(browser, base, { host: 'outlook-read' });
      const p = pane(page);
      await p.getByTestId('submit').click();
      const bar = p.getByTestId('error-bar');
      await expect.poll(() => bar.getAttribute('data-code'), { timeout: 20_000 }).toBe('busy');
      await expect.poll(() => bar.textContent()).toContain('Kollega har mycket att göra just nu.');
      // Retry stays unavailable (but focusable) until the server's Retry-After has passed.
      const retry = bar.getByRole('button', { name: /Försök igen om \d+ s/ });
      await expect.poll(() => retry.getAttribute('aria-disabled')).toBe('true');
      await screenshot(page, '6-busy');
      await expectAccessible(page, 'busy');

      // Free the slot; once the countdown ends, retrying works.
      own.abort();
      await waitIdle(base);
      const ready = bar.getByRole('button', { name: 'Försök igen' });
      await expect.poll(() => ready.count(), { timeout: 40_000 }).toBe(1);
      await ready.click();
      const output = p.getByTestId('output');
      await expect.poll(async () => ((await output.textContent()) ?? '').length, { timeout: 20_000 }).toBeGreaterThan(0);
      await p.getByRole('button', { name: 'Stoppa svaret (Esc)' }).click();
      await page.context().close();
    } finally {
      own.abort();
      await reader.cancel().catch(() => undefined);
    }
  });
});
