/**
 * The readability card: LIX with its band, the figures behind it, and the klarspråk findings grouped by
 * kind. A finding can be chosen to see it highlighted in the text. In Word the findings can go into the
 * document as comments; where the host can rewrite, the card offers the plain-language rewrite.
 */

import { Button, Spinner } from '@fluentui/react-components';
import { ArrowClockwiseRegular, CommentAddRegular, TextGrammarCheckmarkRegular, TextGrammarWandRegular } from '@fluentui/react-icons';
import { useEffect, useId, useRef, useState } from 'react';
import type { KollegaApi } from '../../api/client';
import { ApiError } from '../../api/errors';
import { isSentenceWide, isWholeText, shortQuote, type Finding } from '../../api/readability';
import type { HostAdapter, MarkResult } from '../../hosts/host';
import { formatLix, scopeLabel, useStrings } from '../../i18n';
import { ErrorBar } from '../ErrorBar';
import { useSharedStyles } from '../styles';
import { useReadability } from '../use-readability';
import { KlarsprakChecklist } from './Checklist';
import { ReadabilityReportView } from './ReportView';
import { useReadabilityStyles } from './styles';

export interface ReadabilityCardProps {
  api: KollegaApi;
  host: HostAdapter;
  /** Goes up when the pane changed the text itself (an answer inserted): the card checks again. */
  version: number;
  /** Starts a plain-language rewrite of the same text; absent where the host cannot rewrite. */
  onRewritePlain?: () => void;
  /** An answer is being written: the rewrite button waits. */
  busy: boolean;
  /** The klarspråk checklist's ticked questions, kept with the user's preferences; absent: no checklist. */
  checklist?: Record<string, boolean>;
  onChecklist?: (ticked: Record<string, boolean>) => void;
}

type Marking = { status: 'idle' } | { status: 'marking' } | { status: 'done'; result: MarkResult } | { status: 'error'; error: ApiError };

export function ReadabilityCard({ api, host, version, onRewritePlain, busy, checklist, onChecklist }: ReadabilityCardProps) {
  const strings = useStrings();
  const styles = useReadabilityStyles();
  const shared = useSharedStyles();
  const headingId = useId();
  const bodyId = useId();
  const [open, setOpen] = useState(false);
  const check = useReadability(api, host, open, version);
  const { report } = check;
  const [selectedId, setSelectedId] = useState<number | undefined>(undefined);
  const [previewOpen, setPreviewOpen] = useState(false);
  const [marking, setMarking] = useState<Marking>({ status: 'idle' });
  const [message, setMessage] = useState('');
  const readOnly = host.kind === 'outlook-read';

  // Another text: its findings are new, so is what was selected and marked.
  useEffect(() => {
    setSelectedId(undefined);
    setMarking({ status: 'idle' });
  }, [check.text]);

  // Announce a report if it says something new: a check that repeats the same words stays quiet.
  const spoken = useRef('');
  useEffect(() => {
    if (!report || report.words === 0) return;
    const count = readOnly ? 0 : check.findings.length;
    const next = strings.readability.ready(formatLix(strings, report.lix), strings.readability.bands[report.band], count);
    if (next !== spoken.current) {
      spoken.current = next;
      setMessage(next);
    }
    // check.findings belongs to report: they change together.
  }, [report, strings, readOnly]);

  const toggle = (): void => {
    if (open) {
      setOpen(false);
      spoken.current = '';
      return;
    }
    setOpen(true);
    check.refresh();
  };

  const select = (finding: Finding): void => {
    setSelectedId(finding.id);
    setPreviewOpen(true);
    const quote = isSentenceWide(finding) ? shortQuote(finding.quote) : finding.quote;
    setMessage(strings.readability.selected(quote));
  };

  const markInDocument = async (): Promise<void> => {
    if (!check.source) return;
    const marks = check.findings
      .filter((f) => !isWholeText(f))
      .map((f) => ({ start: f.start, end: f.end, note: `${strings.readability.commentPrefix}: ${f.message}` }));
    setMarking({ status: 'marking' });
    try {
      setMarking({ status: 'done', result: await host.addComments(check.source, marks) });
    } catch (error) {
      const apiError = error instanceof ApiError ? error : new ApiError('host_error', String(error));
      setMarking({ status: 'error', error: apiError });
    }
  };

  const commentSupport = host.commentSupport();
  const hasWords = report !== undefined && report.words > 0;
  const spanFindings = check.findings.filter((f) => !isWholeText(f)).length;

  return (
    <section className={shared.card} aria-labelledby={headingId} data-testid="readability-card">
      <div className={shared.cardHeader}>
        <h2 id={headingId} className={shared.cardHeading}>
          <TextGrammarCheckmarkRegular className={shared.headingIcon} aria-hidden />
          {strings.readability.heading}
        </h2>
        {open ? (
          <Button
            size="small"
            appearance="subtle"
            icon={check.status === 'checking' && report ? <Spinner size="extra-tiny" /> : <ArrowClockwiseRegular />}
            aria-label={strings.readability.refresh}
            title={strings.readability.refresh}
            onClick={check.refresh}
          />
        ) : null}
        <Button
          size="small"
          appearance={open ? 'subtle' : 'secondary'}
          aria-expanded={open}
          aria-controls={bodyId}
          aria-label={open ? strings.readability.closeLabel : strings.readability.openLabel}
          onClick={toggle}
          data-testid="readability-toggle"
        >
          {open ? strings.readability.close : strings.readability.open}
        </Button>
      </div>

      {!open ? <p className={shared.smallMuted}>{readOnly ? strings.readability.introRead : strings.readability.intro}</p> : null}

      {open ? (
        <div id={bodyId} className={shared.cardBody} data-testid="readability-body" data-status={check.status}>
          {check.source && check.status !== 'error' ? (
            <p className={shared.smallMuted} data-testid="readability-scope">
              {scopeLabel(strings, host.kind, check.source)}
            </p>
          ) : null}
          {check.status === 'checking' && !report ? (
            <Spinner size="tiny" label={strings.readability.checking} className={styles.checking} />
          ) : null}
          {check.status === 'empty' || (check.status === 'ready' && !hasWords) ? (
            <p className={shared.small}>{strings.readability.empty}</p>
          ) : null}
          {check.status === 'error' && check.error ? (
            // Refreshing is the user asking, so it may sign them in.
            <ErrorBar error={check.error} onRetry={check.refresh} onSignIn={check.refresh} onDismiss={() => setOpen(false)} />
          ) : null}

          {report && hasWords ? (
            <ReadabilityReportView
              report={report}
              text={check.text}
              findings={check.findings}
              full={!readOnly}
              selectedId={selectedId}
              onSelect={select}
              previewOpen={previewOpen}
              onTogglePreview={() => setPreviewOpen((o) => !o)}
            />
          ) : null}

          {report && hasWords && !readOnly ? (
            <>
              {commentSupport === 'unsupported' ? <p className={shared.small}>{strings.readability.commentsUnavailable}</p> : null}
              {commentSupport === 'none' && spanFindings > 0 ? <p className={shared.small}>{strings.readability.noComments}</p> : null}
              <div className={styles.actions}>
                {onRewritePlain ? (
                  <Button appearance="primary" icon={<TextGrammarWandRegular />} onClick={onRewritePlain} disabledFocusable={busy}>
                    {strings.readability.rewritePlain}
                  </Button>
                ) : null}
                {commentSupport === 'supported' && spanFindings > 0 ? (
                  <Button
                    icon={marking.status === 'marking' ? <Spinner size="extra-tiny" /> : <CommentAddRegular />}
                    title={strings.readability.markInDocumentLabel}
                    onClick={() => void markInDocument()}
                    disabledFocusable={marking.status === 'marking' || marking.status === 'done'}
                  >
                    {marking.status === 'marking' ? strings.readability.marking : strings.readability.markInDocument}
                  </Button>
                ) : null}
              </div>
              {marking.status === 'done' ? (
                <p className={styles.feedback} role="status" data-testid="readability-marked">
                  {strings.readability.marked(marking.result.added, marking.result.missed)}
                </p>
              ) : null}
              {marking.status === 'error' ? (
                <ErrorBar
                  error={marking.error}
                  onDismiss={() => {
                    setMarking({ status: 'idle' });
                    if (marking.error.code === 'selection_changed') check.refresh();
                  }}
                />
              ) : null}
              {checklist && onChecklist ? <KlarsprakChecklist ticked={checklist} onChange={onChecklist} /> : null}
            </>
          ) : null}
        </div>
      ) : null}

      <div className={shared.visuallyHidden} aria-live="polite" aria-atomic="true" data-testid="readability-announcer">
        {open ? message : ''}
      </div>
    </section>
  );
}
