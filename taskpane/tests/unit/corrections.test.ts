import { describe, expect, it, vi } from 'vitest';
import { KollegaApi } from '../../src/api/client';
import {
  addMask,
  addUnmask,
  carryOver,
  findValue,
  isUserMasked,
  NO_CORRECTIONS,
  payloadFor,
  removeMask,
  removeUnmask,
  snapToWords,
  toCodePoint,
  type Corrections,
} from '../../src/api/corrections';
import { STRINGS } from '../../src/i18n';
import { buildRun, type TaskInput } from '../../src/ui/requests';
import { chunkedStream, sse, streamResponse } from './helpers';

const TEXT = 'Hej! Kjell ringde om Kjells bil. Ring 070-123 45 67. kjell svarar.';

describe('corrections of the preview', () => {
  it('counts offsets in code points for the server, after emoji too', () => {
    const text = '😀 Hej Kjell 👍🏽 Kjell';
    const utf16 = text.lastIndexOf('Kjell');
    expect(toCodePoint(text, utf16)).toBe([...text].length - 5);
    expect(toCodePoint('Hej Kjell', 4)).toBe(4);
  });

  it('widens a selection to whole words and trims white space', () => {
    const at = TEXT.indexOf('jell');
    expect(snapToWords(TEXT, at, at + 2)).toEqual({ start: at - 1, end: at + 4 });
    const spaced = TEXT.indexOf(' Kjell ');
    expect(snapToWords(TEXT, spaced, spaced + 7)).toEqual({ start: spaced + 1, end: spaced + 6 });
    expect(snapToWords(TEXT, 4, 5)).toBeUndefined();
  });

  it('finds a value as whole words in any case, else inside a word', () => {
    expect(findValue(TEXT, 'kjell').map((p) => TEXT.slice(p.start, p.end))).toEqual(['Kjell', 'kjell']);
    expect(findValue('Ring  Anna\nSvensson', 'Anna Svensson')).toEqual([{ start: 6, end: 19 }]);
    expect(findValue('Kanariefeberns förlopp', 'kanariefeber')).toEqual([{ start: 0, end: 12 }]);
    expect(findValue(TEXT, 'Zorbax')).toEqual([]);
  });

  it('masks a value in every part where it occurs, at the selected place when there is one', () => {
    const texts = ['Svara Kjell.', TEXT];
    const selected = { part: 1, start: TEXT.indexOf('Kjells') , end: TEXT.indexOf('Kjells') + 5 };
    const { corrections, places } = addMask(NO_CORRECTIONS, texts, 'Kjell', 'PERSON', selected);
    expect(places).toBe(3);
    expect(corrections.mask).toEqual([
      { part: 0, start: 6, end: 11, type: 'PERSON', value: 'Kjell' },
      { part: 1, start: selected.start, end: selected.end, type: 'PERSON', value: 'Kjell' },
    ]);
    expect(isUserMasked(corrections, 'KJELL')).toBe(true);
    expect(isUserMasked(corrections, 'Kjells')).toBe(true);
    expect(isUserMasked(corrections, 'Kjellberg')).toBe(false);
    expect(removeMask(corrections, 'kjell').mask).toEqual([]);
  });

  it('sends code points, and finds a mask again by its value when the text moved', () => {
    const { corrections } = addMask(NO_CORRECTIONS, [TEXT], 'Kjell', 'OTHER');
    expect(payloadFor(corrections, 0, TEXT)).toEqual({ mask: [{ start: 5, end: 10, type: 'OTHER' }], unmask: [] });
    const moved = `😀 ${TEXT}`;
    expect(payloadFor(corrections, 0, moved).mask).toEqual([{ start: 7, end: 12, type: 'OTHER' }]);
    expect(payloadFor(corrections, 0, 'Ingen här.').mask).toEqual([]);
    expect(payloadFor(corrections, 1, TEXT)).toEqual({ mask: [], unmask: [] });
  });

  it('unmasks only where the same value still stands, and never by guess', () => {
    const phone = TEXT.indexOf('070');
    const span = { part: 0, start: phone, end: phone + 13, type: 'PHONE', value: '070-123 45 67' };
    const corrections = addUnmask(NO_CORRECTIONS, [span, span]);
    expect(corrections.unmask).toHaveLength(1);
    expect(payloadFor(corrections, 0, TEXT).unmask).toEqual([{ start: phone, end: phone + 13 }]);
    expect(payloadFor(corrections, 0, `X${TEXT}`).unmask).toEqual([]);
    expect(removeUnmask(corrections, '070-123 45 67').unmask).toEqual([]);
    // Masking a value the user had unmasked takes the unmask back.
    expect(addMask(corrections, [TEXT], '070-123 45 67', 'PHONE').corrections.unmask).toEqual([]);
  });

  it('carries corrections over when a text changes: masks by value, unmasks not at all', () => {
    const { corrections: masked } = addMask(NO_CORRECTIONS, [TEXT], 'Kjell', 'PERSON');
    const phone = TEXT.indexOf('070');
    const both: Corrections = addUnmask(masked, [{ part: 0, start: phone, end: phone + 13, type: 'PHONE', value: '070-123 45 67' }]);
    expect(both.unmask).toHaveLength(1);
    const after = carryOver(both, [TEXT], [`Ny rad. ${TEXT}`]);
    expect(after.mask).toEqual([{ part: 0, start: 13, end: 18, type: 'PERSON', value: 'Kjell' }]);
    expect(after.unmask).toEqual([]);
    expect(carryOver(both, [TEXT], [TEXT])).toEqual(both);
  });

  it('has words for every type in Swedish and English', () => {
    for (const strings of [STRINGS.sv, STRINGS.en]) {
      expect(strings.redaction.types.OTHER).toHaveLength(2);
      expect(strings.redaction.correct.masked('Kjell', 3)).toContain('3');
    }
  });
});

describe('corrections in requests', () => {
  const base: TaskInput = {
    task: 'rewrite',
    language: 'sv',
    source: { text: TEXT, scope: 'selection', kind: 'document' },
    context: '',
    conversationId: undefined,
    summaryScope: 'message',
    summaryLength: 'short',
    instruction: '',
    tone: 'neutral',
    draftLength: 'medium',
    goal: 'formal',
  };

  async function bodies(inputs: TaskInput[]): Promise<Record<string, unknown>[]> {
    const sent: Record<string, unknown>[] = [];
    const fetch = vi.fn(async (_url: string, init: RequestInit) => {
      sent.push(JSON.parse(init.body as string) as Record<string, unknown>);
      return streamResponse(chunkedStream([sse([['done', { finish_reason: 'stop' }]])]).stream);
    });
    const api = new KollegaApi({ getToken: async () => 't' }, { fetch });
    for (const input of inputs) for await (const _ of buildRun(api, input)(new AbortController().signal, () => undefined));
    return sent;
  }

  it('go with summarize and rewrite, and are left out when there are none', async () => {
    const { corrections } = addMask(NO_CORRECTIONS, [TEXT], 'Kjell', 'PERSON');
    const phone = TEXT.indexOf('070');
    const withUnmask = addUnmask(corrections, [{ part: 0, start: phone, end: phone + 13, type: 'PHONE', value: '070-123 45 67' }]);
    const sent = await bodies([
      { ...base, corrections: withUnmask },
      { ...base, task: 'summarize', corrections },
      { ...base, corrections: NO_CORRECTIONS },
    ]);
    expect(sent[0]).toMatchObject({ mask: [{ start: 5, end: 10, type: 'PERSON' }], unmask: [{ start: phone, end: phone + 13 }] });
    expect(sent[1]).toMatchObject({ text: TEXT, mask: [{ start: 5, end: 10, type: 'PERSON' }] });
    expect(sent[1]).not.toHaveProperty('unmask');
    expect(sent[2]).not.toHaveProperty('mask');
  });

  it('name the field of a draft they index', async () => {
    const texts = ['Svara Kjell.', TEXT];
    const { corrections } = addMask(NO_CORRECTIONS, texts, 'Kjell', 'PERSON');
    const [sent] = await bodies([{ ...base, task: 'draft', instruction: texts[0] as string, context: TEXT, corrections }]);
    expect(sent?.mask).toEqual([
      { start: 6, end: 11, type: 'PERSON', field: 'instruction' },
      { start: 5, end: 10, type: 'PERSON', field: 'context' },
    ]);
  });

  it('asks the server once whether unmasking is allowed', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ mode: 'dev', redaction: { allow_unmask: false } }), {
      headers: { 'Content-Type': 'application/json' },
    }));
    const api = new KollegaApi({ getToken: async () => 't' }, { fetch });
    const [first, second] = await Promise.all([api.config(), api.config()]);
    expect(first.redaction?.allow_unmask).toBe(false);
    expect(second).toBe(first);
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it('sends the preview its corrections', async () => {
    const sent: unknown[] = [];
    const fetch = vi.fn(async (_url: string, init: RequestInit) => {
      sent.push(JSON.parse(init.body as string));
      return new Response(JSON.stringify({ redacted: '', entities: [] }), { headers: { 'Content-Type': 'application/json' } });
    });
    const api = new KollegaApi({ getToken: async () => 't' }, { fetch });
    await api.redact(TEXT, undefined, { mask: [{ start: 5, end: 10, type: 'OTHER' }], unmask: [] });
    await api.redact(TEXT);
    expect(sent).toEqual([{ text: TEXT, mask: [{ start: 5, end: 10, type: 'OTHER' }] }, { text: TEXT }]);
  });
});
