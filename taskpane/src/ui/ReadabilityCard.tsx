/**
 * The readability card: LIX with its band, the figures behind it, and the klarspråk findings grouped by
 * kind. A finding can be chosen to see it highlighted in the text. In Word the findings can go into the
 * document as comments; where the host can rewrite, the card offers the plain-language rewrite.
 */

import { Button, createFocusOutlineStyle, makeStyles, mergeClasses, Spinner, tokens, useArrowNavigationGroup } from '@fluentui/react-components';
import {
  ArrowClockwiseRegular,
  CommentAddRegular,
  InfoRegular,
  TextGrammarCheckmarkRegular,
  TextGrammarWandRegular,
} from '@fluentui/react-icons';
import { Fragment, useEffect, useId, useMemo, useRef, useState } from 'react';
import type { KollegaApi } from '../api/client';
import { ApiError } from '../api/errors';
import {
  bandFor,
  groupFindings,
  isWholeText,
  LIX_BOUNDS,
  LIX_SCALE_MAX,
  meterPercent,
  shortQuote,
  splitByFindings,
  isSentenceWide,
  type Finding,
} from '../api/readability';
import type { ReadabilityBand, ReadabilityReport } from '../api/types';
import type { HostAdapter, MarkResult, SourceText } from '../hosts/host';
import { formatLix, kindLabel, useStrings, type Strings } from '../i18n';
import { ErrorBar } from './ErrorBar';
import { useSharedStyles } from './styles';
import { useReadability } from './use-readability';
import { KlarsprakChecklist } from './readability/Checklist';
import { DecisionCheck, isDecisionNote } from './readability/DecisionCheck';
import { ReadabilityMeasures } from './readability/Measures';

const BAND_ORDER: ReadabilityBand[] = ['very_easy', 'easy', 'medium', 'difficult', 'very_difficult'];

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    minHeight: '24px',
  },
  heading: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    flexGrow: 1,
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  headingIcon: { fontSize: '16px', color: tokens.colorBrandForeground1, flexShrink: 0 },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  checking: { alignSelf: 'flex-start' },
  text: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  muted: { margin: 0, fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200, color: tokens.colorNeutralForeground2 },

  // The meter
  meterTop: { display: 'flex', alignItems: 'baseline', flexWrap: 'wrap', columnGap: tokens.spacingHorizontalM },
  lixValue: {
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground1,
  },
  band: {
    display: 'inline-flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    fontSize: tokens.fontSizeBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  swatch: { width: '10px', height: '10px', borderRadius: tokens.borderRadiusCircular, flexShrink: 0, forcedColorAdjust: 'none' },
  meter: {
    position: 'relative',
    display: 'flex',
    height: '8px',
    marginTop: tokens.spacingVerticalXS,
    // Segments sit inside a neutral outline, so the bar holds its edge on any background.
    outline: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStrokeAccessible}`,
    borderRadius: tokens.borderRadiusSmall,
    // High contrast would blank the colours (and the marker with them); the band is also in words.
    forcedColorAdjust: 'none',
  },
  segment: { height: '100%' },
  marker: {
    position: 'absolute',
    top: '-5px',
    width: '4px',
    height: '18px',
    marginLeft: '-2px',
    borderRadius: tokens.borderRadiusSmall,
    backgroundColor: tokens.colorNeutralForeground1,
    outline: `2px solid ${tokens.colorNeutralBackground1}`,
    '@media (forced-colors: active)': { backgroundColor: 'CanvasText', outlineColor: 'Canvas' },
  },
  ticks: {
    position: 'relative',
    height: '20px',
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase100,
    lineHeight: tokens.lineHeightBase100,
  },
  // Below the marker's end, so a value near a bound never covers the bound's number.
  tick: { position: 'absolute', top: '6px', transform: 'translateX(-50%)' },
  very_easy: { backgroundColor: tokens.colorPaletteGreenBackground3 },
  easy: { backgroundColor: tokens.colorPaletteLightGreenBackground3 },
  medium: { backgroundColor: tokens.colorPaletteMarigoldBackground3 },
  difficult: { backgroundColor: tokens.colorPaletteDarkOrangeBackground3 },
  very_difficult: { backgroundColor: tokens.colorPaletteRedBackground3 },

  // The figures
  stats: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(120px, 1fr))',
    gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    margin: 0,
  },
  stat: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, fontSize: tokens.fontSizeBase200 },
  statName: { color: tokens.colorNeutralForeground2 },
  statValue: { margin: 0, fontWeight: tokens.fontWeightSemibold, fontVariantNumeric: 'tabular-nums' },

  // The findings
  note: {
    display: 'flex',
    gap: tokens.spacingHorizontalS,
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground1,
  },
  noteIcon: { flexShrink: 0, fontSize: '16px', color: tokens.colorBrandForeground1 },
  subheading: {
    margin: 0,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase300,
    fontWeight: tokens.fontWeightSemibold,
  },
  groups: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  groupHeading: {
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground2,
  },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  finding: {
    display: 'flex',
    flexDirection: 'column',
    gap: '2px',
    width: '100%',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    textAlign: 'start',
    font: 'inherit',
    color: tokens.colorNeutralForeground1,
    backgroundColor: 'transparent',
    border: `${tokens.strokeWidthThin} solid transparent`,
    borderRadius: tokens.borderRadiusMedium,
    cursor: 'pointer',
    ':hover': { backgroundColor: tokens.colorNeutralBackground1Hover },
    ...createFocusOutlineStyle(),
  },
  findingSelected: {
    backgroundColor: tokens.colorBrandBackground2,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorBrandStroke1}`,
    ':hover': { backgroundColor: tokens.colorBrandBackground2Hover },
    '@media (forced-colors: active)': { outline: '2px solid Highlight' },
  },
  findingQuote: {
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
  },
  findingMessage: {
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    color: tokens.colorNeutralForeground2,
  },

  // The text
  region: {
    position: 'relative',
    maxHeight: '200px',
    overflowY: 'auto',
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase300,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  mark: {
    // Marigold with the neutral foreground: at least 6:1 in the light and the dark theme.
    backgroundColor: tokens.colorPaletteMarigoldBackground2,
    color: tokens.colorNeutralForeground1,
    borderRadius: tokens.borderRadiusSmall,
    '@media (forced-colors: active)': { forcedColorAdjust: 'none', backgroundColor: 'Mark', color: 'MarkText' },
  },
  selected: {
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    outline: `2px solid ${tokens.colorBrandStroke1}`,
    borderRadius: tokens.borderRadiusSmall,
    '@media (forced-colors: active)': { backgroundColor: 'Highlight', color: 'HighlightText', outlineColor: 'Highlight' },
  },
  // Hard and very hard sentences, as a Hemingway-style editor colours them; text stays readable in dark themes.
  hard: {
    backgroundColor: tokens.colorPaletteYellowBackground2,
    color: tokens.colorNeutralForeground1,
  },
  veryHard: {
    backgroundColor: tokens.colorPaletteRedBackground2,
    color: tokens.colorNeutralForeground1,
  },
  selectedSentence: {
    backgroundColor: tokens.colorBrandBackground2,
    color: tokens.colorBrandForeground2,
    borderRadius: tokens.borderRadiusSmall,
    // The shade alone is faint in the dark theme: the underline says "this sentence" in any theme.
    textDecorationLine: 'underline',
    textDecorationColor: tokens.colorBrandStroke1,
    textDecorationThickness: '2px',
    textUnderlineOffset: '3px',
    '@media (forced-colors: active)': { forcedColorAdjust: 'none', backgroundColor: 'Highlight', color: 'HighlightText' },
  },
  toggle: { alignSelf: 'flex-start' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  feedback: {
    margin: 0,
    color: tokens.colorNeutralForeground1,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
});

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
  const styles = useStyles();
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
      <div className={styles.header}>
        <h2 id={headingId} className={styles.heading}>
          <TextGrammarCheckmarkRegular className={styles.headingIcon} aria-hidden />
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

      {!open ? <p className={styles.muted}>{readOnly ? strings.readability.introRead : strings.readability.intro}</p> : null}

      {open ? (
        <div id={bodyId} className={styles.body} data-testid="readability-body" data-status={check.status}>
          {check.source && check.status !== 'error' ? (
            <p className={styles.muted} data-testid="readability-scope">
              {scopeLabel(strings, host.kind, check.source)}
            </p>
          ) : null}
          {check.status === 'checking' && !report ? (
            <Spinner size="tiny" label={strings.readability.checking} className={styles.checking} />
          ) : null}
          {check.status === 'empty' || (check.status === 'ready' && !hasWords) ? (
            <p className={styles.text}>{strings.readability.empty}</p>
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
              {commentSupport === 'unsupported' ? <p className={styles.text}>{strings.readability.commentsUnavailable}</p> : null}
              {commentSupport === 'none' && spanFindings > 0 ? <p className={styles.text}>{strings.readability.noComments}</p> : null}
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

export interface ReadabilityReportViewProps {
  report: ReadabilityReport;
  /** The text as checked: the findings' offsets refer to it. */
  text: string;
  findings: Finding[];
  /** Findings, the text and the notes; without it only LIX and the figures (a message being read). */
  full: boolean;
  selectedId: number | undefined;
  onSelect: (finding: Finding) => void;
  previewOpen: boolean;
  onTogglePreview: () => void;
}

/** What the card shows of one report; no state of its own, so it can be rendered and tested alone. */
export function ReadabilityReportView({
  report,
  text,
  findings,
  full,
  selectedId,
  onSelect,
  previewOpen,
  onTogglePreview,
}: ReadabilityReportViewProps) {
  const strings = useStrings();
  const styles = useStyles();
  const regionId = useId();
  const region = useRef<HTMLDivElement>(null);
  const groups = useMemo(() => groupFindings(findings), [findings]);
  const notes = findings.filter((f) => isWholeText(f) && !isDecisionNote(f));
  const decisionNotes = findings.filter(isDecisionNote);
  const pieces = useMemo(
    () => (full && previewOpen ? splitByFindings(text, findings, selectedId) : []),
    [full, previewOpen, text, findings, selectedId],
  );
  const arrows = useArrowNavigationGroup({ axis: 'vertical', memorizeCurrent: true });
  const total = findings.length;

  // Bring the chosen finding into view inside the text, without scrolling the pane away from the list.
  useEffect(() => {
    const box = region.current;
    const target = box?.querySelector<HTMLElement>('[data-selected-start]');
    if (!box || !target) return;
    box.scrollTop = Math.max(0, target.offsetTop - box.clientHeight / 3);
  }, [selectedId, previewOpen]);

  return (
    <>
      <LixMeter strings={strings} lix={report.lix} band={report.band} />

      <dl className={styles.stats} aria-label={strings.readability.statsLabel}>
        <Stat name={strings.readability.words} value={report.words.toLocaleString(strings.locale)} />
        <Stat name={strings.readability.sentences} value={report.sentences.toLocaleString(strings.locale)} />
        <Stat name={strings.readability.meanSentence} value={formatLix(strings, report.mean_sentence_length)} />
        <Stat name={strings.readability.longWords} value={report.long_words.toLocaleString(strings.locale)} />
      </dl>
      <ReadabilityMeasures report={report} />
      {full && report.is_decision ? <DecisionCheck notes={decisionNotes} /> : null}

      {full ? (
        <>
          <h3 className={styles.subheading} data-testid="findings-heading">
            {total === 0 ? strings.readability.none : strings.readability.findingsHeading(total)}
          </h3>

          {notes.map((note) => (
            <p key={note.id} className={styles.note} data-testid="finding-note" data-kind={note.kind}>
              <InfoRegular className={styles.noteIcon} aria-hidden />
              <span>{note.message}</span>
            </p>
          ))}

          {groups.length > 0 ? (
            <div className={styles.groups} {...arrows} role="group" aria-label={strings.readability.listLabel} data-testid="finding-groups">
              {groups.map((group) => (
                <div key={group.kind} data-testid="finding-group" data-kind={group.kind}>
                  <h4 className={styles.groupHeading}>{`${kindLabel(strings, group.kind)} (${group.findings.length})`}</h4>
                  <ul className={styles.list}>
                    {group.findings.map((finding) => (
                      <li key={finding.id}>
                        <button
                          type="button"
                          className={mergeClasses(styles.finding, finding.id === selectedId && styles.findingSelected)}
                          aria-pressed={finding.id === selectedId}
                          onClick={() => onSelect(finding)}
                          data-testid="finding"
                          data-kind={finding.kind}
                        >
                          <span className={styles.findingQuote}>{headline(strings, finding)}</span>
                          <span className={styles.findingMessage}>{finding.message}</span>
                        </button>
                      </li>
                    ))}
                  </ul>
                </div>
              ))}
            </div>
          ) : null}

          {groups.length > 0 ? (
            <Button
              className={styles.toggle}
              size="small"
              appearance="subtle"
              aria-expanded={previewOpen}
              aria-controls={regionId}
              aria-label={previewOpen ? strings.readability.hideTextLabel : strings.readability.showTextLabel}
              onClick={onTogglePreview}
            >
              {previewOpen ? strings.readability.hideText : strings.readability.showText}
            </Button>
          ) : null}
          {groups.length > 0 && previewOpen ? (
            // Focusable so that a keyboard user can scroll a long text.
            <div
              ref={region}
              id={regionId}
              role="region"
              aria-label={strings.readability.regionLabel}
              tabIndex={0}
              className={styles.region}
              data-testid="readability-text"
            >
              {pieces.map((piece, i) => {
                const selectedStart = piece.selectedStart ? { 'data-selected-start': '' } : {};
                // A chosen word is outlined; a chosen sentence is shaded, its marked words still marked.
                const word = piece.selected && piece.marks.some((f) => f.id === selectedId);
                const level =
                  piece.level === 'very_hard_sentence' ? styles.veryHard : piece.level === 'hard_sentence' ? styles.hard : undefined;
                const levelData = piece.level ? { 'data-level': piece.level } : {};
                if (piece.marks.length > 0) {
                  return (
                    <mark
                      key={i}
                      className={mergeClasses(styles.mark, level, word && styles.selected)}
                      data-kind={piece.marks[0]?.kind}
                      {...levelData}
                      {...selectedStart}
                    >
                      {piece.text}
                    </mark>
                  );
                }
                if (piece.selected) {
                  return (
                    <span key={i} className={styles.selectedSentence} data-kind="selected" {...levelData} {...selectedStart}>
                      {piece.text}
                    </span>
                  );
                }
                if (level) {
                  return (
                    <span key={i} className={level} data-testid="sentence-level" {...levelData}>
                      {piece.text}
                    </span>
                  );
                }
                return <Fragment key={i}>{piece.text}</Fragment>;
              })}
            </div>
          ) : null}
        </>
      ) : null}
    </>
  );
}

/** Which text was checked, in the words the pane uses for it elsewhere. */
function scopeLabel(strings: Strings, kind: HostAdapter['kind'], source: SourceText): string {
  if (source.scope === 'selection') return strings.source.selection;
  if (source.scope === 'message') return strings.source.message;
  return kind === 'word' ? strings.source.bodyDocument : strings.source.bodyMessage;
}

/** "”erhålla” → få" for a word with a better one, the quote alone otherwise; a sentence by its beginning. */
export function headline(strings: Strings, finding: Finding): string {
  const quote = isSentenceWide(finding) ? shortQuote(finding.quote) : finding.quote;
  return finding.suggestion ? strings.readability.instead(quote, finding.suggestion) : strings.readability.quote(quote);
}

function Stat({ name, value }: { name: string; value: string }) {
  const styles = useStyles();
  return (
    <div className={styles.stat}>
      <dt className={styles.statName}>{name}</dt>
      <dd className={styles.statValue}>{value}</dd>
    </div>
  );
}

/** LIX as a number, its band in words, and where it sits on a coloured scale from very easy to very difficult. */
function LixMeter({ strings, lix, band }: { strings: Strings; lix: number; band: ReadabilityBand }) {
  const styles = useStyles();
  const value = formatLix(strings, lix);
  const label = strings.readability.bands[band];
  // Segment widths follow the scale: 0–30, 30–40, 40–50, 50–60, 60–80.
  const edges = [0, ...LIX_BOUNDS, LIX_SCALE_MAX];
  return (
    <div>
      <div className={styles.meterTop}>
        <span className={styles.lixValue} data-testid="lix-value">{`LIX ${value}`}</span>
        <span className={styles.band} data-testid="lix-band" data-band={band}>
          <span className={mergeClasses(styles.swatch, styles[band])} aria-hidden />
          {label}
        </span>
      </div>
      <div
        role="meter"
        aria-label={strings.readability.meterLabel}
        aria-valuemin={0}
        aria-valuemax={Math.max(LIX_SCALE_MAX, lix)}
        aria-valuenow={lix}
        aria-valuetext={`${value}, ${label}`}
        title={strings.readability.scale}
        className={styles.meter}
      >
        {BAND_ORDER.map((b, i) => (
          <div
            key={b}
            className={mergeClasses(styles.segment, styles[b])}
            style={{ width: `${(((edges[i + 1] ?? 0) - (edges[i] ?? 0)) / LIX_SCALE_MAX) * 100}%` }}
          />
        ))}
        <div className={styles.marker} style={{ left: `${meterPercent(lix)}%` }} />
      </div>
      <div className={styles.ticks} aria-hidden>
        {LIX_BOUNDS.map((bound) => (
          <span key={bound} className={styles.tick} style={{ left: `${(bound / LIX_SCALE_MAX) * 100}%` }}>
            {bound}
          </span>
        ))}
      </div>
    </div>
  );
}

/** LIX before and after a plain-language rewrite, for the answer card. */
export function LixChangeLine({ before, after }: { before: number; after: number | null }) {
  const strings = useStrings();
  const styles = useStyles();
  const describe = (lix: number): string => `${formatLix(strings, lix)} (${strings.readability.bands[bandFor(lix)]})`;
  return (
    // A status: read out politely when the rewrite is done, after the answer itself.
    <p className={styles.note} role="status" data-testid="lix-change">
      <TextGrammarCheckmarkRegular className={styles.noteIcon} aria-hidden />
      <span>
        <strong>{`${strings.readability.changeHeading}: `}</strong>
        {after === null ? strings.readability.beforeOnly(describe(before)) : strings.readability.change(describe(before), describe(after))}
      </span>
    </p>
  );
}
