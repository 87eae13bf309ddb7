/** What every browser test needs: Debian's Chromium, the playground, axe-core, screenshots, metrics. */

import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { chromium, type Browser, type Locator, type Page } from 'playwright-core';
import { expect, inject, onTestFailed } from 'vitest';

const require = createRequire(import.meta.url);
const AXE = require.resolve('axe-core/axe.min.js');

export const mainUrl = (): string => inject('mainUrl');
export const slowUrl = (): string => inject('slowUrl');
export const scriptedUrl = (): string => inject('scriptedUrl');

/** Debian's Chromium; Playwright gives each launch a fresh profile (user data dir) of its own. */
export function launch(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export interface PlaygroundOptions {
  host?: 'outlook-read' | 'outlook-compose' | 'word';
  lang?: 'sv' | 'en';
  theme?: 'light' | 'dark';
  /** A Word sample document (?doc=). */
  doc?: string;
}

/** Opens the playground as `make demo` serves it, and fails the test on any script error. */
export async function openPlayground(browser: Browser, base: string, options: PlaygroundOptions = {}): Promise<Page> {
  const context = await browser.newContext({
    viewport: { width: 1280, height: 900 },
    locale: options.lang === 'en' ? 'en-GB' : 'sv-SE',
    colorScheme: options.theme ?? 'light',
  });
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  (page as Page & { scriptErrors: string[] }).scriptErrors = errors;
  const params = new URLSearchParams({
    host: options.host ?? 'outlook-read',
    lang: options.lang ?? 'sv',
    theme: options.theme ?? 'light',
    ...(options.doc ? { doc: options.doc } : {}),
  });
  // A failing test leaves a picture of what the user would have seen.
  onTestFailed(async ({ task }) => {
    const name = task.name.replace(/[^\w]+/g, '-').slice(0, 80);
    await page.screenshot({ path: join(inject('artifacts'), 'screenshots', `FAILED-${name}.png`) }).catch(() => undefined);
  });
  await page.goto(`${base}/taskpane/playground.html?${params.toString()}`);
  await page.getByTestId('pane').waitFor();
  return page;
}

export function scriptErrors(page: Page): string[] {
  return (page as Page & { scriptErrors?: string[] }).scriptErrors ?? [];
}

export function pane(page: Page): Locator {
  return page.getByTestId('pane');
}

/** The answer text once the stream has finished; an error shown instead fails at once, with its words. */
export async function waitForAnswer(page: Page, statuses = ['done']): Promise<string> {
  const output = page.getByTestId('output');
  const bar = page.getByTestId('error-bar');
  await expect
    .poll(
      async () => {
        if (await bar.count()) return `error: ${await bar.getAttribute('data-code')}: ${await bar.textContent()}`;
        return output.getAttribute('data-status');
      },
      { timeout: 60_000, interval: 100 },
    )
    .toSatisfy((s: string | null) => s !== null && (statuses.includes(s) || s.startsWith('error')));
  const bars = await bar.count();
  if (bars) throw new Error(`The pane showed an error: ${await bar.getAttribute('data-code')}: ${await bar.textContent()}`);
  return (await output.textContent()) ?? '';
}

/** Saves what the user sees: the whole page, or just one part of it (the pane) when given. */
export async function screenshot(page: Page, name: string, part?: Locator): Promise<void> {
  // Let Fluent's short transitions (100-200 ms) settle, so the picture shows the resting state.
  await page.waitForTimeout(250);
  const path = join(inject('artifacts'), 'screenshots', `${name}.png`);
  await (part ? part.screenshot({ path }) : page.screenshot({ path, fullPage: false }));
}

export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: string[]; failureSummary?: string }[];
}

/** axe-core over the whole page (playground chrome and pane); returns serious and critical violations. */
export async function axeSerious(page: Page): Promise<AxeViolation[]> {
  // Evaluated through the DevTools protocol, not added as an inline <script>: the pages' CSP forbids those.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (c: unknown, o: unknown) => Promise<{ violations: AxeViolation[] }> } }).axe;
    // Tabster's focus "dummy" elements (used by Fluent's TabList, RadioGroup, MessageBar) are focusable
    // and aria-hidden on purpose: they only hand focus on. Microsoft's Accessibility Insights suppresses
    // aria-hidden-focus on them as a known false positive (accessibility-insights-web #7605).
    const result = await axe.run({ exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] });
    return result.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target, failureSummary: n.failureSummary })),
    }));
  });
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

export async function expectAccessible(page: Page, label: string): Promise<void> {
  const violations = await axeSerious(page);
  expect(violations, `${label}: ${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

/** A bearer token from the dev server, for requests the test makes itself. */
export async function devToken(base: string): Promise<string> {
  const response = await fetch(`${base}/api/v1/auth/dev-token`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: '{}',
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

/** One sample from the server's Prometheus text, e.g. `kollega_engine_active`; 0 when absent. */
export async function metric(base: string, sample: string): Promise<number> {
  const text = await (await fetch(`${base}/metrics`)).text();
  const line = text.split('\n').find((l) => l.startsWith(`${sample} `));
  return line ? Number(line.split(/\s+/).pop()) : 0;
}

/** kollega_engine_requests_total{outcome="..."}: how the engine's requests ended. */
export function engineRequests(base: string, outcome: string): Promise<number> {
  return metric(base, `kollega_engine_requests_total{outcome="${outcome}"}`);
}
