/**
 * "N personal details will be masked before the text is sent", by type, with the text itself
 * highlighted on request: the user sees what the model will not.
 */

import { Button, Field, Input, makeStyles, mergeClasses, Select, Spinner, tokens } from '@fluentui/react-components';
import { ShieldLockRegular } from '@fluentui/react-icons';
import { useEffect, useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import {
  addMask,
  addUnmask,
  fold,
  isUserMasked,
  MASK_TYPES,
  removeMask,
  removeUnmask,
  snapToWords,
  type CorrectionSpan,
} from '../api/corrections';
import { countByType, splitBySpans, type Span } from '../api/redaction';
import { describeCounts, typeLabel, useStrings } from '../i18n';
import { ShowHideButton } from './ShowHideButton';
import { useSharedStyles } from './styles';
import type { CorrectedPreview, PreviewedPart } from './use-redaction';

const useStyles = makeStyles({
  line: {
    display: 'flex',
    alignItems: 'flex-start',
    gap: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground2,
  },
  icon: {
    flexShrink: 0,
    fontSize: '16px',
    color: tokens.colorBrandForeground1,
  },
  text: { flexGrow: 1, paddingTop: '1px' },
  toggle: { flexShrink: 0, minWidth: 'auto', marginTop: '-5px' },
  region: { maxHeight: '240px' },
  partLabel: {
    display: 'block',
    fontWeight: tokens.fontWeightSemibold,
    marginTop: tokens.spacingVerticalXS,
  },
  mark: {
    // Brand background with its own foreground: the pair is contrast-checked in every Fluent theme.
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    borderRadius: tokens.borderRadiusSmall,
    padding: '0 2px',
    outline: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke2}`,
  },
  // Masked because the user said so: the same colours, a dashed outline to tell it apart.
  userMark: { outlineStyle: 'dashed' },
  // Sent as it is because the user said so: plain text, underlined so that it can be found.
  unmasked: { textDecorationLine: 'underline', textDecorationStyle: 'dotted' },
  correct: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    marginTop: tokens.spacingVerticalS,
    fontSize: tokens.fontSizeBase200,
  },
  correctHeading: { fontWeight: tokens.fontWeightSemibold, margin: 0, fontSize: tokens.fontSizeBase300 },
  form: { display: 'flex', flexWrap: 'wrap', alignItems: 'flex-end', gap: tokens.spacingHorizontalS },
  phrase: { flexGrow: 1, minWidth: '140px' },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS },
  rowText: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  rowState: { color: tokens.colorNeutralForeground2 },
  rowButton: { flexShrink: 0, whiteSpace: 'nowrap', minWidth: 'auto' },
  tag: {
    marginLeft: '2px',
    padding: '0 4px',
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralBackground4,
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase100,
    whiteSpace: 'nowrap',
  },
});

/** A span as the preview shows it: masked (by detection or the user), or sent as it is on the user's word. */
interface ShownSpan extends Span {
  state: 'masked' | 'byUser' | 'unmasked';
}

/** One distinct value in the list under the text, with every place it stands. */
interface Detail {
  key: string;
  value: string;
  type: string;
  state: ShownSpan['state'];
  spans: CorrectionSpan[];
}

export interface RedactionPreviewProps {
  preview: CorrectedPreview;
  /** Said instead of a preview when the server reads the text itself (a whole conversation). */
  serverSideNote?: string;
  /** The organisation lets users unmask detected details (KOLLEGA_REDACTION_ALLOW_UNMASK). */
  allowUnmask?: boolean;
  /** Says a change aloud through the pane's live region. */
  onAnnounce?: (message: string) => void;
}

export function RedactionPreview({ preview, serverSideNote, allowUnmask = false, onAnnounce }: RedactionPreviewProps) {
  const strings = useStrings();
  const styles = useStyles();
  const shared = useSharedStyles();
  const [open, setOpen] = useState(false);
  const regionId = useId();
  const headingId = useId();
  // The words the user last selected in the text with the mouse: they fill the form below.
  const [selection, setSelection] = useState<Selected | undefined>(undefined);

  const spans = preview.parts.flatMap((p) => p.spans);
  const counts = countByType(spans);
  let message: string;
  if (serverSideNote) message = serverSideNote;
  else if (preview.status === 'checking' && preview.parts.length === 0) message = strings.redaction.checking;
  else if (preview.status === 'error') message = strings.redaction.failed;
  else if (spans.length === 0) message = preview.status === 'idle' ? '' : strings.redaction.none;
  else message = strings.redaction.summary(spans.length, describeCounts(strings, counts));
  if (!message) return null;

  // The details can be shown, and corrected, whenever there is a text: also when nothing was found,
  // since that is when a missed detail matters most.
  const canShow = !serverSideNote && preview.parts.length > 0 && preview.status !== 'error';
  const shown = preview.parts.map((part) => shownSpans(part, preview));
  const details = listDetails(preview, shown);
  return (
    <div>
      <div className={styles.line} data-testid="redaction-summary">
        {preview.status === 'checking' ? (
          <Spinner size="extra-tiny" className={styles.icon} aria-hidden />
        ) : (
          <ShieldLockRegular className={styles.icon} aria-hidden />
        )}
        <span className={styles.text}>{message}</span>
        {canShow ? (
          <ShowHideButton className={styles.toggle} open={open} controls={regionId} onToggle={() => setOpen(!open)} words={strings.redaction} />
        ) : null}
      </div>
      {canShow && open ? (
        <div id={regionId}>
          {/* Focusable so that a keyboard user can scroll a long text. */}
          <div
            role="region"
            aria-label={strings.redaction.regionLabel}
            tabIndex={0}
            className={mergeClasses(shared.textRegion, styles.region)}
            data-testid="redaction-details"
            onMouseUp={() => setSelection(readSelection(preview.parts))}
            onKeyUp={(event) => event.shiftKey && setSelection(readSelection(preview.parts))}
          >
            {preview.parts.map((part, i) => (
              <div key={i} data-part={part.index}>
                {preview.parts.length > 1 && part.label ? <span className={styles.partLabel}>{part.label}</span> : null}
                {splitBySpans(part.text, shown[i] ?? []).map((piece, j) => {
                  const span = piece.span;
                  if (!span) {
                    return (
                      <span key={j} data-start={piece.start}>
                        {piece.text}
                      </span>
                    );
                  }
                  const state = span.state === 'byUser' ? `, ${strings.redaction.correct.byYou}` : '';
                  if (span.state === 'unmasked') {
                    return (
                      <span key={j}>
                        <span className={styles.unmasked} data-start={piece.start} data-unmasked={span.type}>
                          {piece.text}
                        </span>
                        <span className={styles.tag}>
                          <span className={shared.visuallyHidden}>(</span>
                          {strings.redaction.correct.notMasked}
                          <span className={shared.visuallyHidden}>)</span>
                        </span>
                      </span>
                    );
                  }
                  return (
                    <span key={j}>
                      <mark
                        className={span.state === 'byUser' ? `${styles.mark} ${styles.userMark}` : styles.mark}
                        data-type={span.type}
                        data-by-user={span.state === 'byUser' ? 'true' : undefined}
                        data-start={piece.start}
                      >
                        {piece.text}
                      </mark>
                      <span className={styles.tag}>
                        <span className={shared.visuallyHidden}>(</span>
                        {typeLabel(strings, span.type)}
                        {state}
                        <span className={shared.visuallyHidden}>)</span>
                      </span>
                    </span>
                  );
                })}
              </div>
            ))}
          </div>
          <CorrectionForm preview={preview} headingId={headingId} selection={selection} onAnnounce={onAnnounce} />
          {details.length > 0 ? (
            <ul className={styles.list} aria-label={strings.redaction.correct.listLabel} data-testid="redaction-list">
              {details.map((detail) => (
                <DetailRow
                  key={detail.key}
                  detail={detail}
                  allowUnmask={allowUnmask}
                  onChange={(change, said) => {
                    preview.setCorrections(change);
                    onAnnounce?.(said);
                  }}
                />
              ))}
            </ul>
          ) : null}
          {!allowUnmask && details.some((d) => d.state === 'masked') ? (
            <p className={shared.muted}>{strings.redaction.correct.unmaskOff}</p>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}

/** Words selected in the previewed text: which part, where (UTF-16), and what they say. */
interface Selected {
  part: number;
  start: number;
  end: number;
  value: string;
}

function CorrectionForm({
  preview,
  headingId,
  selection,
  onAnnounce,
}: {
  preview: CorrectedPreview;
  headingId: string;
  selection: Selected | undefined;
  onAnnounce: ((message: string) => void) | undefined;
}) {
  const strings = useStrings();
  const styles = useStyles();
  const shared = useSharedStyles();
  const words = strings.redaction.correct;
  const [phrase, setPhrase] = useState('');
  const [type, setType] = useState<string>('PERSON');
  const [error, setError] = useState<string | undefined>(undefined);
  const [at, setAt] = useState<Selected | undefined>(undefined);
  const field = useRef<HTMLInputElement>(null);

  // A new selection in the text fills the field; the user picks the type and masks it.
  useEffect(() => {
    if (!selection) return;
    setPhrase(selection.value);
    setAt(selection);
    setError(undefined);
  }, [selection]);

  const submit = (event: FormEvent): void => {
    event.preventDefault();
    const value = phrase.trim();
    if (!value) {
      setError(words.empty);
      return;
    }
    // The selected place when the field still holds the selection, else wherever the words stand.
    const where = at && at.value === value ? at : undefined;
    const { corrections, places } = addMask(preview.corrections, preview.texts, value, type, where);
    if (places === 0 && !where) {
      setError(words.notFound);
      return;
    }
    preview.setCorrections(() => corrections);
    setPhrase('');
    setAt(undefined);
    setError(undefined);
    // Back to the empty field, ready for the next word.
    field.current?.focus();
    onAnnounce?.(words.masked(value, Math.max(places, 1)));
  };

  return (
    <section className={styles.correct} aria-labelledby={headingId} data-testid="redaction-correct">
      <h3 id={headingId} className={styles.correctHeading}>
        {words.heading}
      </h3>
      <span className={shared.muted}>{words.hint}</span>
      <form className={styles.form} onSubmit={submit} noValidate>
        <Field
          className={styles.phrase}
          label={words.phrase}
          validationMessage={error}
          validationState={error ? 'error' : 'none'}
        >
          <Input
            ref={field}
            value={phrase}
            onChange={(_, data) => {
              setPhrase(data.value);
              setError(undefined);
            }}
          />
        </Field>
        <Field label={words.type}>
          <Select value={type} onChange={(_, data) => setType(data.value)}>
            {MASK_TYPES.map((t) => (
              <option key={t} value={t}>
                {capitalise(typeLabel(strings, t))}
              </option>
            ))}
          </Select>
        </Field>
        <Button type="submit" appearance="secondary">
          {words.mask}
        </Button>
      </form>
    </section>
  );
}

function DetailRow({
  detail,
  allowUnmask,
  onChange,
}: {
  detail: Detail;
  allowUnmask: boolean;
  onChange: (change: Parameters<CorrectedPreview['setCorrections']>[0], said: string) => void;
}) {
  const strings = useStrings();
  const styles = useStyles();
  const words = strings.redaction.correct;
  const label = typeLabel(strings, detail.type);
  const { value } = detail;
  let action: ReactNode = null;
  // One button in one place whatever it does, so that focus stays on it when the row changes state.
  if (detail.state === 'byUser') {
    action = (
      <Button size="small" className={styles.rowButton} aria-label={words.undoLabel(value)} onClick={() => onChange((c) => removeMask(c, value), words.undone(value))}>
        {words.undo}
      </Button>
    );
  } else if (detail.state === 'unmasked') {
    action = (
      <Button size="small" className={styles.rowButton} aria-label={words.remaskLabel(value)} onClick={() => onChange((c) => removeUnmask(c, value), words.remasked(value))}>
        {words.remask}
      </Button>
    );
  } else if (allowUnmask) {
    action = (
      <Button
        size="small"
        className={styles.rowButton}
        aria-label={words.unmaskLabel(value, label)}
        onClick={() => onChange((c) => addUnmask(c, detail.spans), words.unmasked(value))}
      >
        {words.unmask}
      </Button>
    );
  }
  const state = detail.state === 'byUser' ? `, ${words.byYou}` : detail.state === 'unmasked' ? `, ${words.notMasked}` : '';
  return (
    <li className={styles.row} data-testid="redaction-detail" data-state={detail.state} data-type={detail.type}>
      <span className={styles.rowText}>
        {value}{' '}
        <span className={styles.rowState}>
          ({label}
          {state})
        </span>
      </span>
      {action}
    </li>
  );
}

/** What the text shows: the server's spans, and the places the user chose to send unmasked. */
function shownSpans(part: PreviewedPart, preview: CorrectedPreview): ShownSpan[] {
  const masked: ShownSpan[] = part.spans.map((s) => ({
    ...s,
    state: isUserMasked(preview.corrections, part.text.slice(s.start, s.end)) ? 'byUser' : 'masked',
  }));
  const unmasked: ShownSpan[] = preview.corrections.unmask
    .filter((u) => u.part === part.index && part.text.slice(u.start, u.end) === u.value)
    .filter((u) => !masked.some((m) => m.start < u.end && u.start < m.end))
    .map((u) => ({ start: u.start, end: u.end, type: u.type, placeholder: '', state: 'unmasked' }));
  return [...masked, ...unmasked].sort((a, b) => a.start - b.start);
}

/**
 * One row per value (any case), in the order values first appear. The key is the value alone, so that a
 * row keeps its place and its button (and the focus on it) when the user unmasks or masks it again.
 */
function listDetails(preview: CorrectedPreview, shown: ShownSpan[][]): Detail[] {
  const details = new Map<string, Detail>();
  preview.parts.forEach((part, i) => {
    for (const span of shown[i] ?? []) {
      const value = part.text.slice(span.start, span.end);
      const key = fold(value);
      const place: CorrectionSpan = { part: part.index, start: span.start, end: span.end, type: span.type, value };
      const found = details.get(key);
      if (found) found.spans.push(place);
      else details.set(key, { key, value, type: span.type, state: span.state, spans: [place] });
    }
  });
  return [...details.values()];
}

/** The words selected in the previewed text, widened to whole words; undefined outside one part's text. */
function readSelection(parts: readonly PreviewedPart[]): Selected | undefined {
  const selection = window.getSelection();
  if (!selection || selection.isCollapsed || selection.rangeCount === 0) return undefined;
  const range = selection.getRangeAt(0);
  const from = pointIn(range.startContainer, range.startOffset);
  const to = pointIn(range.endContainer, range.endOffset);
  if (!from || !to || from.part !== to.part) return undefined;
  const part = parts.find((p) => p.index === from.part);
  if (!part) return undefined;
  const snapped = snapToWords(part.text, from.offset, to.offset);
  if (!snapped) return undefined;
  return { part: part.index, ...snapped, value: part.text.slice(snapped.start, snapped.end) };
}

/** A DOM point as an offset into its part's text, from the data-start of the piece it lies in. */
function pointIn(node: Node, offset: number): { part: number; offset: number } | undefined {
  const element = node.nodeType === Node.TEXT_NODE ? node.parentElement : (node as Element);
  const piece = element?.closest('[data-start]');
  const part = element?.closest('[data-part]');
  if (!piece || !part) return undefined; // in a type tag or a label: not the text itself
  const inner = node.nodeType === Node.TEXT_NODE ? offset : offset > 0 ? (piece.textContent?.length ?? 0) : 0;
  return { part: Number(part.getAttribute('data-part')), offset: Number(piece.getAttribute('data-start')) + inner };
}

function capitalise(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}
