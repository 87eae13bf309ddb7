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
import { copyText } from './copy';
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
}

export function OutputCard({ state, insertActions, feedback, notices, onInsert, onStop, onRegenerate }: OutputCardProps) {
  const strings = useStrings();
  const styles = useStyles();
  const shared = useSharedStyles();
  const [copied, setCopied] = useState(false);
  const streaming = state.status === 'streaming';
  const section = useRef<HTMLElement>(null);

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

      {/* aria-busy tells screen readers to wait; the announcer reads whole sentences politely. */}
      <div className={styles.text} aria-busy={streaming} data-testid="output" data-status={state.status}>
        {state.text}
      </div>

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

      <Text as="p" className={styles.notice}>
        {strings.output.disclaimer}
      </Text>
    </section>
  );
}
