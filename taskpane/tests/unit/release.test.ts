/** The release review's pane logic: parts, offsets, stale findings, the masked copy and the case texts. */

import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { KollegaApi, type TokenSource } from '../../src/api/client';
import { decisionText, protocolText } from '../../src/release/documents';
import { docxBytes } from '../../src/release/docx';
import {
  fromApi,
  groupByCategory,
  locate,
  MASK,
  maskCopy,
  paragraphAt,
  placesOf,
  splitForReview,
  stepOrder,
  type ApiFinding,
  type ReviewFinding,
} from '../../src/release/model';
import { reviewText } from '../../src/release/use-release-review';
import { OutlookReadReleaseHost, releaseHostFor, WordReleaseHost } from '../../src/release/host';
import { OutlookComposeAdapter } from '../../src/hosts/outlook-compose';
import { OutlookReadAdapter } from '../../src/hosts/outlook-read';
import { WordAdapter } from '../../src/hosts/word';
import { outlookMock, wordMock } from './office-mocks';

function finding(text: string, quote: string, extra: Partial<ReviewFinding> = {}, from = 0): ReviewFinding {
  const start = text.indexOf(quote, from);
  if (start === -1) throw new Error(`no ${quote}`);
  return {
    id: `f-${start}`,
    start,
    end: start + quote.length,
    type: 'PERSON',
    category: 'personal_data',
    reason: 'Personuppgift: namn',
    provision: '26 kap. 1 § OSL',
    quote,
    decision: 'accepted',
    manual: false,
    ...extra,
  };
}

describe('splitting a long document', () => {
  it('cuts at paragraph breaks, keeps every character and the offsets', () => {
    const paragraph = 'Sökanden har ett missbruk av alkohol. '.repeat(40).trim();
    const text = Array.from({ length: 12 }, () => paragraph).join('\n\n');
    const parts = splitForReview(text, 5_000);
    expect(parts.length).toBeGreaterThan(2);
    expect(parts.map((p) => p.text).join('')).toBe(text);
    for (const part of parts) {
      expect(part.text.length).toBeLessThanOrEqual(5_000);
      expect(text.slice(part.offset, part.offset + part.text.length)).toBe(part.text);
      if (part.offset > 0) expect(text.slice(part.offset - 2, part.offset)).toBe('\n\n');
    }
  });

  it('never cuts a surrogate pair', () => {
    const text = `${'a'.repeat(99)}😀${'b'.repeat(50)}`;
    const parts = splitForReview(text, 100);
    expect(parts[0]?.text.endsWith('a')).toBe(true);
    expect(parts.map((p) => p.text).join('')).toBe(text);
  });

  it('shifts the findings of a later part, in code points converted to UTF-16', () => {
    const whole = 'Första delen 😀.\nAnna Ek 😀 har diabetes.';
    const [first, second] = splitForReview(whole, 30);
    expect(second).toBeDefined();
    // The server counts code points: in part two "diabetes" starts after one emoji (1 code point, 2 units).
    const partText = second!.text;
    const cp = [...partText].indexOf('d');
    const api: ApiFinding[] = [{ id: 'f1', start: cp, end: cp + 8, type: 'HEALTH', category: 'health', reason: 'r', provision: 'p' }];
    const [f] = fromApi(second!, api, whole, 'p1-');
    expect(first).toBeDefined();
    expect(whole.slice(f!.start, f!.end)).toBe('diabetes');
    expect(f!.quote).toBe('diabetes');
  });

  it('asks again with smaller parts when the server says the text is too long', async () => {
    const text = `${'Han har diabetes. '.repeat(400)}`;
    const sizes: number[] = [];
    const tokens: TokenSource = { getToken: async () => 't' };
    const api = new KollegaApi(tokens, {
      fetch: async (_url, init) => {
        const body = JSON.parse(String(init.body)) as { text: string };
        sizes.push(body.text.length);
        if (body.text.length > 3_000) {
          return new Response(JSON.stringify({ status: 422, code: 'text_too_long' }), {
            status: 422,
            headers: { 'Content-Type': 'application/problem+json' },
          });
        }
        const at = body.text.indexOf('diabetes');
        return Response.json({ findings: [{ id: 'f1', start: at, end: at + 8, type: 'HEALTH', category: 'health', reason: 'r', provision: 'p' }] });
      },
    });
    const found = await reviewText(api, text, 'general', () => undefined);
    expect(Math.max(...sizes.slice(-3))).toBeLessThanOrEqual(3_000);
    expect(found.length).toBeGreaterThan(1);
    for (const f of found) expect(text.slice(f.start, f.end)).toBe('diabetes');
    expect(found.map((f) => f.id)).toEqual(found.map((_, i) => `f${i + 1}`));
  });
});

describe('findings against the document as it is now', () => {
  const reviewed = 'Anna Ek har diabetes. Hon bor i Exempelby.';

  it('keeps a finding whose text is still at its place', () => {
    const f = finding(reviewed, 'Anna Ek');
    expect(locate(reviewed, reviewed, [f]).located[0]).toMatchObject({ start: 0, end: 7 });
  });

  it('follows a finding when text before it changed', () => {
    const f = finding(reviewed, 'diabetes');
    const now = `Tillägg. ${reviewed}`;
    const { located, stale } = locate(reviewed, now, [f]);
    expect(stale).toEqual([]);
    expect(now.slice(located[0]!.start, located[0]!.end)).toBe('diabetes');
  });

  it('flags a finding whose text is gone and never masks it elsewhere', () => {
    const f = finding(reviewed, 'diabetes');
    const now = reviewed.replace('diabetes', 'astma');
    const { located, stale } = locate(reviewed, now, [f]);
    expect(located).toEqual([]);
    expect(stale.map((s) => s.id)).toEqual([f.id]);
  });
});

describe('the masked copy', () => {
  it('replaces accepted passages and every other whole-word place with the same words', () => {
    const text = 'Anna Ek har diabetes. Annas bror ringde. Anna Ek kom sedan.';
    const copy = maskCopy(text, [{ finding: finding(text, 'Anna Ek'), start: 0, end: 7 }]);
    expect(copy.text).toBe(`${MASK} har diabetes. Annas bror ringde. ${MASK} kom sedan.`);
    expect(copy.protocol.map((e) => [e.number, e.sameAs])).toEqual([[1, undefined], [2, 1]]);
  });

  it('masks overlapping passages once', () => {
    const text = 'Klienten Sara Nilsson har ett missbruk av alkohol.';
    const clause = finding(text, 'Klienten Sara Nilsson har ett missbruk av alkohol', { id: 'a', category: 'social_services' });
    const name = finding(text, 'Sara Nilsson', { id: 'b' });
    const copy = maskCopy(text, [clause, name].map((f) => ({ finding: f, start: f.start, end: f.end })));
    expect(copy.text).toBe(`${MASK}.`);
    expect(copy.protocol).toHaveLength(1);
  });

  it('on the whole hand-marked test set, holds none of the accepted passages', () => {
    // The same files the backend's goal test scores (tests/release/corpus/), read through Vite.
    const corpus = import.meta.glob<string>('../../../tests/release/corpus/*.txt', { query: '?raw', import: 'default', eager: true });
    const files = Object.keys(corpus);
    expect(files.length).toBeGreaterThanOrEqual(40);
    let checked = 0;
    for (const file of files) {
      const raw = (corpus[file] ?? '').split('\n').slice(1).join('\n');
      const findings: ReviewFinding[] = [];
      let text = '';
      let pos = 0;
      for (const match of raw.matchAll(/\[\[([\s\S]+?)\]\]/g)) {
        text += raw.slice(pos, match.index);
        const quote = match[1] ?? '';
        findings.push({ ...finding(`${text}${quote}`, quote, {}, text.length), id: `f${findings.length}` });
        text += quote;
        pos = (match.index ?? 0) + match[0].length;
      }
      text += raw.slice(pos);
      const copy = maskCopy(text, findings.map((f) => ({ finding: f, start: f.start, end: f.end })));
      for (const f of findings) {
        expect(copy.text.includes(f.quote), `${file}: ${f.quote}`).toBe(false);
        checked += 1;
      }
      const protocol = protocolText(copy.protocol, { title: file, date: new Date(2025, 2, 1) });
      for (const f of findings) if (f.quote.length > 12) expect(protocol.includes(f.quote), `${file} protocol`).toBe(false);
    }
    expect(checked).toBeGreaterThan(150);
  });
});

describe('grouping, stepping and adding what the review missed', () => {
  it('groups the most sensitive categories first and steps group by group', () => {
    const text = 'Anna Ek har diabetes och skyddad identitet.';
    const list = [
      finding(text, 'Anna Ek'),
      finding(text, 'diabetes', { category: 'health' }),
      finding(text, 'skyddad identitet', { category: 'protected_identity' }),
    ];
    expect(groupByCategory(list).map((g) => g.category)).toEqual(['protected_identity', 'health', 'personal_data']);
    expect(stepOrder(list).map((f) => f.quote)).toEqual(['skyddad identitet', 'diabetes', 'Anna Ek']);
  });

  it('finds typed words as whole words only', () => {
    expect(placesOf('Sara och Saras bror. Sara igen.', 'Sara')).toEqual([0, 21]);
    expect(placesOf('text', '  ')).toEqual([]);
  });

  it('counts paragraphs as Word does, blank lines not counted', () => {
    const text = 'Rubrik\n\nFörsta stycket.\nAndra stycket.';
    expect(paragraphAt(text, text.indexOf('Andra'))).toBe(3);
  });
});

describe('the case texts', () => {
  const text = 'Remiss\nPatienten Anna Ek har diabetes.';
  const health = finding(text, 'Patienten Anna Ek har diabetes', { category: 'health', provision: '25 kap. 1 § OSL', reason: 'Uppgift om hälsa' });
  const copy = maskCopy(text, [{ finding: health, start: health.start, end: health.end }]);

  it('the masking record gives place, category and provision, not the content', () => {
    const record = protocolText(copy.protocol, { title: 'Remiss', date: new Date(2025, 2, 1) });
    expect(record).toContain('1 | 2 | 8–37 | hälsa | 25 kap. 1 § OSL | Uppgift om hälsa');
    expect(record).not.toContain('diabetes');
    expect(record).toContain('2025-03-01');
  });

  it('the draft decision names the provisions and how to appeal', () => {
    const decision = decisionText(copy.protocol, { title: 'Remiss', date: new Date(2025, 2, 1) });
    expect(decision).toContain('– 25 kap. 1 §: 1 uppgift (hälsa).');
    expect(decision).toContain('kammarrätten');
    expect(decision).toContain('inom tre veckor');
    expect(decision).toContain('offentlighets- och sekretesslagen (2009:400)');
    expect(decision).not.toContain('diabetes');
  });

  it('the new document is a .docx Word can open: the three parts, one paragraph per line', () => {
    const files = unzipSync(docxBytes('Rad ett & <två>\n\nRad tre'));
    expect(Object.keys(files).sort()).toEqual(['[Content_Types].xml', '_rels/.rels', 'word/document.xml']);
    const xml = strFromU8(files['word/document.xml']!);
    expect(xml).toContain('<w:t xml:space="preserve">Rad ett &amp; &lt;två&gt;</w:t>');
    expect(xml.match(/<w:p[ />]/g)).toHaveLength(3);
  });
});

describe('the release hosts over Office', () => {
  it('Word: reads the body as the API takes it, selects a finding by search, and opens the copy as a new document', async () => {
    const { word, office, state } = wordMock({ body: 'Rubrik\rAnna Ek har diabetes.\rAnna Ek kom.' });
    const host = new WordReleaseHost(office, word);
    const text = await host.readDocument();
    expect(text).toBe('Rubrik\nAnna Ek har diabetes.\nAnna Ek kom.');
    // The second "Anna Ek" is the second match of the search.
    const start = text.lastIndexOf('Anna Ek');
    await expect(host.show(text, start, start + 7)).resolves.toBe(true);
    expect(state.searches.at(-1)).toMatchObject({ target: 'body', text: 'Anna Ek', options: { matchCase: true } });
    expect(state.selected).toEqual([{ target: 'body', start, end: start + 7, quote: 'Anna Ek' }]);
    await expect(host.show(text, text.indexOf('diabetes'), text.indexOf('diabetes') + 8)).resolves.toBe(true);

    expect(host.canCreateDocument()).toBe(true);
    await host.createDocument(`${MASK} kom.`);
    expect(state.created).toHaveLength(1);
    expect(state.created[0]?.opened).toBe(true);
    const files = unzipSync(Uint8Array.from(atob(state.created[0]!.base64), (c) => c.charCodeAt(0)));
    expect(strFromU8(files['word/document.xml']!)).toContain(`${MASK} kom.`);
    // The document the pane runs in was not edited.
    expect(state.edits).toEqual([]);
  });

  it('Word without WordApi 1.3 cannot open a document and says so', async () => {
    const { word, office } = wordMock({ wordApi13: false });
    const host = new WordReleaseHost(office, word);
    expect(host.canCreateDocument()).toBe(false);
    await expect(host.createDocument('x')).rejects.toMatchObject({ code: 'host_error' });
  });

  it('Word: a span that is no longer in the document is not selected', async () => {
    const { word, office, state } = wordMock({ body: 'Anna Ek har astma.' });
    const host = new WordReleaseHost(office, word);
    const reviewed = 'Anna Ek har diabetes.';
    await expect(host.show(reviewed, 12, 20)).resolves.toBe(false);
    expect(state.selected).toEqual([]);
  });

  it('Outlook read mode: reads the message, selects nothing, opens no document', async () => {
    const { office } = outlookMock('read', { body: 'Hej!\r\nJag har diabetes.' });
    const host = new OutlookReadReleaseHost(office);
    await expect(host.readDocument()).resolves.toBe('Hej!\nJag har diabetes.');
    await expect(host.readSelection()).resolves.toBeUndefined();
    await expect(host.show()).resolves.toBe(false);
    expect(host.canCreateDocument()).toBe(false);
  });

  it('the pane picks the release host from the adapter, and none in compose mode', () => {
    const { word, office } = wordMock();
    expect(releaseHostFor(new WordAdapter(office, word))).toBeInstanceOf(WordReleaseHost);
    expect(releaseHostFor(new OutlookReadAdapter(outlookMock('read').office))).toBeInstanceOf(OutlookReadReleaseHost);
    expect(releaseHostFor(new OutlookComposeAdapter(outlookMock('compose').office))).toBeUndefined();
  });
});
