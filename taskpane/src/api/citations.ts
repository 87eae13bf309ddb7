/**
 * Citations of an answer from POST /api/v1/ask: what the event says, which ones the pane can stand by,
 * and the answer cut at its "[n]" marks so that each can be a link to its source.
 */

import { toUtf16Offsets } from './redaction';
import type { Citation } from './types';

/** The citations event's data; anything malformed is left out rather than shown. */
export function parseCitations(data: unknown): Citation[] {
  const list = data !== null && typeof data === 'object' ? (data as { citations?: unknown }).citations : undefined;
  if (!Array.isArray(list)) return [];
  const out: Citation[] = [];
  for (const item of list as unknown[]) {
    if (item === null || typeof item !== 'object') continue;
    const { id, start, end, quote } = item as Record<string, unknown>;
    const n = typeof id === 'string' ? Number(id) : id;
    if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) continue;
    if (typeof start !== 'number' || typeof end !== 'number' || typeof quote !== 'string' || !quote.trim()) continue;
    out.push({ id: n, start, end, quote });
  }
  return out;
}

/** A citation where the pane has the text: UTF-16 offsets into it, as a textarea or Word search wants them. */
export interface Passage {
  id: number;
  /** UTF-16 offsets into the text asked about (as cleanText left it); -1 when it stands elsewhere. */
  start: number;
  end: number;
  quote: string;
}

/**
 * The citations as passages of `text` (the text sent, after cleanText). The server checks every quote;
 * the pane checks again where it has the text, and drops a quote that is not in it, so that a link never
 * points at words the document does not hold. Without the text (a thread the server read) each is kept.
 */
export function passagesIn(text: string | undefined, citations: readonly Citation[]): Passage[] {
  if (text === undefined) return citations.map((c) => ({ id: c.id, start: -1, end: -1, quote: c.quote }));
  const converted = toUtf16Offsets(text, citations);
  const out: Passage[] = [];
  for (const c of converted) {
    if (text.slice(c.start, c.end) === c.quote) {
      out.push({ id: c.id, start: c.start, end: c.end, quote: c.quote });
      continue;
    }
    // Offsets that miss (another count of the text) while the quote itself is there: go by the quote.
    const at = text.indexOf(c.quote);
    if (at !== -1) out.push({ id: c.id, start: at, end: at + c.quote.length, quote: c.quote });
  }
  return out;
}

export type AnswerPiece = { text: string } | { text: string; citation: number };

/** The answer cut at each "[n]" that has a citation; marks without one stay plain text. */
export function splitByCitations(answer: string, ids: ReadonlySet<number>): AnswerPiece[] {
  const pieces: AnswerPiece[] = [];
  let last = 0;
  for (const match of answer.matchAll(/\[(\d{1,3})\]/g)) {
    const id = Number(match[1]);
    if (!ids.has(id)) continue;
    const at = match.index;
    if (at > last) pieces.push({ text: answer.slice(last, at) });
    pieces.push({ text: match[0], citation: id });
    last = at + match[0].length;
  }
  if (last < answer.length) pieces.push({ text: answer.slice(last) });
  return pieces;
}
