/** The answer: streams in, can be stopped, then copied, inserted or written again. */

import { Button, makeStyles, Spinner, Text, tokens } from '@fluentui/react-components';
import {
  ArrowClockwiseRegular,
  ArrowReplyRegular,
  ArrowSwapRegular,
  CheckmarkRegular,
  CopyRegular,
  StopRegular,
  TextAddRegular,
} from '@fluentui/react-icons';
import { useEffect, useRef, useState, type ReactElement } from 'react';
import type { InsertAction } from '../hosts/host';
import { useStrings } from '../i18n';
import { AnswerWithLinks, Sources, usePassages, useShownSource, type CitedAnswerProps } from './CitedAnswer';
import { copyText } from './copy';
import { EasyReadReport } from './EasyReadReport';
import { LixChangeLine } from './readability/LixMeter';
import { useSharedStyles } from './styles';
import type { GenerationState } from './use-generation';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalS,
    minHeight: '24px',
  },
  heading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  status: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
  },
  text: {
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase400,
    color: tokens.colorNeutralForeground1,
    minHeight: '1.5em',
  },
  notice: {
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    margin: 0,
  },
  actions: {
    display: 'flex',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
  },
  draft: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase300 },
  draftText: { margin: `${tokens.spacingVerticalXS} 0 0`, whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' },
  feedback: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorPaletteGreenForeground1,
    fontSize: tokens.fontSizeBase200,
  },
});

const INSERT_ICONS: Record<InsertAction, ReactElement> = {
  'insert-cursor': <TextAddRegular />,
  replace: <ArrowSwapRegular />,
  'insert-after': <TextAddRegular />,
  reply: <ArrowReplyRegular />,
};

export interface OutputCardProps {
  state: GenerationState;
  insertActions: InsertAction[];
  /** What happened after the last insert, in words; announced politely. */
  feedback: string | undefined;
  notices: string[];
  onInsert: (action: InsertAction) => void;
  onStop: () => void;
  onRegenerate: () => void;
  /** An answer to a question: the text it was asked about, and how to select a passage in it. */
  cited?: Omit<CitedAnswerProps, 'citations'>;
}

export function OutputCard({ state, insertActions, feedback, notices, onInsert, onStop, onRegenerate, cited }: OutputCardProps) {
  const strings = useStrings();
  const styles = useStyles();
  const shared = useSharedStyles();
  const [copied, setCopied] = useState(false);
  const streaming = state.status === 'streaming';
  const section = useRef<HTMLElement>(null);
  const passages = usePassages(cited?.text, cited ? state.citations : undefined);
  const source = useShownSource(passages, cited?.onSelect);

  // A narrow pane puts the answer below the fold: bring it into view as it starts (focus stays put).
  useEffect(() => {
    if (!streaming) return;
    const still = globalThis.matchMedia?.('(prefers-reduced-motion: reduce)').matches;
    section.current?.scrollIntoView?.({ block: 'nearest', behavior: still ? 'auto' : 'smooth' });
  }, [streaming]);
  const finished = (state.status === 'done' || state.status === 'stopped' || state.status === 'error') && state.text !== '';

  const copy = async (): Promise<void> => {
    if (await copyText(state.text)) {
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    }
  };

  return (
    <section ref={section} className={shared.card} aria-labelledby="kollega-output-heading" data-testid="output-card">
      <div className={styles.header}>
        <h2 id="kollega-output-heading" className={styles.heading}>
          {strings.output.heading}
        </h2>
        {streaming ? (
          <span className={styles.status}>
            <Spinner size="extra-tiny" aria-hidden />
            {state.progress ? strings.output.part(state.progress.part, state.progress.parts) : strings.output.writing}
          </span>
        ) : null}
      </div>

      {/* Easy Swedish: the draft had findings, so a revised text follows; the draft stays to be seen. */}
      {state.revision ? (
        <>
          {streaming ? (
            <p className={styles.notice} role="status" data-testid="easy-revising">
              {strings.rewrite.easyReport.revising(state.revision.findings)}
            </p>
          ) : null}
          <details className={styles.draft} data-testid="easy-draft">
            <summary>{strings.rewrite.easyReport.draft}</summary>
            <p className={styles.draftText}>{state.revision.draft}</p>
          </details>
        </>
      ) : null}

      {/* aria-busy tells screen readers to wait; the announcer reads whole sentences politely. */}
      <div className={styles.text} aria-busy={streaming} data-testid="output" data-status={state.status}>
        {passages.length > 0 ? <AnswerWithLinks answer={state.text} passages={passages} onShow={source.show} /> : state.text}
      </div>

      {passages.length > 0 && !streaming ? (
        <Sources passages={passages} shown={source.shown} onShow={source.show} canSelect={cited?.onSelect !== undefined} />
      ) : null}

      {notices.map((notice) => (
        <p key={notice} className={styles.notice}>
          {notice}
        </p>
      ))}

      {streaming ? (
        <div className={styles.actions}>
          <Button icon={<StopRegular />} onClick={onStop} aria-label={strings.output.stopLabel}>
            {strings.output.stop}
          </Button>
        </div>
      ) : null}

      {finished ? (
        <div className={styles.actions}>
          {insertActions.map((action, i) => (
            <Button
              key={action}
              appearance={i === 0 ? 'primary' : 'secondary'}
              icon={INSERT_ICONS[action]}
              aria-label={strings.output.insertLabel[action]}
              onClick={() => onInsert(action)}
            >
              {strings.output.insert[action]}
            </Button>
          ))}
          <Button
            appearance={insertActions.length ? 'secondary' : 'primary'}
            icon={copied ? <CheckmarkRegular /> : <CopyRegular />}
            onClick={() => void copy()}
          >
            {copied ? strings.output.copied : strings.output.copy}
          </Button>
          <Button
            appearance="subtle"
            icon={<ArrowClockwiseRegular />}
            aria-label={strings.output.regenerate}
            title={strings.output.regenerate}
            onClick={onRegenerate}
          />
        </div>
      ) : null}

      {feedback ? (
        <div className={styles.feedback} role="status" data-testid="insert-feedback">
          <CheckmarkRegular aria-hidden />
          <span>{feedback}</span>
        </div>
      ) : null}

      {/* A plain-language rewrite: how the readability changed, from the done event. */}
      {state.status === 'done' && state.readability ? (
        <LixChangeLine before={state.readability.before} after={state.readability.after} />
      ) : null}
      {/* Easy Swedish: the check-and-revise round and the figures before and after. */}
      {state.status === 'done' && state.easyRead ? <EasyReadReport report={state.easyRead} /> : null}

      <Text as="p" className={styles.notice}>
        {strings.output.disclaimer}
      </Text>
    </section>
  );
}
