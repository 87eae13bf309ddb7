/** Turning the API's redaction answer into what the preview shows. */

import type { RedactedEntity } from './types';

export interface Span {
  /** UTF-16 offsets into the JS string, ready for slice(). */
  start: number;
  end: number;
  type: string;
  placeholder: string;
}

const SURROGATE = /[\ud800-\udfff]/;

/**
 * The backend counts offsets in code points (Python), JS strings in UTF-16 units. They differ after
 * every character outside the Basic Multilingual Plane (emoji, some CJK), so convert once. Returns
 * copies of the items with start and end in UTF-16 units; an offset past the end becomes the end.
 */
export function toUtf16Offsets<T extends { start: number; end: number }>(text: string, items: readonly T[]): T[] {
  const copies = items.map((item) => ({ ...item }));
  if (!SURROGATE.test(text)) return copies;
  // units[i] is the UTF-16 offset of code point i; one extra entry for the end of the text.
  const units: number[] = [];
  let offset = 0;
  for (const char of text) {
    units.push(offset);
    offset += char.length;
  }
  units.push(offset);
  const at = (codePoint: number): number => units[Math.min(Math.max(codePoint, 0), units.length - 1)] ?? offset;
  for (const item of copies) {
    item.start = at(item.start);
    item.end = at(item.end);
  }
  return copies;
}

/** The redaction preview's spans, in UTF-16 units and text order; empty or out-of-range ones dropped. */
export function toUtf16Spans(text: string, entities: readonly RedactedEntity[]): Span[] {
  const spans = entities.map((e) => ({ start: e.start, end: e.end, type: e.type, placeholder: e.placeholder }));
  return toUtf16Offsets(text, spans)
    .filter((s) => s.end > s.start && s.start >= 0 && s.end <= text.length)
    .sort((a, b) => a.start - b.start);
}

/** How many of each type, in a stable order: the order types first appear in the text. */
export function countByType(spans: readonly { type: string }[]): [string, number][] {
  const counts = new Map<string, number>();
  for (const span of spans) counts.set(span.type, (counts.get(span.type) ?? 0) + 1);
  return [...counts.entries()];
}

export interface TextPiece<S extends Span = Span> {
  text: string;
  /** Where the piece starts in the text (UTF-16). */
  start: number;
  span?: S;
}

/** The text cut into plain and masked pieces, for highlighting. Overlaps keep the earlier span. */
export function splitBySpans<S extends Span>(text: string, spans: readonly S[]): TextPiece<S>[] {
  const pieces: TextPiece<S>[] = [];
  let cursor = 0;
  for (const span of spans) {
    if (span.start < cursor) continue;
    if (span.start > cursor) pieces.push({ text: text.slice(cursor, span.start), start: cursor });
    pieces.push({ text: text.slice(span.start, span.end), start: span.start, span });
    cursor = span.end;
  }
  if (cursor < text.length) pieces.push({ text: text.slice(cursor), start: cursor });
  return pieces;
}
