/**
 * Finding a span of a text again inside the document it came from. Word has no "range at offset"; it
 * has search() within a range, which returns every match in document order. So a span becomes the
 * text to search for and which match it is (duplicates: "erhålla" three times is matches 0, 1 and 2).
 * Word's search takes at most 255 characters and no line breaks, so a long or multi-line span (a whole
 * sentence) is found by its head and its tail, and the range between them is expanded to cover both.
 */

export interface SearchAnchor {
  /** What to search for: one line, at most MAX_SEARCH characters. */
  text: string;
  /** Which match, 0-based, among the non-overlapping matches in the searched text. */
  occurrence: number;
}

export interface RangeAnchor {
  head: SearchAnchor;
  /** Set when the span is too long or spans lines: the range runs from the head to this. */
  tail?: SearchAnchor;
}

/** Word allows 255 characters in a search; a margin for escaped characters ("^" becomes "^^"). */
export const MAX_SEARCH = 200;

const LINE_BREAK = /[\n\r\v\f\u0085\u2028\u2029]/;

/**
 * The anchor of text[start, end), or undefined when it cannot be found again by search: empty, or a
 * match that overlaps an earlier one (search never returns it).
 */
export function anchorFor(text: string, start: number, end: number): RangeAnchor | undefined {
  // Whitespace at the edges is no part of what a reader sees as the span.
  while (start < end && /\s/.test(text[start] ?? '')) start++;
  while (end > start && /\s/.test(text[end - 1] ?? '')) end--;
  if (end <= start) return undefined;
  const span = text.slice(start, end);
  if (span.length <= MAX_SEARCH && !LINE_BREAK.test(span)) {
    const occurrence = occurrenceAt(text, span, start);
    return occurrence === undefined ? undefined : { head: { text: span, occurrence } };
  }
  const headText = headOf(span);
  const tailText = tailOf(span);
  const tailStart = end - tailText.length;
  const head = occurrenceAt(text, headText, start);
  const tail = occurrenceAt(text, tailText, tailStart);
  if (head === undefined || tail === undefined) return undefined;
  return { head: { text: headText, occurrence: head }, tail: { text: tailText, occurrence: tail } };
}

/** Which non-overlapping match of `needle`, counted from the start of `text`, begins at `position`. */
export function occurrenceAt(text: string, needle: string, position: number): number | undefined {
  if (!needle) return undefined;
  let count = 0;
  for (let i = text.indexOf(needle); i !== -1; i = text.indexOf(needle, i + needle.length)) {
    if (i === position) return count;
    if (i > position) return undefined;
    count++;
  }
  return undefined;
}

/** Where the n-th non-overlapping match of `needle` starts, as search would find it; -1 if there is none. */
export function nthOccurrence(text: string, needle: string, n: number): number {
  if (!needle || n < 0) return -1;
  let i = text.indexOf(needle);
  for (let k = 0; k < n && i !== -1; k++) i = text.indexOf(needle, i + needle.length);
  return i;
}

/** Where an anchor points in `text` (UTF-16 offsets), found as search finds it; undefined when it is not there. */
export function rangeOf(text: string, anchor: RangeAnchor): { start: number; end: number } | undefined {
  const head = nthOccurrence(text, anchor.head.text, anchor.head.occurrence);
  const tail = anchor.tail ? nthOccurrence(text, anchor.tail.text, anchor.tail.occurrence) : head;
  if (head === -1 || tail === -1) return undefined;
  const end = tail + (anchor.tail ?? anchor.head).text.length;
  return end > head ? { start: head, end } : undefined;
}

/** The first line of a span, cut at a word boundary to fit a search. */
function headOf(span: string): string {
  const line = span.split(LINE_BREAK)[0] ?? '';
  if (line.length <= MAX_SEARCH) return line.trimEnd();
  const cut = line.lastIndexOf(' ', MAX_SEARCH);
  return (cut > MAX_SEARCH / 2 ? line.slice(0, cut) : line.slice(0, MAX_SEARCH)).trimEnd();
}

/** The last line of a span, cut at a word boundary to fit a search. */
function tailOf(span: string): string {
  const lines = span.split(LINE_BREAK);
  const line = lines[lines.length - 1] ?? '';
  if (line.length <= MAX_SEARCH) return line.trimStart();
  const from = line.length - MAX_SEARCH;
  const cut = line.indexOf(' ', from);
  return (cut !== -1 && cut < from + MAX_SEARCH / 2 ? line.slice(cut + 1) : line.slice(from)).trimStart();
}

/** Word's search treats "^" as the start of a special character (^p, ^t): a literal one is "^^". */
export function escapeWordSearch(text: string): string {
  return text.replace(/\^/g, '^^');
}

/**
 * Where a cited passage stands in the document's text now. The passage's offsets index `source` (the
 * selection or body it was cited from); that text is looked for in the document, and the passage taken
 * at the same place in it. Where the document changed around it, the quote is looked for itself (its
 * first place). Undefined when the quote is not in the document at all.
 */
export function passageAnchor(document: string, source: string | undefined, passage: { start: number; end: number; quote: string }): RangeAnchor | undefined {
  const base = source !== undefined && passage.start >= 0 ? document.indexOf(source) : -1;
  if (base !== -1 && document.slice(base + passage.start, base + passage.end) === passage.quote) {
    const anchor = anchorFor(document, base + passage.start, base + passage.end);
    if (anchor) return anchor;
  }
  const at = document.indexOf(passage.quote);
  return at === -1 ? undefined : anchorFor(document, at, at + passage.quote.length);
}
