/**
 * The simulated Word document: a textarea, and the comments the pane put into it, shown as Word does:
 * the commented text highlighted and each comment in the margin. A textarea cannot colour its own text,
 * so the highlights are drawn on a layer behind it that holds the same text in the same layout. The layer
 * also shows the selection while the focus is elsewhere (the pane), as Word does and a textarea does not:
 * a citation the pane selects can be seen.
 */

import { makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { SimulatedComment } from './adapter';

const useStyles = makeStyles({
  row: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr)', gap: tokens.spacingHorizontalL },
  withComments: { gridTemplateColumns: 'minmax(0, 1fr) minmax(180px, 240px)' },
  wrap: {
    position: 'relative',
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  // Shared by the textarea and the layer behind it: the same box and text layout, to the pixel.
  text: {
    display: 'block',
    width: '100%',
    boxSizing: 'border-box',
    margin: 0,
    padding: tokens.spacingHorizontalM,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase400,
    letterSpacing: 'normal',
    whiteSpace: 'pre-wrap',
    overflowWrap: 'break-word',
    borderRadius: tokens.borderRadiusMedium,
  },
  layer: {
    position: 'absolute',
    top: 0,
    bottom: 0,
    left: 0,
    overflowY: 'hidden',
    border: `${tokens.strokeWidthThin} solid transparent`,
    color: 'transparent',
    pointerEvents: 'none',
  },
  highlight: { backgroundColor: tokens.colorPaletteMarigoldBackground2, color: 'transparent', borderRadius: '2px' },
  // The selection while the textarea has no focus, in the colours the textarea selects with.
  selection: { backgroundColor: tokens.colorBrandBackground2, color: 'transparent', outline: `1px solid ${tokens.colorBrandStroke1}` },
  // A comment inside another one (a word in a commented sentence): underlined as well.
  nested: { boxShadow: `inset 0 -2px 0 ${tokens.colorPaletteMarigoldBorder2}` },
  area: {
    position: 'relative',
    resize: 'vertical',
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
    '::selection': { backgroundColor: tokens.colorBrandBackground, color: tokens.colorNeutralForegroundOnBrand },
  },
  // With comments the textarea lets the highlights show through.
  areaOver: { backgroundColor: 'transparent' },
  margin: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  marginHeading: { margin: 0, fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground2 },
  notes: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  note: {
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    borderLeft: `3px solid ${tokens.colorPaletteMarigoldBorder2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground1,
  },
  quote: { display: 'block', color: tokens.colorNeutralForeground2, fontStyle: 'italic', overflowWrap: 'anywhere' },
  lost: { display: 'block', color: tokens.colorNeutralForeground2 },
});

export interface WordDocumentProps {
  areaRef: (area: HTMLTextAreaElement | null) => void;
  initial: string;
  comments: SimulatedComment[];
  label: string;
  words: { comments: (n: number) => string; lost: string };
}

export function WordDocument({ areaRef, initial, comments, label, words }: WordDocumentProps) {
  const styles = useStyles();
  const [value, setValue] = useState(initial);
  const layer = useRef<HTMLDivElement>(null);
  const area = useRef<HTMLTextAreaElement | null>(null);
  const setArea = useCallback(
    (element: HTMLTextAreaElement | null) => {
      area.current = element;
      areaRef(element);
    },
    [areaRef],
  );
  const placed = useMemo(
    () => comments.map((c) => ({ ...c, at: place(value, c) })).sort((a, b) => a.at - b.at),
    [comments, value],
  );
  const [selection, setSelection] = useState<{ start: number; end: number } | undefined>(undefined);
  const pieces = useMemo(
    () => highlightPieces(value, placed.filter((c) => c.at !== -1), selection),
    [value, placed, selection],
  );
  const any = comments.length > 0;
  const layered = any || selection !== undefined;

  // What is selected while the focus is elsewhere; nothing to draw while the textarea shows it itself.
  useEffect(() => {
    const box = area.current;
    if (!box) return undefined;
    const follow = (): void => {
      const { selectionStart: start, selectionEnd: end } = box;
      setSelection(document.activeElement !== box && end > start ? { start, end } : undefined);
    };
    follow();
    const events = ['select', 'focus', 'blur', 'input'] as const;
    events.forEach((e) => box.addEventListener(e, follow));
    return () => events.forEach((e) => box.removeEventListener(e, follow));
  }, []);

  // The layer wraps its lines at the textarea's inner width, which its scrollbar (when it has one,
  // and as wide as this browser draws it) takes from: measure it rather than guess it.
  useEffect(() => {
    const box = area.current;
    if (!layered || !box) return undefined;
    const fit = (): void => {
      if (!layer.current) return;
      const style = getComputedStyle(box);
      const borders = parseFloat(style.borderLeftWidth) + parseFloat(style.borderRightWidth);
      layer.current.style.width = `${box.clientWidth + borders}px`;
      layer.current.scrollTop = box.scrollTop;
    };
    fit();
    const observer = new ResizeObserver(fit);
    observer.observe(box);
    return () => observer.disconnect();
  }, [layered]);

  return (
    <div className={mergeClasses(styles.row, any && styles.withComments)}>
      <div className={styles.wrap}>
        {layered ? (
          <div ref={layer} className={mergeClasses(styles.text, styles.layer)} aria-hidden data-testid="word-highlights">
            {pieces.map((piece, i) => {
              const selected = piece.selected ? { 'data-testid': 'word-selection' } : {};
              return piece.depth > 0 ? (
                <mark key={i} className={mergeClasses(styles.highlight, piece.depth > 1 && styles.nested, piece.selected && styles.selection)} {...selected}>
                  {piece.text}
                </mark>
              ) : (
                <span key={i} className={piece.selected ? styles.selection : undefined} {...selected}>
                  {piece.text}
                </span>
              );
            })}
            {/* Room for the textarea's last line and its bottom padding, so both scroll equally far. */}
            {'\n\n'}
          </div>
        ) : null}
        <textarea
          ref={setArea}
          className={mergeClasses(styles.text, styles.area, layered && styles.areaOver)}
          aria-label={label}
          defaultValue={initial}
          rows={26}
          onInput={(event) => setValue(event.currentTarget.value)}
          onScroll={(event) => {
            if (layer.current) layer.current.scrollTop = event.currentTarget.scrollTop;
          }}
          data-testid="word-document"
        />
      </div>
      {any ? (
        <section className={styles.margin} aria-label={words.comments(comments.length)} data-testid="word-comments">
          <h2 className={styles.marginHeading}>{words.comments(comments.length)}</h2>
          <ol className={styles.notes}>
            {placed.map((c, i) => (
              <li key={i} className={styles.note} data-testid="word-comment">
                <span className={styles.quote}>{shorten(c.quote)}</span>
                <span>{c.note}</span>
                {c.at === -1 ? <span className={styles.lost}>{words.lost}</span> : null}
              </li>
            ))}
          </ol>
        </section>
      ) : null}
    </div>
  );
}

/**
 * Where a comment's text is now. Word keeps a comment on its text as the text around it is edited;
 * here the quote is looked for again, nearest its old place. -1 when the text itself is gone.
 */
export function place(value: string, comment: SimulatedComment): number {
  if (value.slice(comment.start, comment.start + comment.quote.length) === comment.quote) return comment.start;
  let best = -1;
  for (let i = value.indexOf(comment.quote); i !== -1; i = value.indexOf(comment.quote, i + 1)) {
    if (best === -1 || Math.abs(i - comment.start) < Math.abs(best - comment.start)) best = i;
  }
  return best;
}

/** The text cut where comments and the selection start and end: how many comments cover each piece, and whether it is selected. */
function highlightPieces(
  value: string,
  comments: { at: number; quote: string }[],
  selection: { start: number; end: number } | undefined,
): { text: string; depth: number; selected: boolean }[] {
  const cuts = new Set<number>([0, value.length]);
  for (const c of comments) cuts.add(c.at).add(c.at + c.quote.length);
  if (selection) cuts.add(Math.min(selection.start, value.length)).add(Math.min(selection.end, value.length));
  const points = [...cuts].sort((a, b) => a - b);
  const pieces: { text: string; depth: number; selected: boolean }[] = [];
  for (let i = 0; i + 1 < points.length; i++) {
    const from = points[i] as number;
    const to = points[i + 1] as number;
    const depth = comments.filter((c) => c.at <= from && c.at + c.quote.length >= to).length;
    const selected = selection !== undefined && selection.start <= from && to <= selection.end;
    pieces.push({ text: value.slice(from, to), depth, selected });
  }
  return pieces;
}

function shorten(quote: string): string {
  const line = quote.replace(/\s+/g, ' ').trim();
  return line.length > 80 ? `”${line.slice(0, 77)}…”` : `”${line}”`;
}
