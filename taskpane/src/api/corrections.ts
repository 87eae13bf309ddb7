/**
 * The user's corrections of the redaction preview: words to mask as well, detected details to send as
 * they are. Kept in UTF-16 offsets into each previewed text, sent in code points (docs/redaction.md).
 */

import type { MaskItem, UnmaskItem } from './types';

/** The types a user can give a marked word; OTHER is "other personal data". */
export const MASK_TYPES = ['PERSON', 'PERSONNUMMER', 'PHONE', 'EMAIL', 'ADDRESS', 'BANK', 'PLATE', 'OTHER'] as const;
export type MaskType = (typeof MASK_TYPES)[number];

/** One span of one previewed text (part), with the value it held, to find it again if the text moves. */
export interface CorrectionSpan {
  part: number;
  /** UTF-16 offsets into the part's text. */
  start: number;
  end: number;
  type: string;
  value: string;
}

export interface Corrections {
  mask: CorrectionSpan[];
  unmask: CorrectionSpan[];
}

export const NO_CORRECTIONS: Corrections = { mask: [], unmask: [] };

/** What one request field carries: mask and unmask in the API's code-point offsets. */
export interface CorrectionPayload {
  mask: MaskItem[];
  unmask: UnmaskItem[];
}

/** The case-free form values are compared in, as the server compares them. */
export function fold(value: string): string {
  return value.split(/\s+/).filter(Boolean).join(' ').toLocaleLowerCase('sv');
}

/** UTF-16 offset → code-point offset (Python's string index). */
export function toCodePoint(text: string, offset: number): number {
  let points = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const unit = text.charCodeAt(i);
    // A high surrogate followed by a low one is one code point: count it at its second half.
    if (unit >= 0xd800 && unit <= 0xdbff && i + 1 < text.length) {
      const next = text.charCodeAt(i + 1);
      if (next >= 0xdc00 && next <= 0xdfff) continue;
    }
    points++;
  }
  return points;
}

const WORD_CHAR = /[\p{L}\p{N}_\p{M}]/u;

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && WORD_CHAR.test(char);
}

/**
 * A selection widened to whole words and trimmed of white space: "jell Ek, " becomes "Kjell Ek".
 * Returns undefined when nothing but white space is left.
 */
export function snapToWords(text: string, start: number, end: number): { start: number; end: number } | undefined {
  let s = Math.max(0, Math.min(start, end));
  let e = Math.min(text.length, Math.max(start, end));
  while (s < e && /\s/.test(text[s] as string)) s++;
  while (e > s && /\s/.test(text[e - 1] as string)) e--;
  if (s >= e) return undefined;
  while (s > 0 && isWordChar(text[s - 1]) && isWordChar(text[s])) s--;
  while (e < text.length && isWordChar(text[e]) && isWordChar(text[e - 1])) e++;
  return { start: s, end: e };
}

/** Where a value occurs as whole words, any case, first match first; the selection's own place when given. */
export function findValue(text: string, value: string): { start: number; end: number }[] {
  const words = value.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const escaped = words.map((w) => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('\\s+');
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}_\\p{M}])${escaped}(?![\\p{L}\\p{N}_\\p{M}])`, 'giu');
  const found: { start: number; end: number }[] = [];
  for (const match of text.matchAll(pattern)) found.push({ start: match.index, end: match.index + match[0].length });
  if (found.length === 0) {
    // Not as a whole word: inside one, as typed (a part of a compound, say).
    const at = text.toLocaleLowerCase('sv').indexOf(value.trim().toLocaleLowerCase('sv'));
    if (at >= 0) found.push({ start: at, end: at + value.trim().length });
  }
  return found;
}

/**
 * A text's corrections in API form. A correction whose text changed since the preview is found again by
 * its value: a mask anywhere the value still is (never lost: that would send it unmasked), an unmask only
 * where exactly the same value still stands at the same place (never revealed by guess).
 */
export function payloadFor(corrections: Corrections, part: number, text: string): CorrectionPayload {
  const mask: MaskItem[] = [];
  for (const m of corrections.mask.filter((c) => c.part === part)) {
    const places = text.slice(m.start, m.end) === m.value ? [{ start: m.start, end: m.end }] : findValue(text, m.value).slice(0, 1);
    for (const p of places) mask.push({ start: toCodePoint(text, p.start), end: toCodePoint(text, p.end), type: m.type });
  }
  const unmask: UnmaskItem[] = corrections.unmask
    .filter((u) => u.part === part && text.slice(u.start, u.end) === u.value)
    .map((u) => ({ start: toCodePoint(text, u.start), end: toCodePoint(text, u.end) }));
  return { mask, unmask };
}

/** The corrections of the parts whose texts stay as they were; a changed part's are found again by value. */
export function carryOver(corrections: Corrections, before: readonly string[], after: readonly string[]): Corrections {
  const mask: CorrectionSpan[] = [];
  for (const m of corrections.mask) {
    const text = after[m.part];
    if (text === undefined) continue;
    if (text === before[m.part]) mask.push(m);
    else for (const p of findValue(text, m.value).slice(0, 1)) mask.push({ ...m, ...p });
  }
  const unmask = corrections.unmask.filter((u) => after[u.part] === before[u.part] && after[u.part] !== undefined);
  return { mask, unmask };
}

/** Mask a value: in every part where it occurs (the server then masks every mention in each). */
export function addMask(
  corrections: Corrections,
  texts: readonly string[],
  value: string,
  type: string,
  at?: { part: number; start: number; end: number },
): { corrections: Corrections; places: number } {
  const key = fold(value);
  const mask = corrections.mask.filter((m) => fold(m.value) !== key);
  // A value the user masks is no longer one they unmasked.
  const unmask = corrections.unmask.filter((u) => fold(u.value) !== key);
  let places = 0;
  texts.forEach((text, part) => {
    const found = findValue(text, value);
    places += found.length;
    const first = at && at.part === part ? at : found[0];
    if (first) mask.push({ part, start: first.start, end: first.end, type, value: text.slice(first.start, first.end) });
  });
  return { corrections: { mask, unmask }, places };
}

/** Undo a mask the user made. */
export function removeMask(corrections: Corrections, value: string): Corrections {
  const key = fold(value);
  return { ...corrections, mask: corrections.mask.filter((m) => fold(m.value) !== key) };
}

/** Send every detected span holding this value as it is (the server unmasks only detected spans). */
export function addUnmask(corrections: Corrections, spans: readonly CorrectionSpan[]): Corrections {
  const known = new Set(corrections.unmask.map((u) => `${u.part}:${u.start}:${u.end}`));
  const unmask = [...corrections.unmask];
  for (const span of spans) {
    const key = `${span.part}:${span.start}:${span.end}`;
    if (known.has(key)) continue;
    known.add(key);
    unmask.push(span);
  }
  return { ...corrections, unmask };
}

/** Mask a value again that the user had unmasked. */
export function removeUnmask(corrections: Corrections, value: string): Corrections {
  const key = fold(value);
  return { ...corrections, unmask: corrections.unmask.filter((u) => fold(u.value) !== key) };
}

/** Whether the user masked this value (the server masks its mentions too). */
export function isUserMasked(corrections: Corrections, value: string): boolean {
  const key = fold(value);
  return corrections.mask.some((m) => fold(m.value) === key || `${fold(m.value)}s` === key);
}
