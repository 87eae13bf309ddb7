/**
 * An answer to a question, with its sources: each "[n]" is a link. In Word it selects the cited passage
 * in the document; everywhere it shows the quote under the answer (in Outlook read mode, that is all it
 * can do). Only citations whose quote is in the text asked about become links (api/citations.ts).
 */

import { Link, makeStyles, tokens } from '@fluentui/react-components';
import { useId, useMemo, useState } from 'react';
import { passagesIn, splitByCitations, type Passage } from '../api/citations';
import { shortQuote } from '../api/readability';
import type { Citation } from '../api/types';
import { useStrings } from '../i18n';
import { useSharedStyles } from './styles';

const useStyles = makeStyles({
  sources: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  list: { margin: 0, paddingLeft: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: '2px' },
  item: { display: 'flex', gap: tokens.spacingHorizontalXS, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  itemQuote: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  shown: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
});

export interface CitedAnswerProps {
  citations: readonly Citation[];
  /** The text asked about, as sent (cleanText); undefined when the server read it (a conversation). */
  text: string | undefined;
  /** Selects a passage in the document; absent where the host cannot (Outlook). */
  onSelect?: (passage: Passage) => Promise<boolean>;
}

type Shown = { id: number; state: 'quote' | 'selecting' | 'selected' | 'missing' };

/** The answer's text with its citation links; rendered inside the output card's text. */
export function AnswerWithLinks({ answer, passages, onShow }: { answer: string; passages: readonly Passage[]; onShow: (id: number) => void }) {
  const strings = useStrings();
  const ids = useMemo(() => new Set(passages.map((p) => p.id)), [passages]);
  const pieces = useMemo(() => splitByCitations(answer, ids), [answer, ids]);
  return (
    <>
      {pieces.map((piece, i) =>
        'citation' in piece ? (
          <Link
            key={i}
            as="button"
            inline
            onClick={() => onShow(piece.citation)}
            aria-label={strings.ask.citationLabel(piece.citation)}
            data-testid="citation-link"
            data-citation={piece.citation}
          >
            {piece.text}
          </Link>
        ) : (
          <span key={i}>{piece.text}</span>
        ),
      )}
    </>
  );
}

/** The cited passages of `text`, checked; the same list the links and the sources use. */
export function usePassages(text: string | undefined, citations: readonly Citation[] | undefined): Passage[] {
  return useMemo(() => (citations ? passagesIn(text, citations) : []), [text, citations]);
}

/** What showing a source does: the quote under the answer, and in Word the passage selected. */
export function useShownSource(passages: readonly Passage[], onSelect: CitedAnswerProps['onSelect']) {
  const [shown, setShown] = useState<Shown | undefined>(undefined);
  const show = (id: number): void => {
    const passage = passages.find((p) => p.id === id);
    if (!passage) return;
    if (!onSelect) {
      setShown({ id, state: 'quote' });
      return;
    }
    setShown({ id, state: 'selecting' });
    onSelect(passage)
      .catch(() => false)
      .then((found) => setShown((now) => (now?.id === id ? { id, state: found ? 'selected' : 'missing' } : now)));
  };
  return { shown, show };
}

/** The list of sources under the answer, and the quote of the one last shown. */
export function Sources({ passages, shown, onShow, canSelect }: { passages: readonly Passage[]; shown: Shown | undefined; onShow: (id: number) => void; canSelect: boolean }) {
  const strings = useStrings();
  const styles = useStyles();
  const shared = useSharedStyles();
  const headingId = useId();
  const quoteId = useId();
  const current = shown ? passages.find((p) => p.id === shown.id) : undefined;
  let said = '';
  if (shown && current) {
    if (shown.state === 'selected') said = strings.ask.selected(shown.id);
    else if (shown.state === 'missing') said = strings.ask.notFound(shown.id);
    else if (shown.state === 'quote') said = `${strings.ask.quoteHeading(shown.id)}: ${current.quote}`;
  }
  return (
    <section className={styles.sources} aria-labelledby={headingId} data-testid="sources">
      <h3 id={headingId} className={shared.subheading}>
        {strings.ask.sources}
      </h3>
      <ol className={styles.list} aria-label={strings.ask.sourcesLabel}>
        {passages.map((p) => (
          <li key={p.id} className={styles.item} data-testid="source" data-citation={p.id}>
            <Link
              as="button"
              inline
              onClick={() => onShow(p.id)}
              aria-label={canSelect ? strings.ask.showInDocument(p.id) : strings.ask.showQuote(p.id)}
              aria-controls={current?.id === p.id ? quoteId : undefined}
            >
              {`[${p.id}]`}
            </Link>
            <span className={styles.itemQuote}>{strings.ask.quoted(shortQuote(p.quote, 12))}</span>
          </li>
        ))}
      </ol>
      {current ? (
        <div className={styles.shown}>
          <blockquote id={quoteId} className={shared.quoteBlock} aria-label={strings.ask.quoteHeading(current.id)} data-testid="source-quote" data-citation={current.id} data-state={shown?.state}>
            {current.quote}
          </blockquote>
        </div>
      ) : null}
      {/* Said politely: the quote in Outlook, in Word whether the passage was found and selected. */}
      <p className={shared.visuallyHidden} role="status" data-testid="source-status">
        {said}
      </p>
    </section>
  );
}
