import { createElement, type ReactElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { KollegaApi, type TokenRequest, type TokenSource } from '../../src/api/client';
import {
  bandFor,
  groupFindings,
  isWholeText,
  meterPercent,
  prepareFindings,
  shortQuote,
  splitByFindings,
  type Finding,
} from '../../src/api/readability';
import type { GenerationEvent, ReadabilityFinding, ReadabilityReport } from '../../src/api/types';
import { formatLix, kindLabel, STRINGS } from '../../src/i18n';
import { PaneRoot } from '../../src/ui/PaneRoot';
import { LixChangeLine } from '../../src/ui/readability/LixMeter';
import { headline, ReadabilityReportView } from '../../src/ui/readability/ReportView';
import { reduce, type GenerationState } from '../../src/ui/use-generation';
import { chunkedStream, problem, sse, streamResponse } from './helpers';

class FakeTokens implements TokenSource {
  requests: TokenRequest[] = [];
  async getToken(request: TokenRequest = {}): Promise<string> {
    this.requests.push(request);
    return `token-${this.requests.length}`;
  }
}

/** Rendered as the pane renders it: strings and theme around it. */
function inPane(language: 'sv' | 'en', theme: 'light' | 'dark', element: ReactElement): string {
  return renderToStaticMarkup(createElement(PaneRoot, { language, theme, children: element }));
}

const TEXT = 'Vi erhåller er ansökan. Med anledning av att ni erhåller stöd ska beslutet fattas.';

function finding(kind: string, start: number, end: number, message = `${kind}`, suggestion: string | null = null): ReadabilityFinding {
  return { kind, start, end, message, suggestion };
}

function report(findings: ReadabilityFinding[], extra: Partial<ReadabilityReport> = {}): ReadabilityReport {
  return {
    lix: 52.3,
    band: 'difficult',
    band_label: 'Svår',
    words: 14,
    sentences: 2,
    long_words: 4,
    mean_sentence_length: 7,
    addresses_reader: true,
    findings,
    ...extra,
  };
}

const at = (needle: string, from = 0): [number, number] => {
  const start = TEXT.indexOf(needle, from);
  return [start, start + needle.length];
};

const FINDINGS: ReadabilityFinding[] = [
  finding('no_direct_address', 0, 0, 'Texten tilltalar inte läsaren.'),
  finding('officialese', ...at('erhåller'), 'Myndighetsspråk: ”erhåller”.', 'får'),
  finding('long_sentence', TEXT.indexOf('Med anledning'), TEXT.length, 'Lång mening (30 ord).'),
  finding('officialese', ...at('Med anledning av att'), 'Myndighetsspråk: ”Med anledning av att”.', 'Eftersom'),
  finding('officialese', ...at('erhåller', 10), 'Myndighetsspråk: ”erhåller”.', 'får'),
  finding('passive', ...at('fattas'), 'Passiv form: ”fattas”.'),
  finding('future_kind', ...at('beslutet'), 'Något nytt.'),
];

describe('KollegaApi.readability', () => {
  it('posts the cleaned text with a bearer token and returns the report', async () => {
    const body = report([finding('passive', 0, 3)]);
    const fetch = vi.fn(async () => new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    const tokens = new FakeTokens();
    const api = new KollegaApi(tokens, { fetch, host: 'word' });
    await expect(api.readability('Rad ett\r\nrad två\u000b')).resolves.toEqual(body);
    const [url, init] = fetch.mock.calls[0] as unknown as [string, RequestInit];
    expect(url).toBe('/api/v1/readability');
    expect(init.method).toBe('POST');
    const headers = init.headers as Record<string, string>;
    expect(headers.Authorization).toBe('Bearer token-1');
    expect(headers.Accept).toContain('application/json');
    expect(headers['X-Kollega-Host']).toBe('word');
    expect(JSON.parse(init.body as string)).toEqual({ text: 'Rad ett\nrad två\n' });
    // Opened by the user: a sign-in may be asked for.
    expect(tokens.requests).toEqual([{}]);
  });

  it('is silent when the pane checks by itself, and says so to the token source', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify(report([])), { status: 200, headers: { 'Content-Type': 'application/json' } }));
    const tokens = new FakeTokens();
    await new KollegaApi(tokens, { fetch }).readability('Text', { silent: true });
    expect(tokens.requests).toEqual([{ silent: true }]);
  });

  it('turns problems into ApiError, and retries a 401 once with a fresh token', async () => {
    const fetch = vi
      .fn()
      .mockResolvedValueOnce(problem(401, { code: 'unauthorized' }))
      .mockResolvedValueOnce(problem(429, { code: 'rate_limited' }, { 'Retry-After': '7' }));
    const tokens = new FakeTokens();
    await expect(new KollegaApi(tokens, { fetch }).readability('Text')).rejects.toMatchObject({ code: 'rate_limited', retryAfter: 7 });
    expect(tokens.requests).toEqual([{}, { forceRefresh: true }]);
  });

  it('passes the signal on, so a check that is no longer wanted is aborted', async () => {
    const fetch = vi.fn(async () => new Response('{}', { status: 200, headers: { 'Content-Type': 'application/json' } }));
    const controller = new AbortController();
    await new KollegaApi(new FakeTokens(), { fetch }).readability('Text', { signal: controller.signal });
    expect((fetch.mock.calls[0] as unknown as [string, RequestInit])[1].signal).toBe(controller.signal);
  });
});

describe('LIX before and after a plain rewrite', () => {
  async function done(data: object): Promise<GenerationEvent | undefined> {
    const body = sse([
      ['meta', { request_id: 'r', redactions: {} }],
      ['delta', { text: 'Klart.' }],
      ['done', { finish_reason: 'stop', ...data }],
    ]);
    const fetch = vi.fn(async () => streamResponse(chunkedStream([body]).stream));
    const events: GenerationEvent[] = [];
    for await (const e of new KollegaApi(new FakeTokens(), { fetch }).rewrite({ text: 'Text', goal: 'plain' })) events.push(e);
    return events.at(-1);
  }

  it('reads readability from the done event', async () => {
    await expect(done({ readability: { lix_before: 61.2, lix_after: 38.5 } })).resolves.toEqual({
      type: 'done',
      finishReason: 'stop',
      usage: undefined,
      readability: { before: 61.2, after: 38.5 },
    });
    await expect(done({ readability: { lix_before: 61.2, lix_after: null } })).resolves.toMatchObject({
      readability: { before: 61.2, after: null },
    });
  });

  it('has no readability for other goals, or when the server sends something else', async () => {
    expect(await done({})).not.toHaveProperty('readability');
    expect(await done({ readability: 'high' })).not.toHaveProperty('readability');
    expect(await done({ readability: { lix_before: 'x' } })).not.toHaveProperty('readability');
  });

  it('keeps it in the generation state until the next answer', () => {
    let state = reduce({ status: 'idle' } as GenerationState, { type: 'start', origin: { task: 'rewrite', source: undefined } });
    state = reduce(state, { type: 'event', event: { type: 'done', finishReason: 'stop', usage: undefined, readability: { before: 60, after: 40 } } });
    expect(state).toMatchObject({ status: 'done', readability: { before: 60, after: 40 } });
    state = reduce(state, { type: 'start', origin: { task: 'rewrite', source: undefined } });
    expect(state.readability).toBeUndefined();
  });

  it('shows before → after with bands, or only before when nothing was written', () => {
    const render = (after: number | null, language: 'sv' | 'en' = 'sv'): string =>
      inPane(language, 'light', createElement(LixChangeLine, { before: 61.2, after })).replace(/<[^>]+>/g, '');
    expect(render(38.5)).toContain('Läsbarhet: LIX 61,2 (Mycket svår) → 38,5 (Lätt)');
    expect(render(null)).toContain('Läsbarhet: LIX före: 61,2 (Mycket svår)');
    expect(render(38.5, 'en')).toContain('Readability: LIX 61.2 (Very difficult) → 38.5 (Easy)');
  });
});

describe('findings', () => {
  it('converts code-point offsets to UTF-16 after emoji, and keeps the whole-text finding', () => {
    const text = '😀 Vi erhåller 👍🏽 ansökan och erhåller svar.';
    // Python's offsets: code points before the word.
    const codePoints = (utf16: number): number => [...text.slice(0, utf16)].length;
    const first = codePoints(text.indexOf('erhåller'));
    const second = codePoints(text.lastIndexOf('erhåller'));
    const findings = prepareFindings(text, {
      findings: [finding('no_direct_address', 0, 0), finding('officialese', first, first + 8), finding('officialese', second, second + 8)],
    });
    expect(findings.map((f) => f.quote)).toEqual(['', 'erhåller', 'erhåller']);
    expect(findings.map((f) => text.slice(f.start, f.end))).toEqual(['', 'erhåller', 'erhåller']);
    expect(second).toBeLessThan(text.lastIndexOf('erhåller')); // code points < UTF-16 units here
    expect(isWholeText(findings[0]!)).toBe(true);
  });

  it('drops a finding whose span does not fit the text', () => {
    expect(prepareFindings('kort', { findings: [finding('passive', 2, 40), finding('passive', 3, 1)] })).toEqual([]);
  });

  it('groups by kind, known kinds first in a fixed order, each in text order, without whole-text notes', () => {
    const groups = groupFindings(prepareFindings(TEXT, report(FINDINGS)));
    expect(groups.map((g) => [g.kind, g.findings.length])).toEqual([
      ['long_sentence', 1],
      ['officialese', 3],
      ['passive', 1],
      ['future_kind', 1],
    ]);
    expect(groups[1]!.findings.map((f) => f.quote)).toEqual(['erhåller', 'Med anledning av att', 'erhåller']);
    expect(kindLabel(STRINGS.sv, 'officialese')).toBe('Myndighetsspråk');
    expect(kindLabel(STRINGS.en, 'future_kind')).toBe('Other');
  });

  it('takes the band from the same bounds as the server, each including its lower bound', () => {
    expect([0, 29.9, 30, 39.9, 40, 49.9, 50, 59.9, 60, 111.4].map(bandFor)).toEqual([
      'very_easy',
      'very_easy',
      'easy',
      'easy',
      'medium',
      'medium',
      'difficult',
      'difficult',
      'very_difficult',
      'very_difficult',
    ]);
    expect([meterPercent(-1), meterPercent(40), meterPercent(111.4)]).toEqual([0, 50, 100]);
    expect([formatLix(STRINGS.sv, 41.5), formatLix(STRINGS.en, 41.5), formatLix(STRINGS.sv, 70)]).toEqual(['41,5', '41.5', '70,0']);
  });

  it('names a finding by its better word, or a sentence by its beginning', () => {
    const findings = prepareFindings(TEXT, report(FINDINGS));
    const byKind = (kind: string): Finding => findings.find((f) => f.kind === kind)!;
    expect(headline(STRINGS.sv, byKind('officialese'))).toBe('”erhåller” → får');
    expect(headline(STRINGS.sv, byKind('passive'))).toBe('”fattas”');
    expect(headline(STRINGS.sv, byKind('long_sentence'))).toBe('”Med anledning av att ni erhåller stöd ska …”');
    expect(shortQuote('ett  två\ntre', 8)).toBe('ett två tre');
  });

  it('cuts the text so that word findings are marked and the chosen sentence is shaded around them', () => {
    const findings = prepareFindings(TEXT, report(FINDINGS));
    const plain = splitByFindings(TEXT, findings, undefined);
    expect(plain.map((p) => p.text).join('')).toBe(TEXT);
    expect(plain.filter((p) => p.marks.length).map((p) => p.text)).toEqual(['erhåller', 'Med anledning av att', 'erhåller', 'beslutet', 'fattas']);
    expect(plain.some((p) => p.selected)).toBe(false);

    const sentence = findings.find((f) => f.kind === 'long_sentence')!;
    const chosen = splitByFindings(TEXT, findings, sentence.id);
    expect(chosen.map((p) => p.text).join('')).toBe(TEXT);
    expect(chosen.filter((p) => p.selected).map((p) => p.text).join('')).toBe(TEXT.slice(sentence.start));
    expect(chosen.filter((p) => p.selectedStart).map((p) => p.text)).toEqual(['Med anledning av att']);
    // The words inside stay marked as words.
    expect(chosen.filter((p) => p.selected && p.marks.length).map((p) => p.text)).toEqual(['Med anledning av att', 'erhåller', 'beslutet', 'fattas']);
  });
});

describe('the card', () => {
  const render = (props: Partial<Parameters<typeof ReadabilityReportView>[0]>, language: 'sv' | 'en' = 'sv'): string => {
    const findings = prepareFindings(TEXT, report(FINDINGS));
    return inPane(
      language,
      'dark',
      createElement(ReadabilityReportView, {
          report: report(FINDINGS),
          text: TEXT,
          findings,
          full: true,
          selectedId: undefined,
          onSelect: () => undefined,
          previewOpen: false,
          onTogglePreview: () => undefined,
        ...props,
      }),
    );
  };
  const visible = (html: string): string => html.replace(/<style[\s\S]*?<\/style>/g, '').replace(/<[^>]+>/g, '|');

  it('shows LIX and its band as text and as a named meter, and the figures', () => {
    const html = render({});
    expect(visible(html)).toContain('|LIX 52,3|');
    expect(visible(html)).toContain('|Svår|');
    expect(html).toMatch(/role="meter" aria-label="Läsbarhetsindex, LIX" aria-valuemin="0" aria-valuemax="80" aria-valuenow="52.3" aria-valuetext="52,3, Svår"/);
    for (const figure of ['|Ord||14|', '|Meningar||2|', '|Ord per mening||7,0|', '|Långa ord||4|']) expect(visible(html)).toContain(figure);
  });

  it('lists the findings grouped by kind with counts, each a toggle with its message', () => {
    const html = render({ selectedId: 1 });
    expect(visible(html)).toContain('7 saker att se över');
    expect(html.match(/<h4[^>]*>[^<]*<\/h4>/g)?.map((h) => h.replace(/<[^>]+>/g, ''))).toEqual([
      'Långa meningar (1)',
      'Myndighetsspråk (3)',
      'Passiv form (1)',
      'Övrigt (1)',
    ]);
    expect(html.match(/aria-pressed="true"/g)).toHaveLength(1);
    expect(html.match(/aria-pressed="false"/g)).toHaveLength(5);
    expect(visible(html)).toContain('”erhåller” → får||Myndighetsspråk: ”erhåller”.');
    // The whole-text finding is a note, not a list entry.
    expect(visible(html)).toContain('Texten tilltalar inte läsaren.');
    expect(html.match(/data-testid="finding"/g)).toHaveLength(6);
    expect(html).toContain('aria-label="Fynden. Välj ett för att se det i texten."');
  });

  it('shows the text with the chosen finding highlighted, in a named region', () => {
    const html = render({ selectedId: 4, previewOpen: true });
    expect(html).toMatch(/role="region" aria-label="Texten med fynden markerade" tabindex="0"/);
    expect(html.match(/<mark[^>]*data-selected-start=""[^>]*>([^<]*)<\/mark>/)?.[1]).toBe('erhåller');
    expect(html.match(/<mark/g)).toHaveLength(5);
    expect(html).toContain('aria-expanded="true"');
  });

  it('is English when the pane is, and only the figures for a message being read', () => {
    const html = render({ full: false }, 'en');
    expect(visible(html)).toContain('|LIX 52.3|');
    expect(visible(html)).toContain('|Difficult|');
    expect(html).not.toContain('data-testid="finding"');
    expect(html).not.toContain('<h3');
  });

  it('says so when there is nothing to remark on', () => {
    const html = inPane(
      'sv',
      'light',
      createElement(ReadabilityReportView, {
          report: report([]),
          text: TEXT,
          findings: [],
          full: true,
          selectedId: undefined,
          onSelect: () => undefined,
          previewOpen: false,
        onTogglePreview: () => undefined,
      }),
    );
    expect(visible(html)).toContain('Kollega hittade inget att anmärka på.');
    expect(html).not.toContain('role="group"');
  });
});
