/** Fråga (ask) with citations, Översätt and Lättläst in the pane: API, requests, state, Word selection, views. */

import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { parseCitations, passagesIn, splitByCitations } from '../../src/api/citations';
import { KollegaApi, type TokenSource } from '../../src/api/client';
import { ApiError } from '../../src/api/errors';
import { languageName, TRANSLATION_TARGETS } from '../../src/api/languages';
import type { GenerationEvent } from '../../src/api/types';
import { MAX_SEARCH, passageAnchor, rangeOf } from '../../src/hosts/anchors';
import { insertActionsFor, TASKS_BY_HOST, type SourceText } from '../../src/hosts/host';
import { WordAdapter } from '../../src/hosts/word';
import { DEFAULT_PREFERENCES, sanitize } from '../../src/settings/preferences';
import { OutputCard } from '../../src/ui/OutputCard';
import { PaneRoot } from '../../src/ui/PaneRoot';
import { buildRun, type TaskInput } from '../../src/ui/requests';
import { reduce, type GenerationState } from '../../src/ui/use-generation';
import { chunkedStream, problem, sse, streamResponse } from './helpers';
import { wordMock } from './office-mocks';

const tokens: TokenSource = { getToken: async () => 'token' };

async function collect(iterable: AsyncIterable<GenerationEvent>): Promise<GenerationEvent[]> {
  const events: GenerationEvent[] = [];
  for await (const event of iterable) events.push(event);
  return events;
}

function apiAnswering(...bodies: (string | Response)[]) {
  const fetch = vi.fn(async () => {
    const next = bodies.shift();
    if (next instanceof Response) return next;
    return streamResponse(chunkedStream([next ?? '']).stream);
  });
  return { api: new KollegaApi(tokens, { fetch }), fetch };
}

function sent(fetch: ReturnType<typeof vi.fn>, call = 0): { url: string; body: Record<string, unknown> } {
  const [url, init] = fetch.mock.calls[call] as unknown as [string, RequestInit];
  return { url, body: JSON.parse(init.body as string) as Record<string, unknown> };
}

const DOCUMENT = 'Beslut\n\nNämnden beviljar bistånd till hyra för mars. Beslutet gäller från den 1 mars. Nämnden beviljar bistånd till hyra för april.';

describe('citations', () => {
  it('reads the citations event and leaves out what is malformed', () => {
    expect(
      parseCitations({
        citations: [
          { id: 1, start: 8, end: 20, quote: 'Nämnden bevi' },
          { id: '2', start: 0, end: 6, quote: 'Beslut' },
          { id: 0, start: 0, end: 6, quote: 'Beslut' },
          { id: 3, start: 0, quote: 'x' },
          { id: 4, start: 0, end: 1, quote: '  ' },
          'nonsense',
        ],
      }),
    ).toEqual([
      { id: 1, start: 8, end: 20, quote: 'Nämnden bevi' },
      { id: 2, start: 0, end: 6, quote: 'Beslut' },
    ]);
    expect(parseCitations({})).toEqual([]);
    expect(parseCitations(null)).toEqual([]);
  });

  it('turns code points into UTF-16 offsets, and drops a quote the text does not hold', () => {
    const text = '😀 Beslut: bistånd beviljas.';
    const quote = 'bistånd beviljas';
    const codePoints = [...text].join('').indexOf(quote) - 1; // the emoji is one code point, two UTF-16 units
    const passages = passagesIn(text, [
      { id: 1, start: codePoints, end: codePoints + quote.length, quote },
      { id: 2, start: 0, end: 5, quote: 'något som inte står där' },
      // Offsets that miss, while the quote is in the text: found by the quote.
      { id: 3, start: 0, end: 6, quote: 'Beslut' },
    ]);
    expect(passages).toEqual([
      { id: 1, start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, quote },
      { id: 3, start: text.indexOf('Beslut'), end: text.indexOf('Beslut') + 6, quote: 'Beslut' },
    ]);
    for (const p of passages) expect(text.slice(p.start, p.end)).toBe(p.quote);
    // A conversation read by the server: the pane has no text to check against, so each is kept.
    expect(passagesIn(undefined, [{ id: 2, start: 5, end: 9, quote: 'citat' }])).toEqual([{ id: 2, start: -1, end: -1, quote: 'citat' }]);
  });

  it('makes links of the [n] that have a citation only', () => {
    const pieces = splitByCitations('Ja [1], enligt beslutet [2][3]. Se [12].', new Set([1, 3]));
    expect(pieces).toEqual([
      { text: 'Ja ' },
      { text: '[1]', citation: 1 },
      { text: ', enligt beslutet [2]' },
      { text: '[3]', citation: 3 },
      { text: '. Se [12].' },
    ]);
    expect(pieces.map((p) => p.text).join('')).toBe('Ja [1], enligt beslutet [2][3]. Se [12].');
  });
});

describe('finding a cited passage in the document', () => {
  it('takes the passage at its place in the text it was cited from, telling duplicates apart', () => {
    const selection = 'Nämnden beviljar bistånd till hyra för april.';
    const quote = 'Nämnden beviljar bistånd';
    const anchor = passageAnchor(DOCUMENT, selection, { start: 0, end: quote.length, quote });
    expect(anchor?.head).toEqual({ text: quote, occurrence: 1 });
    expect(rangeOf(DOCUMENT, anchor!)).toEqual({ start: DOCUMENT.lastIndexOf(quote), end: DOCUMENT.lastIndexOf(quote) + quote.length });
  });

  it('goes by the quote when the document changed around it, and gives up when the quote is gone', () => {
    const quote = 'Beslutet gäller från den 1 mars.';
    const changed = `Ny inledning.\n${DOCUMENT}`;
    const anchor = passageAnchor(changed, 'en text som inte finns längre', { start: 3, end: 35, quote });
    expect(rangeOf(changed, anchor!)).toEqual({ start: changed.indexOf(quote), end: changed.indexOf(quote) + quote.length });
    expect(passageAnchor(DOCUMENT, DOCUMENT, { start: 0, end: 5, quote: 'inte i dokumentet' })).toBeUndefined();
  });

  it('finds a quote longer than Word can search for by its head and tail', () => {
    const quote = `Nämnden har prövat ansökan ${'och bedömt behovet av insatser '.repeat(10)}och beviljar den.`;
    const text = `Inledning.\n${quote}\nSlut.`;
    expect(quote.length).toBeGreaterThan(255);
    const anchor = passageAnchor(text, text, { start: text.indexOf(quote), end: text.indexOf(quote) + quote.length, quote })!;
    expect(anchor.head.text.length).toBeLessThanOrEqual(MAX_SEARCH);
    expect(anchor.tail!.text.length).toBeLessThanOrEqual(MAX_SEARCH);
    expect(rangeOf(text, anchor)).toEqual({ start: text.indexOf(quote), end: text.indexOf(quote) + quote.length });
  });
});

describe('Word: selecting a cited passage', () => {
  const wordBody = DOCUMENT.replace(/\n/g, '\r'); // Word separates paragraphs with \r; the API got \n
  const source = (text: string, scope: SourceText['scope'] = 'body'): SourceText => ({ text, scope, kind: 'document' });

  it('selects the passage by search in the body, the right one of two alike', async () => {
    const { word, office, state } = wordMock({ body: wordBody });
    const selection = 'Nämnden beviljar bistånd till hyra för april.';
    const quote = 'Nämnden beviljar bistånd';
    const found = await new WordAdapter(office, word).selectPassage(source(selection, 'selection'), { id: 1, start: 0, end: quote.length, quote });
    expect(found).toBe(true);
    expect(state.selected).toEqual([{ target: 'body', start: wordBody.lastIndexOf(quote), end: wordBody.lastIndexOf(quote) + quote.length, quote }]);
    expect(state.searches).toEqual([{ target: 'body', text: quote, options: { matchCase: true } }]);
  });

  it('selects a long quote by head and tail searches within Word\'s limit', async () => {
    const quote = `Nämnden har prövat ansökan ${'och bedömt behovet av insatser '.repeat(10)}och beviljar den.`;
    const text = `Inledning.\r${quote}\rSlut.`;
    const { word, office, state } = wordMock({ body: text });
    const start = text.indexOf(quote);
    const found = await new WordAdapter(office, word).selectPassage(source(text), { id: 2, start, end: start + quote.length, quote });
    expect(found).toBe(true);
    expect(state.searches).toHaveLength(2);
    expect(state.searches.every((s) => s.text.length <= 255)).toBe(true);
    expect(state.selected[0]).toMatchObject({ start, end: start + quote.length, quote });
  });

  it('says so, and selects nothing, when the passage is no longer in the document', async () => {
    const { word, office, state } = wordMock({ body: 'Ett helt annat dokument.' });
    const found = await new WordAdapter(office, word).selectPassage(source(DOCUMENT), { id: 1, start: 0, end: 6, quote: 'Beslut' });
    expect(found).toBe(false);
    expect(state.selected).toEqual([]);
  });
});

describe('the API: ask and translate', () => {
  it('asks about a text and yields the citations before done', async () => {
    const { api, fetch } = apiAnswering(
      sse([
        ['meta', { request_id: 'a1', redactions: {} }],
        ['delta', { text: 'Från den 1 mars [1].' }],
        ['citations', { citations: [{ id: 1, start: 51, end: 82, quote: 'Beslutet gäller från den 1 mars' }] }],
        ['done', { finish_reason: 'stop', usage: { prompt_tokens: 5, completion_tokens: 5 } }],
      ]),
    );
    const events = await collect(api.ask({ text: 'Text\r\nmed rader', question: 'När?\u000b', language: 'sv' }));
    expect(events.map((e) => e.type)).toEqual(['meta', 'delta', 'citations', 'done']);
    expect(events[2]).toEqual({ type: 'citations', citations: [{ id: 1, start: 51, end: 82, quote: 'Beslutet gäller från den 1 mars' }] });
    expect(sent(fetch)).toEqual({ url: '/api/v1/ask', body: { text: 'Text\nmed rader', question: 'När?\n', language: 'sv' } });
  });

  it('translates, and reads easy Swedish\'s revision, figures and placeholders', async () => {
    const figures = (lix: number, findings: number) => ({ lix, band: 'easy', findings, mean_sentence_length: 9.5, words: 40, kinds: {} });
    const { api, fetch } = apiAnswering(
      sse([
        ['meta', { request_id: 't1', redactions: { PERSON: 1 } }],
        ['delta', { text: 'Utkast.' }],
        ['revision', { round: 1, findings: 4, readability: figures(48, 4) }],
        ['delta', { text: 'Enkel text.' }],
        [
          'done',
          {
            finish_reason: 'stop',
            usage: { prompt_tokens: 5, completion_tokens: 9 },
            placeholders: { sent: 1, kept: 1 },
            readability: { source: figures(55, 9), before: figures(48, 4), after: figures(31, 1), revised: true },
          },
        ],
      ]),
    );
    const events = await collect(api.translate({ text: 'Text', target: 'sv-lattlast', source: 'sv' }));
    expect(events[2]).toEqual({ type: 'revision', findings: 4 });
    expect(events[4]).toMatchObject({
      type: 'done',
      placeholders: { sent: 1, kept: 1 },
      easyRead: {
        source: { lix: 55, findings: 9, mean_sentence_length: 9.5, words: 40 },
        before: { lix: 48, findings: 4 },
        after: { lix: 31, findings: 1 },
        revised: true,
        skipped: undefined,
      },
    });
    // A plain rewrite's readability ({lix_before, lix_after}) is not easy Swedish's report.
    expect(events[4]).not.toHaveProperty('readability');
    expect(sent(fetch)).toEqual({ url: '/api/v1/translate', body: { text: 'Text', target: 'sv-lattlast', source: 'sv' } });
  });
});

function input(overrides: Partial<TaskInput>): TaskInput {
  return {
    task: 'rewrite',
    language: 'sv',
    source: { text: 'Ansökan har inkommit.', scope: 'selection', kind: 'document' },
    context: '',
    conversationId: undefined,
    summaryScope: 'message',
    summaryLength: 'medium',
    instruction: '',
    tone: 'neutral',
    draftLength: 'medium',
    goal: 'plain',
    ...overrides,
  };
}

async function run(api: KollegaApi, taskInput: TaskInput, notices: string[] = []): Promise<void> {
  for await (const _ of buildRun(api, taskInput)(new AbortController().signal, (n) => notices.push(n)));
}

const DONE = sse([['done', { finish_reason: 'stop' }]]);

describe('the requests the pane makes', () => {
  it('translates into the chosen language, and asks for easy Swedish from Swedish', async () => {
    const { api, fetch } = apiAnswering(DONE, DONE);
    await run(api, input({ goal: 'translate', target: 'so' }));
    await run(api, input({ goal: 'easy', target: 'so' }));
    expect(sent(fetch, 0)).toEqual({ url: '/api/v1/translate', body: { text: 'Ansökan har inkommit.', target: 'so' } });
    expect(sent(fetch, 1)).toEqual({ url: '/api/v1/translate', body: { text: 'Ansökan har inkommit.', target: 'sv-lattlast', source: 'sv' } });
  });

  it('sends the preview\'s corrections with a translation, as with a rewrite', async () => {
    const { api, fetch } = apiAnswering(DONE);
    const corrections = { mask: [{ part: 0, start: 0, end: 7, type: 'OTHER', value: 'Ansökan' }], unmask: [] };
    await run(api, input({ goal: 'translate', target: 'en', corrections }));
    expect(sent(fetch).body.mask).toEqual([{ start: 0, end: 7, type: 'OTHER' }]);
  });

  it('asks about the conversation, and about the message when Graph is not there', async () => {
    const { api, fetch } = apiAnswering(problem(503, { code: 'graph_unavailable', title: 'No Graph' }), DONE);
    const notices: string[] = [];
    await run(api, input({ task: 'ask', question: 'När?', summaryScope: 'thread', conversationId: 'conv-1', source: { text: 'Meddelandet.', scope: 'message', kind: 'email' } }), notices);
    expect(sent(fetch, 0)).toEqual({ url: '/api/v1/ask', body: { conversation_id: 'conv-1', question: 'När?', language: 'sv' } });
    expect(sent(fetch, 1)).toEqual({ url: '/api/v1/ask', body: { text: 'Meddelandet.', question: 'När?', language: 'sv' } });
    expect(notices).toEqual(['thread_fallback']);
  });

  it('refuses to ask about nothing', () => {
    const { api } = apiAnswering();
    expect(() => buildRun(api, input({ task: 'ask', question: 'När?', source: { text: ' ', scope: 'body', kind: 'document' } }))).toThrow(ApiError);
  });
});

describe('where Fråga, Översätt and Lättläst are offered', () => {
  it('offers Fråga in Outlook read mode and in Word, with the answer inserted as a summary is', () => {
    expect(TASKS_BY_HOST['outlook-read']).toContain('ask');
    expect(TASKS_BY_HOST.word).toContain('ask');
    expect(TASKS_BY_HOST['outlook-compose']).not.toContain('ask');
    expect(insertActionsFor('outlook-read', 'ask', 'message')).toEqual([]);
    expect(insertActionsFor('word', 'ask', 'selection')).toEqual(['insert-after']);
    expect(insertActionsFor('word', 'ask', 'body')).toEqual(['insert-cursor']);
  });

  it('remembers the rewrite option and the language, from fixed lists only', () => {
    expect(sanitize({ goal: 'translate', target: 'ar' })).toMatchObject({ goal: 'translate', target: 'ar' });
    expect(sanitize({ goal: 'easy', target: 'xx' })).toMatchObject({ goal: 'easy', target: DEFAULT_PREFERENCES.target });
    expect(sanitize({ task: { word: 'ask' } }).task).toEqual({ word: 'ask' });
  });

  it('names the languages in the pane\'s language', () => {
    expect(TRANSLATION_TARGETS).toEqual(expect.arrayContaining(['sv', 'en', 'ar', 'so', 'fa', 'ti', 'fi', 'pl', 'uk', 'bs', 'tr']));
    expect(languageName('ar', 'sv-SE')).toBe('Arabiska');
    expect(languageName('so', 'en-GB')).toBe('Somali');
    expect(new Set(TRANSLATION_TARGETS.map((c) => languageName(c, 'sv-SE'))).size).toBe(TRANSLATION_TARGETS.length);
  });
});

describe('the answer as the pane holds it', () => {
  const start = (): GenerationState => reduce(reduce(undefined as never, { type: 'reset' }), { type: 'start', origin: { task: 'rewrite', source: undefined } });

  it('sets the draft aside when easy Swedish revises it, and keeps the figures', () => {
    let state = start();
    state = reduce(state, { type: 'event', event: { type: 'delta', text: 'Utkastet.' } });
    state = reduce(state, { type: 'event', event: { type: 'revision', findings: 3 } });
    expect(state.text).toBe('');
    expect(state.revision).toEqual({ draft: 'Utkastet.', findings: 3 });
    state = reduce(state, { type: 'event', event: { type: 'delta', text: 'Enkel.' } });
    const easyRead = { source: undefined, before: figures(50, 3), after: figures(30, 0), revised: true, skipped: undefined };
    state = reduce(state, { type: 'event', event: { type: 'done', finishReason: 'stop', usage: undefined, easyRead } });
    expect(state).toMatchObject({ status: 'done', text: 'Enkel.', easyRead });
  });

  it('keeps the citations of an answer', () => {
    const citations = [{ id: 1, start: 0, end: 6, quote: 'Beslut' }];
    const state = reduce(start(), { type: 'event', event: { type: 'citations', citations } });
    expect(state.citations).toEqual(citations);
  });
});

function figures(lix: number, findings: number) {
  return { lix, findings, mean_sentence_length: 10, words: 30 };
}

function inPane(language: 'sv' | 'en', child: ReactElement): string {
  return renderToStaticMarkup(createElement(PaneRoot, { language, theme: 'light', children: child }));
}

function doneState(overrides: Partial<GenerationState>): GenerationState {
  const idle = reduce(undefined as never, { type: 'reset' });
  return { ...idle, status: 'done', origin: { task: 'ask', source: undefined }, finishReason: 'stop', ...overrides };
}

function card(state: GenerationState, cited?: { text: string | undefined }, language: 'sv' | 'en' = 'sv'): string {
  const noop = () => undefined;
  return inPane(language, createElement(OutputCard, { state, insertActions: [], feedback: undefined, notices: [], onInsert: noop, onStop: noop, onRegenerate: noop, cited }));
}

describe('the answer card', () => {
  it('links each checked citation, lists the sources, and leaves an invented one as text', () => {
    const text = 'Beslutet gäller från den 1 mars.';
    const html = card(
      doneState({
        text: 'Från den 1 mars [1]. Nämnden beslutar [2].',
        citations: [
          { id: 1, start: 0, end: text.length, quote: text },
          { id: 2, start: 0, end: 10, quote: 'står inte i texten' },
        ],
      }),
      { text },
    );
    expect(html.match(/data-testid="citation-link"/g)).toHaveLength(1);
    expect(html).toContain('aria-label="Källa 1"');
    expect(html).toContain('Nämnden beslutar [2].');
    expect(html).toContain('>Källor</h3>');
    expect(html).toContain('aria-label="Källa 1: visa citatet"');
    expect(html).not.toContain('står inte i texten');
  });

  it('shows easy Swedish\'s round and the figures before and after, in Swedish and English', () => {
    const easyRead = { source: figures(52.4, 9), before: figures(41, 4), after: figures(33.5, 1), revised: true, skipped: undefined };
    const state = doneState({ text: 'Enkel text.', origin: { task: 'rewrite', source: undefined }, easyRead, revision: { draft: 'Utkast.', findings: 4 } });
    const sv = card(state);
    expect(sv).toContain('skrevs om en gång till');
    expect(sv).toMatch(/<th scope="col"[^>]*>Din text<\/th>/);
    expect(sv).toContain('52,4');
    expect(sv).toContain('33,5');
    expect(sv).toContain('Första utkastet');
    expect(sv.match(/data-testid="easy-read-row"/g)).toHaveLength(3);
    const en = card(state, undefined, 'en');
    expect(en).toContain('revised once more');
    expect(en).toContain('Words per sentence');
    // Without a revision, the first draft is the result: no column of its own.
    const once = card(doneState({ text: 'Enkel.', easyRead: { ...easyRead, source: undefined, revised: false } }));
    expect(once).toContain('hittade inget mer att rätta');
    expect(once).not.toContain('Första utkastet');
  });
});
