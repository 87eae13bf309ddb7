/**
 * The release review's logic, without React or Office: splitting long documents, decisions on each
 * finding, checking findings against the document as it is now, the masked copy and the protocol.
 */

import { toUtf16Offsets } from '../api/redaction';

export type ReleaseArea = 'general' | 'healthcare' | 'social_services' | 'school' | 'hr';
export const AREAS: readonly ReleaseArea[] = ['general', 'healthcare', 'social_services', 'school', 'hr'];

/** One finding as the API sends it (offsets in code points of the part it was sent in). */
export interface ApiFinding {
  id: string;
  start: number;
  end: number;
  type: string;
  category: string;
  reason: string;
  provision: string;
}

export type Decision = 'pending' | 'accepted' | 'rejected';

/** A finding in the pane: UTF-16 offsets into the reviewed text, the officer's decision and reason. */
export interface ReviewFinding extends ApiFinding {
  /** What the span held when it was reviewed: checked again before anything is masked. */
  quote: string;
  decision: Decision;
  /** Added by the officer ("mark something the review missed"). */
  manual: boolean;
}

/** The mask every accepted passage becomes. One uniform token: it does not give away the length. */
export const MASK = '[MASKERAT]';

/** The server takes 200,000 characters per field by default; parts stay well below. */
export const PART_CHARS = 100_000;

export interface TextPart {
  /** UTF-16 offset of the part in the whole text. */
  offset: number;
  text: string;
}

/**
 * A text cut into parts of at most `max` UTF-16 units, at a paragraph break where there is one, else at
 * a line break or a space, never inside a surrogate pair. Joined again, the parts are the text.
 */
export function splitForReview(text: string, max = PART_CHARS): TextPart[] {
  const parts: TextPart[] = [];
  let offset = 0;
  while (text.length - offset > max) {
    const window = text.slice(offset, offset + max);
    let cut = max;
    for (const mark of ['\n\n', '\n', ' ']) {
      const at = window.lastIndexOf(mark);
      if (at >= max / 2) {
        cut = at + mark.length; // the break stays with the part before it
        break;
      }
    }
    const code = text.charCodeAt(offset + cut - 1);
    if (code >= 0xd800 && code <= 0xdbff) cut -= 1;
    parts.push({ offset, text: text.slice(offset, offset + cut) });
    offset += cut;
  }
  parts.push({ offset, text: text.slice(offset) });
  return parts;
}

/** The findings of one part as pane findings over the whole text: offsets converted and shifted. */
export function fromApi(part: TextPart, findings: readonly ApiFinding[], whole: string, prefix: string): ReviewFinding[] {
  return toUtf16Offsets(part.text, findings)
    .filter((f) => f.start >= 0 && f.end > f.start && f.end <= part.text.length)
    .map((f) => ({
      ...f,
      id: `${prefix}${f.id}`,
      start: f.start + part.offset,
      end: f.end + part.offset,
      quote: whole.slice(f.start + part.offset, f.end + part.offset),
      decision: 'pending' as const,
      manual: false,
    }));
}

/** Numbers the findings of all parts f1, f2, ... in text order. */
export function renumber(findings: ReviewFinding[]): ReviewFinding[] {
  return [...findings]
    .sort((a, b) => a.start - b.start || b.end - a.end)
    .map((f, i) => ({ ...f, id: f.manual ? f.id : `f${i + 1}` }));
}

/** The order categories are shown in: the most sensitive first, personal data last. */
export const CATEGORY_ORDER = [
  'protected_identity',
  'health',
  'social_services',
  'crime',
  'sexual_life',
  'ethnicity',
  'religion',
  'political_opinion',
  'trade_union',
  'school_welfare',
  'third_party',
  'personal_circumstances',
  'personal_data',
];

export interface FindingGroup {
  category: string;
  findings: ReviewFinding[];
}

export function groupByCategory(findings: readonly ReviewFinding[]): FindingGroup[] {
  const groups = new Map<string, ReviewFinding[]>();
  for (const f of findings) groups.set(f.category, [...(groups.get(f.category) ?? []), f]);
  const rank = (c: string): number => {
    const i = CATEGORY_ORDER.indexOf(c);
    return i === -1 ? CATEGORY_ORDER.length : i;
  };
  return [...groups.entries()]
    .map(([category, list]) => ({ category, findings: list.sort((a, b) => a.start - b.start) }))
    .sort((a, b) => rank(a.category) - rank(b.category));
}

/** The order to step through: the groups in order, each group in text order. */
export function stepOrder(findings: readonly ReviewFinding[]): ReviewFinding[] {
  return groupByCategory(findings).flatMap((g) => g.findings);
}

/** Where a finding is in the text as it is now; undefined when its text is no longer there. */
export interface Located {
  finding: ReviewFinding;
  start: number;
  end: number;
}

/**
 * Finds each finding again in `current`, the document as it is now. At the same place if the text there
 * is unchanged; else at the same occurrence of its quote (counted in the reviewed text), if the text
 * before it changed; else nowhere: such a finding is stale and is never masked.
 */
export function locate(reviewed: string, current: string, findings: readonly ReviewFinding[]): {
  located: Located[];
  stale: ReviewFinding[];
} {
  const located: Located[] = [];
  const stale: ReviewFinding[] = [];
  for (const f of findings) {
    if (current.slice(f.start, f.end) === f.quote) {
      located.push({ finding: f, start: f.start, end: f.end });
      continue;
    }
    const n = occurrenceIndex(reviewed, f.quote, f.start);
    const at = n === undefined ? -1 : nthIndex(current, f.quote, n);
    if (at !== -1 && f.quote) located.push({ finding: f, start: at, end: at + f.quote.length });
    else stale.push(f);
  }
  return { located, stale };
}

function occurrenceIndex(text: string, needle: string, position: number): number | undefined {
  if (!needle) return undefined;
  let n = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + 1)) {
    if (i === position) return n;
    if (i > position) return undefined;
    n++;
  }
  return undefined;
}

function nthIndex(text: string, needle: string, n: number): number {
  let i = text.indexOf(needle);
  for (let k = 0; k < n && i !== -1; k++) i = text.indexOf(needle, i + 1);
  return i;
}

export interface ProtocolEntry {
  /** 1-based, in text order. */
  number: number;
  /** Paragraph (1-based, blank lines not counted) and character positions in the original. */
  paragraph: number;
  start: number;
  end: number;
  category: string;
  provision: string;
  reason: string;
  /** Another place with the same words as masked passage `sameAs`, masked with it. */
  sameAs?: number;
}

export interface MaskedCopy {
  text: string;
  protocol: ProtocolEntry[];
}

const WORD_CHAR = /[\p{L}\p{N}_]/u;

/**
 * The release copy: each located accepted finding replaced by MASK, and every other place in the text
 * with the same words (whole words only), so that a name masked once is masked everywhere. Overlapping
 * passages are masked as one. The protocol lists each masked passage without its content.
 */
export function maskCopy(current: string, accepted: readonly Located[]): MaskedCopy {
  type Span = { start: number; end: number; finding: ReviewFinding; sameAs?: ReviewFinding };
  const spans: Span[] = accepted.map((l) => ({ start: l.start, end: l.end, finding: l.finding }));
  for (const l of accepted) {
    const quote = current.slice(l.start, l.end);
    if (quote.trim().length < 2) continue;
    for (let i = current.indexOf(quote); i !== -1; i = current.indexOf(quote, i + 1)) {
      const before = current[i - 1] ?? ' ';
      const after = current[i + quote.length] ?? ' ';
      if (WORD_CHAR.test(before) || WORD_CHAR.test(after)) continue;
      if (spans.some((s) => s.start <= i && i + quote.length <= s.end)) continue;
      spans.push({ start: i, end: i + quote.length, finding: l.finding, sameAs: l.finding });
    }
  }
  spans.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Span[] = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  // Each finding's own passage gets its number first, so a repeat earlier in the text can refer to it.
  const numbers = new Map<string, number>();
  merged.forEach((s, i) => {
    if (!s.sameAs && !numbers.has(s.finding.id)) numbers.set(s.finding.id, i + 1);
  });
  const pieces: string[] = [];
  const protocol: ProtocolEntry[] = [];
  let pos = 0;
  merged.forEach((s, i) => {
    pieces.push(current.slice(pos, s.start), MASK);
    pos = s.end;
    const sameAs = s.sameAs ? numbers.get(s.sameAs.id) : undefined;
    protocol.push({
      number: i + 1,
      paragraph: paragraphAt(current, s.start),
      start: s.start,
      end: s.end,
      category: s.finding.category,
      provision: s.finding.provision,
      reason: s.finding.reason,
      ...(sameAs !== undefined ? { sameAs } : {}),
    });
  });
  pieces.push(current.slice(pos));
  return { text: pieces.join(''), protocol };
}

/** The paragraph a position is in, counting non-blank lines from 1 (Word's paragraphs are lines). */
export function paragraphAt(text: string, position: number): number {
  let count = 0;
  for (const line of text.slice(0, position).split('\n').slice(0, -1)) if (line.trim()) count++;
  return count + 1;
}

/** The provisions used by the masked passages, with how many passages each covers, in first-use order. */
export function provisionsUsed(protocol: readonly ProtocolEntry[]): { provision: string; count: number; categories: string[] }[] {
  const used = new Map<string, { count: number; categories: Set<string> }>();
  for (const entry of protocol) {
    const item = used.get(entry.provision) ?? { count: 0, categories: new Set<string>() };
    item.count += 1;
    item.categories.add(entry.category);
    used.set(entry.provision, item);
  }
  return [...used.entries()].map(([provision, v]) => ({ provision, count: v.count, categories: [...v.categories] }));
}

/**
 * The places of `needle` in `text` that are whole words (for "mark something the review missed": the
 * officer selects or types the words, the pane finds where they are).
 */
export function placesOf(text: string, needle: string): number[] {
  const places: number[] = [];
  const quote = needle.trim();
  if (!quote) return places;
  for (let i = text.indexOf(quote); i !== -1; i = text.indexOf(quote, i + 1)) {
    const before = text[i - 1] ?? ' ';
    const after = text[i + quote.length] ?? ' ';
    if (!WORD_CHAR.test(before) && !WORD_CHAR.test(after)) places.push(i);
  }
  return places;
}
