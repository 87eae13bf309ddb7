import { describe, expect, it } from 'vitest';
import { countByType, splitBySpans, toUtf16Spans } from '../../src/api/redaction';
import { describeCounts, languageFor, STRINGS } from '../../src/i18n';

describe('redaction offsets', () => {
  it('keeps offsets as they are for text without astral characters', () => {
    const text = 'Ring Åsa på 070-123 45 67.';
    const spans = toUtf16Spans(text, [{ start: 5, end: 8, type: 'PERSON', placeholder: '[PERSON_1]' }]);
    expect(text.slice(spans[0]!.start, spans[0]!.end)).toBe('Åsa');
  });

  it('converts Python code-point offsets to UTF-16 after emoji', () => {
    // Python: len("😀 Hej ") == 5, JS: 6. The name starts at code point 5.
    const text = '😀 Hej Karin Ek 👍🏽, ring 070-123 45 67';
    const points = [...text];
    const nameStart = points.indexOf('K');
    const phoneStart = points.indexOf('0');
    const spans = toUtf16Spans(text, [
      { start: phoneStart, end: points.length, type: 'PHONE', placeholder: '[PHONE_1]' },
      { start: nameStart, end: nameStart + 8, type: 'PERSON', placeholder: '[PERSON_1]' },
    ]);
    expect(spans.map((s) => text.slice(s.start, s.end))).toEqual(['Karin Ek', '070-123 45 67']);
  });

  it('drops spans that fall outside the text', () => {
    expect(toUtf16Spans('kort', [{ start: 2, end: 40, type: 'X', placeholder: '' }])).toEqual([]);
  });

  it('counts by type in order of appearance and splits the text into pieces', () => {
    const text = 'Anna och Bo, 070-1';
    const spans = toUtf16Spans(text, [
      { start: 0, end: 4, type: 'PERSON', placeholder: '' },
      { start: 9, end: 11, type: 'PERSON', placeholder: '' },
      { start: 13, end: 18, type: 'PHONE', placeholder: '' },
    ]);
    expect(countByType(spans)).toEqual([
      ['PERSON', 2],
      ['PHONE', 1],
    ]);
    expect(splitBySpans(text, spans).map((p) => [p.text, p.span?.type])).toEqual([
      ['Anna', 'PERSON'],
      [' och ', undefined],
      ['Bo', 'PERSON'],
      [', ', undefined],
      ['070-1', 'PHONE'],
    ]);
  });

  it('describes the counts in words, in Swedish and English', () => {
    const counts: [string, number][] = [
      ['PERSON', 2],
      ['EMAIL', 1],
      ['ADDRESS', 2],
    ];
    expect(describeCounts(STRINGS.sv, counts)).toBe('2 namn, 1 e-postadress och 2 adresser');
    expect(describeCounts(STRINGS.en, counts)).toBe('2 names, 1 email address and 2 addresses');
    expect(describeCounts(STRINGS.sv, [['NEWTYPE', 1]])).toBe('1 newtype');
  });
});

describe('language', () => {
  it('is Swedish unless Office runs in English', () => {
    expect(languageFor('sv-SE')).toBe('sv');
    expect(languageFor('en-US')).toBe('en');
    expect(languageFor('en-GB')).toBe('en');
    expect(languageFor('fi-FI')).toBe('sv');
    expect(languageFor(undefined)).toBe('sv');
  });
});
