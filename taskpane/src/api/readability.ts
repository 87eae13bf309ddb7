/** Turning the API's readability answer into what the card shows: findings with spans, groups, bands, pieces. */

import { toUtf16Offsets } from './redaction';
import type { ReadabilityBand, ReadabilityFinding, ReadabilityReport } from './types';

export interface Finding {
  /** Its place in the server's list: stable for one report, used to select it. */
  id: number;
  kind: string;
  /** UTF-16 offsets into the text as sent, ready for slice(). */
  start: number;
  end: number;
  message: string;
  suggestion: string | null;
  /** The text the finding is about; empty for a finding about the whole text. */
  quote: string;
}

/**
 * Kinds whose span is a whole sentence. The preview marks them only when selected: marked all the time,
 * they would cover most of a dense text and hide the word-level findings inside them.
 */
const SENTENCE_KINDS: ReadonlySet<string> = new Set(['long_sentence', 'noun_heavy', 'hard_sentence', 'very_hard_sentence']);

/** Sentence marks that colour their sentence in the text (yellow: hard, red: very hard), as in Hemingway. */
export const LEVEL_KINDS: ReadonlySet<string> = new Set(['hard_sentence', 'very_hard_sentence']);

/** The order of the groups: what helps the reader most first (as the rewrite prompt orders them). */
const KIND_ORDER = [
  'decision_third_person',
  'very_hard_sentence',
  'long_sentence',
  'hard_sentence',
  'officialese',
  'legal_term',
  'passive',
  'noun_heavy',
  'noun_cluster',
  'abbreviation',
];

/**
 * The report's findings with UTF-16 spans. A whole-text finding keeps its empty span 0..0; a finding
 * whose span does not fit the text (it was not the text sent) is dropped rather than shown wrong.
 */
export function prepareFindings(text: string, report: Pick<ReadabilityReport, 'findings'>): Finding[] {
  const raw = report.findings.map((f: ReadabilityFinding, id) => ({ ...f, id }));
  return toUtf16Offsets(text, raw)
    .filter((f) => f.start >= 0 && f.end >= f.start && f.end <= text.length)
    .map((f) => ({
      id: f.id,
      kind: f.kind,
      start: f.start,
      end: f.end,
      message: f.message,
      suggestion: f.suggestion ?? null,
      quote: text.slice(f.start, f.end),
    }));
}

/** A finding about the whole text (the reader is never addressed): a note, not a highlight. */
export function isWholeText(finding: Pick<Finding, 'start' | 'end'>): boolean {
  return finding.start === finding.end;
}

export function isSentenceWide(finding: Pick<Finding, 'kind'>): boolean {
  return SENTENCE_KINDS.has(finding.kind);
}

export interface FindingGroup {
  kind: string;
  findings: Finding[];
}

/** Findings with a span, grouped by kind (known kinds in a fixed order, new ones after), in text order. */
export function groupFindings(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, Finding[]>();
  for (const finding of findings) {
    if (isWholeText(finding)) continue;
    const list = groups.get(finding.kind) ?? [];
    list.push(finding);
    groups.set(finding.kind, list);
  }
  const rank = (kind: string): number => {
    const i = KIND_ORDER.indexOf(kind);
    return i === -1 ? KIND_ORDER.length : i;
  };
  // Array.prototype.sort is stable: unknown kinds keep the order they first appear in.
  return [...groups.entries()]
    .map(([kind, list]) => ({ kind, findings: list.sort((a, b) => a.start - b.start || a.id - b.id) }))
    .sort((a, b) => rank(a.kind) - rank(b.kind));
}

/**
 * The band of a LIX value, with the backend's bounds (docs/readability.md): each band includes its
 * lower bound. The server's value is already rounded to one decimal, so band and number agree.
 */
export function bandFor(lix: number): ReadabilityBand {
  if (lix < 30) return 'very_easy';
  if (lix < 40) return 'easy';
  if (lix < 50) return 'medium';
  if (lix < 60) return 'difficult';
  return 'very_difficult';
}

/** The meter's scale: 0 to 80, where 60 and over is already "very difficult". */
export const LIX_SCALE_MAX = 80;
export const LIX_BOUNDS = [30, 40, 50, 60] as const;

/** Where a LIX value sits on the meter, 0 to 100 %, clamped. */
export function meterPercent(lix: number): number {
  return Math.min(100, Math.max(0, (lix / LIX_SCALE_MAX) * 100));
}

/** A sentence is shown by its beginning: enough to find it, short enough for a list. */
export function shortQuote(quote: string, words = 8): string {
  const parts = quote.trim().split(/\s+/);
  return parts.length > words ? `${parts.slice(0, words).join(' ')} …` : parts.join(' ');
}

export interface Piece {
  text: string;
  /** The hard or very hard sentence the piece lies in, if any: its background in the preview. */
  level?: string;
  /** Word-level findings that cover the piece (marked in the preview). */
  marks: Finding[];
  /** The selected finding covers the piece. */
  selected: boolean;
  /** The first piece of the selected finding: the preview scrolls to it. */
  selectedStart: boolean;
}

/**
 * The text cut where any marked finding (word-level ones, and the selected one) starts or ends, so that
 * nested and overlapping findings can all show: each piece knows which of them cover it.
 */
export function splitByFindings(text: string, findings: readonly Finding[], selectedId: number | undefined): Piece[] {
  const marked = findings.filter((f) => !isWholeText(f) && !isSentenceWide(f));
  const levels = findings.filter((f) => LEVEL_KINDS.has(f.kind));
  const selected = findings.find((f) => f.id === selectedId && !isWholeText(f));
  const cuts = new Set<number>([0, text.length]);
  for (const f of marked) cuts.add(f.start).add(f.end);
  for (const f of levels) cuts.add(f.start).add(f.end);
  if (selected) cuts.add(selected.start).add(selected.end);
  const points = [...cuts].filter((p) => p >= 0 && p <= text.length).sort((a, b) => a - b);

  const pieces: Piece[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i] as number;
    const to = points[i + 1] as number;
    if (to <= from) continue;
    const marks = marked.filter((f) => f.start <= from && f.end >= to);
    const level = levels.find((f) => f.start <= from && f.end >= to)?.kind;
    const inSelected = selected !== undefined && selected.start <= from && selected.end >= to;
    const last = pieces[pieces.length - 1];
    // Neighbours covered by the same findings are one piece: fewer elements, one <mark> per word.
    if (
      last &&
      last.selected === inSelected &&
      last.level === level &&
      sameFindings(last.marks, marks) &&
      !(inSelected && from === selected?.start)
    ) {
      last.text += text.slice(from, to);
      continue;
    }
    const piece: Piece = { text: text.slice(from, to), marks, selected: inSelected, selectedStart: inSelected && from === selected?.start };
    if (level) piece.level = level;
    pieces.push(piece);
  }
  return pieces;
}

function sameFindings(a: readonly Finding[], b: readonly Finding[]): boolean {
  return a.length === b.length && a.every((f, i) => f.id === b[i]?.id);
}
