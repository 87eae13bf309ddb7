import { describe, expect, it } from 'vitest';
import { anchorFor, escapeWordSearch, MAX_SEARCH, nthOccurrence, occurrenceAt } from '../../src/hosts/anchors';
import { insertActionsFor, sameText, textToHtml, type SourceText } from '../../src/hosts/host';
import { looksLikeThread } from '../../src/hosts/office-async';
import { createOfficeAdapter } from '../../src/hosts/office';
import { OutlookComposeAdapter } from '../../src/hosts/outlook-compose';
import { OutlookReadAdapter } from '../../src/hosts/outlook-read';
import { WordAdapter } from '../../src/hosts/word';
import { outlookMock, wordMock } from './office-mocks';

describe('Outlook read mode', () => {
  it('reads the body and the conversation id', async () => {
    const { office } = outlookMock('read', { body: 'Hej Karin!\n\nHär kommer beslutet.' });
    const host = new OutlookReadAdapter(office);
    expect(host.tasks).toEqual(['summarize', 'ask', 'draft']);
    await expect(host.readSource()).resolves.toEqual({ text: 'Hej Karin!\n\nHär kommer beslutet.', scope: 'message', kind: 'email' });
    expect(host.conversationId()).toBe('conv-1');
  });

  it('calls a body with a quoted earlier message a thread', async () => {
    const body = 'Tack!\n\nFrån: Karin Ek <karin@exempel.se>\nSkickat: den 3 mars 2025 09:14\nTill: Oss\n\nHej';
    const { office } = outlookMock('read', { body });
    await expect(new OutlookReadAdapter(office).readSource()).resolves.toMatchObject({ kind: 'thread' });
  });

  it('gives a draft the subject and the message as context', async () => {
    const { office } = outlookMock('read', { subject: 'Färdtjänst', body: 'Brödtext' });
    await expect(new OutlookReadAdapter(office).readDraftContext()).resolves.toBe('Färdtjänst\n\nBrödtext');
  });

  it('opens a reply with the draft as HTML, escaped', async () => {
    const { office, state } = outlookMock('read');
    const host = new OutlookReadAdapter(office);
    expect(host.insertActions('draft', undefined)).toEqual(['reply']);
    expect(host.insertActions('summarize', 'message')).toEqual([]);
    await host.insert('reply', 'Hej <Karin>,\n\nTack för ditt mejl.');
    expect(state.calls).toEqual([
      { method: 'displayReplyForm', args: [{ htmlBody: '<p>Hej &lt;Karin&gt;,</p><p>Tack för ditt mejl.</p>' }] },
    ]);
  });

  it('follows the pinned pane to the next message (ItemChanged), one Office handler for all', () => {
    const { office, state } = outlookMock('read');
    const host = new OutlookReadAdapter(office);
    const heard: string[] = [];
    const first = host.subscribe(() => heard.push('first'));
    const second = host.subscribe(() => heard.push('second'));
    const handler = state.calls[0]?.args[1] as () => void;
    handler();
    first();
    expect(state.calls.map((c) => c.method)).toEqual(['addHandlerAsync']);
    second();
    expect(state.calls.map((c) => c.method)).toEqual(['addHandlerAsync', 'removeHandlerAsync']);
    expect(heard).toEqual(['first', 'second']);
  });
});

describe('Outlook compose mode', () => {
  it('has no comments: the pane shows readability findings itself', async () => {
    const { office } = outlookMock('compose');
    const host = new OutlookComposeAdapter(office);
    expect(host.commentSupport()).toBe('none');
    await expect(host.addComments()).rejects.toMatchObject({ code: 'host_error' });
    expect(new OutlookReadAdapter(outlookMock('read').office).commentSupport()).toBe('none');
  });

  it('works on the selection when there is one', async () => {
    const { office } = outlookMock('compose', { selection: 'markerad text' });
    await expect(new OutlookComposeAdapter(office).readSource()).resolves.toEqual({
      text: 'markerad text',
      scope: 'selection',
      kind: 'email',
    });
  });

  it('works on the body when nothing is selected, or the selection is in the subject', async () => {
    const { office } = outlookMock('compose', { selection: 'ämnesrad', selectionSource: 'subject', body: 'Hela texten' });
    await expect(new OutlookComposeAdapter(office).readSource()).resolves.toEqual({
      text: 'Hela texten',
      scope: 'body',
      kind: 'email',
    });
  });

  it('uses the body, with the quoted thread, as the context of a draft', async () => {
    const { office } = outlookMock('compose', { body: 'Hej\n\nFrån: Karin\nSkickat: igår\n\nFråga' });
    await expect(new OutlookComposeAdapter(office).readDraftContext()).resolves.toContain('Från: Karin');
  });

  it('inserts at the cursor as HTML in an HTML body', async () => {
    const { office, state } = outlookMock('compose', { bodyType: 'html' });
    const host = new OutlookComposeAdapter(office);
    expect(host.insertActions('draft', undefined)).toEqual(['insert-cursor']);
    await host.insert('insert-cursor', 'Rad ett\nRad två');
    expect(state.calls).toEqual([
      { method: 'body.setSelectedDataAsync', args: ['<p>Rad ett<br>Rad två</p>', { coercionType: 'html' }] },
    ]);
  });

  it('inserts at the cursor as text in a plain-text body', async () => {
    const { office, state } = outlookMock('compose', { bodyType: 'text' });
    await new OutlookComposeAdapter(office).insert('insert-cursor', 'Utkast');
    expect(state.calls).toEqual([{ method: 'body.setSelectedDataAsync', args: ['Utkast', { coercionType: 'text' }] }]);
  });

  it('replaces the selection it rewrote', async () => {
    const { office, state } = outlookMock('compose', { bodyType: 'text', selection: 'gammal text' });
    const host = new OutlookComposeAdapter(office);
    const source = await host.readSource();
    expect(host.insertActions('rewrite', source.scope)).toEqual(['replace', 'insert-cursor']);
    await host.insert('replace', 'ny text', source);
    expect(state.calls).toEqual([{ method: 'body.setSelectedDataAsync', args: ['ny text', { coercionType: 'text' }] }]);
  });

  it('refuses to replace when the selection has changed since', async () => {
    const { office, state } = outlookMock('compose', { selection: 'gammal text' });
    const host = new OutlookComposeAdapter(office);
    const source = await host.readSource();
    state.selection = 'något annat';
    await expect(host.insert('replace', 'ny text', source)).rejects.toMatchObject({ code: 'selection_changed' });
    expect(state.calls).toEqual([]);
  });

  it('replaces the whole body when the rewrite was of the whole body', async () => {
    const { office, state } = outlookMock('compose', { bodyType: 'text', body: 'Hela texten' });
    const host = new OutlookComposeAdapter(office);
    await host.insert('replace', 'Ny text', await host.readSource());
    expect(state.calls).toEqual([{ method: 'body.setAsync', args: ['Ny text', { coercionType: 'text' }] }]);
  });
});

describe('Word', () => {
  it('reads the selection when there is one', async () => {
    const { word, office } = wordMock({ selection: 'Markerat stycke.' });
    await expect(new WordAdapter(office, word).readSource()).resolves.toEqual({
      text: 'Markerat stycke.',
      scope: 'selection',
      kind: 'document',
    });
  });

  it('reads the whole body when nothing is selected', async () => {
    const { word, office } = wordMock({ selection: '' });
    await expect(new WordAdapter(office, word).readSource()).resolves.toEqual({
      text: 'Första stycket.\rAndra stycket.',
      scope: 'body',
      kind: 'document',
    });
  });

  it('replaces the selection with track changes on, then restores the mode', async () => {
    const { word, office, state } = wordMock({ selection: 'Gammal text.', trackingMode: 'Off' });
    const host = new WordAdapter(office, word);
    const source = await host.readSource();
    expect(host.insertActions('rewrite', source.scope)).toEqual(['replace', 'insert-after']);
    await expect(host.insert('replace', 'Ny text.', source)).resolves.toEqual({ tracked: true });
    expect(state.edits).toEqual([
      { target: 'selection', method: 'insertText', text: 'Ny text.', location: 'Replace', trackingMode: 'TrackAll' },
    ]);
    expect(word.context.document.changeTrackingMode).toBe('Off');
  });

  it('replaces without tracking where WordApi 1.4 is missing', async () => {
    const { word, office, state } = wordMock({ selection: 'Gammal text.', wordApi14: false });
    const host = new WordAdapter(office, word);
    await expect(host.insert('replace', 'Ny text.', await host.readSource())).resolves.toEqual({ tracked: false });
    expect(state.edits[0]).toMatchObject({ method: 'insertText', location: 'Replace' });
    // The pane never touched the mode (the mock reports it as never loaded, so never read or set).
    expect(state.edits[0]?.trackingMode).not.toBe('TrackAll');
  });

  it('refuses to replace a selection that no longer holds the source text', async () => {
    const { word, office, state } = wordMock({ selection: 'Något annat.' });
    const host = new WordAdapter(office, word);
    const stale = { text: 'Gammal text.', scope: 'selection' as const, kind: 'document' as const };
    await expect(host.insert('replace', 'Ny', stale)).rejects.toMatchObject({ code: 'selection_changed' });
    expect(state.edits).toEqual([]);
  });

  it('inserts each line of the answer as a paragraph after the selection', async () => {
    const { word, office, state } = wordMock({ selection: 'Stycke.' });
    await new WordAdapter(office, word).insert('insert-after', 'Första raden\n\nAndra raden');
    expect(state.edits.map((e) => [e.target, e.method, e.text, e.location])).toEqual([
      ['selection', 'insertParagraph', 'Första raden', 'After'],
      ['paragraph', 'insertParagraph', 'Andra raden', 'After'],
    ]);
  });

  it('inserts at the cursor, or after a selection so nothing is overwritten', async () => {
    const cursor = wordMock({ selection: '' });
    await new WordAdapter(cursor.office, cursor.word).insert('insert-cursor', 'Utkast');
    expect(cursor.state.edits[0]).toMatchObject({ method: 'insertText', location: 'Replace' });

    const selected = wordMock({ selection: 'Markerat' });
    await new WordAdapter(selected.office, selected.word).insert('insert-cursor', 'Utkast');
    expect(selected.state.edits[0]).toMatchObject({ method: 'insertParagraph', text: 'Utkast', location: 'After' });
  });

  it('listens for selection changes and stops listening', () => {
    const { word, office, handlers } = wordMock();
    const unsubscribe = new WordAdapter(office, word).subscribe(() => undefined);
    expect(handlers).toHaveLength(1);
    unsubscribe();
    expect(handlers).toHaveLength(0);
  });
});

describe('Word comments (readability findings)', () => {
  const BODY = 'Vi erhåller ansökan.\rNi erhåller beslutet inom kort, och vi erhåller svar.';
  const body = (text = BODY): SourceText => ({ text, scope: 'body', kind: 'document' });
  /** A mark on the n-th "erhåller", with offsets into the text as the API read it ("\r" became "\n"). */
  const mark = (n: number, note = `Myndighetsspråk ${n}`) => {
    const start = nthOccurrence(BODY, 'erhåller', n);
    return { start, end: start + 'erhåller'.length, note };
  };

  it('is there with WordApi 1.4, and explained as missing without it', async () => {
    expect(new WordAdapter(wordMock().office, wordMock().word).commentSupport()).toBe('supported');
    const old = wordMock({ wordApi14: false });
    const host = new WordAdapter(old.office, old.word);
    expect(host.commentSupport()).toBe('unsupported');
    await expect(host.addComments(body(), [mark(0)])).rejects.toMatchObject({ code: 'host_error' });
    expect(old.state.comments).toEqual([]);
  });

  it('comments each span, telling duplicates apart by their occurrence', async () => {
    const { word, office, state } = wordMock({ body: BODY });
    const result = await new WordAdapter(office, word).addComments(body(), [mark(2, 'tredje'), mark(0, 'första'), mark(1, 'andra')]);
    expect(result).toEqual({ added: 3, missed: 0 });
    // One search for the three: the same text is searched for once, case-sensitively, in the body.
    expect(state.searches).toEqual([{ target: 'body', text: 'erhåller', options: { matchCase: true } }]);
    expect(state.comments.map((c) => [c.comment, c.start])).toEqual([
      ['tredje', BODY.lastIndexOf('erhåller')],
      ['första', BODY.indexOf('erhåller')],
      ['andra', BODY.indexOf('erhåller', BODY.indexOf('erhåller') + 1)],
    ]);
    expect(state.comments.every((c) => c.quote === 'erhåller' && c.target === 'body')).toBe(true);
  });

  it('comments within the selection it was read from, and refuses when the selection changed', async () => {
    const selection = 'Ni erhåller beslutet inom kort.';
    const { word, office, state } = wordMock({ selection, body: BODY });
    const host = new WordAdapter(office, word);
    const source = await host.readSource();
    const start = selection.indexOf('erhåller');
    await expect(host.addComments(source, [{ start, end: start + 8, note: 'x' }])).resolves.toEqual({ added: 1, missed: 0 });
    expect(state.comments).toEqual([{ target: 'selection', start, end: start + 8, quote: 'erhåller', comment: 'x' }]);

    const stale = { text: 'En annan text.', scope: 'selection' as const, kind: 'document' as const };
    await expect(host.addComments(stale, [{ start: 3, end: 8, note: 'y' }])).rejects.toMatchObject({ code: 'selection_changed' });
    expect(state.comments).toHaveLength(1);
  });

  it('finds a long sentence by its head and tail, and expands the range over both', async () => {
    const sentence = `Med anledning av att ${'sökanden har lämnat in handlingar och '.repeat(8)}beslut fattas.`;
    const text = `Rubrik\r${sentence}\rSlut.`;
    expect(sentence.length).toBeGreaterThan(MAX_SEARCH);
    const { word, office, state } = wordMock({ body: text });
    const start = text.indexOf(sentence);
    const result = await new WordAdapter(office, word).addComments(body(text), [{ start, end: start + sentence.length, note: 'Lång mening' }]);
    expect(result).toEqual({ added: 1, missed: 0 });
    expect(state.searches).toHaveLength(2);
    expect(state.searches.every((s) => s.text.length <= MAX_SEARCH)).toBe(true);
    expect(state.comments[0]).toMatchObject({ start, end: start + sentence.length, quote: sentence });
  });

  it('counts what it could not find again, and escapes Word\'s special character', async () => {
    const text = 'Pris ^ moms. Fri text.';
    const { word, office, state } = wordMock({ body: text });
    const caret = text.indexOf('^ moms');
    const result = await new WordAdapter(office, word).addComments(body(text), [
      { start: caret, end: caret + 6, note: 'a' },
      // An empty span and one past the text: nothing to search for.
      { start: 4, end: 4, note: 'b' },
      { start: 30, end: 40, note: 'c' },
    ]);
    expect(result).toEqual({ added: 1, missed: 2 });
    expect(state.searches.map((s) => s.text)).toEqual(['^^ moms']);
    expect(state.comments[0]?.quote).toBe('^ moms');
  });
});

describe('anchors: finding a span again by search', () => {
  it('counts non-overlapping matches, as search returns them', () => {
    const text = 'erhålla, erhålla och erhålla';
    expect(occurrenceAt(text, 'erhålla', 0)).toBe(0);
    expect(occurrenceAt(text, 'erhålla', text.lastIndexOf('erhålla'))).toBe(2);
    expect(occurrenceAt(text, 'erhålla', 3)).toBeUndefined();
    // "aa" in "aaa" matches at 0 only: the span at 1 overlaps it, and search never returns it.
    expect(occurrenceAt('aaa', 'aa', 1)).toBeUndefined();
    expect(nthOccurrence(text, 'erhålla', 1)).toBe(text.indexOf('erhålla', 1));
    expect(nthOccurrence(text, 'erhålla', 3)).toBe(-1);
  });

  it('trims the span and anchors a short one by itself', () => {
    const text = 'Vi erhåller svar. Vi erhåller mer.';
    const start = text.lastIndexOf('erhåller');
    expect(anchorFor(text, start - 1, start + 9)).toEqual({ head: { text: 'erhåller', occurrence: 1 } });
    expect(anchorFor(text, 3, 3)).toBeUndefined();
    expect(anchorFor(text, 2, 3)).toBeUndefined();
  });

  it('anchors a span over lines by its first and last line', () => {
    const text = 'Ta med:\n- ID-kort\n- intyg.';
    expect(anchorFor(text, 0, text.length)).toEqual({
      head: { text: 'Ta med:', occurrence: 0 },
      tail: { text: '- intyg.', occurrence: 0 },
    });
  });

  it('cuts a long line at word boundaries to fit a search', () => {
    const words = Array.from({ length: 80 }, (_, i) => `ord${i}`).join(' ');
    const anchor = anchorFor(words, 0, words.length)!;
    expect(anchor.head.text.length).toBeLessThanOrEqual(MAX_SEARCH);
    expect(anchor.tail!.text.length).toBeLessThanOrEqual(MAX_SEARCH);
    expect(words.startsWith(anchor.head.text)).toBe(true);
    expect(words.endsWith(anchor.tail!.text)).toBe(true);
    expect(anchor.head.text.endsWith(' ')).toBe(false);
    expect(/^ord\d+$/.test(anchor.tail!.text.split(' ')[0]!)).toBe(true);
    expect(escapeWordSearch('a^p')).toBe('a^^p');
  });
});

describe('choosing an adapter', () => {
  it('tells Outlook read from compose mode', () => {
    expect(createOfficeAdapter(outlookMock('read').office, 'Outlook' as unknown as Office.HostType)?.kind).toBe('outlook-read');
    expect(createOfficeAdapter(outlookMock('compose').office, 'Outlook' as unknown as Office.HostType)?.kind).toBe('outlook-compose');
    expect(createOfficeAdapter(wordMock().office, 'Word' as unknown as Office.HostType)?.kind).toBe('word');
    expect(createOfficeAdapter(wordMock().office, null)).toBeUndefined();
  });
});

describe('shared helpers', () => {
  it('offers only what each host can do with an answer', () => {
    expect(insertActionsFor('word', 'summarize', 'body')).toEqual(['insert-cursor']);
    expect(insertActionsFor('word', 'summarize', 'selection')).toEqual(['insert-after']);
    expect(insertActionsFor('word', 'draft', undefined)).toEqual(['insert-cursor']);
    expect(insertActionsFor('outlook-compose', 'draft', undefined)).toEqual(['insert-cursor']);
  });

  it('escapes HTML and keeps paragraphs', () => {
    expect(textToHtml('a & b\r\n\r\n"c"')).toBe('<p>a &amp; b</p><p>&quot;c&quot;</p>');
  });

  it('compares texts across line-ending styles', () => {
    expect(sameText('a\rb ', 'a\nb')).toBe(true);
    expect(sameText('a', 'b')).toBe(false);
  });

  it('recognises English quote headers too', () => {
    expect(looksLikeThread('Thanks\n\nFrom: A\nSent: Monday\nTo: B')).toBe(true);
    expect(looksLikeThread('Bara en rad')).toBe(false);
  });
});
