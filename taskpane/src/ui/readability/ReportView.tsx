/** What the readability card shows of one report: LIX, the figures, and the findings to choose from. */

import { mergeClasses } from '@fluentui/react-components';
import { InfoRegular } from '@fluentui/react-icons';
import { useId, useMemo } from 'react';
import { groupFindings, isSentenceWide, isWholeText, shortQuote, type Finding } from '../../api/readability';
import type { ReadabilityReport } from '../../api/types';
import { formatLix, kindLabel, useStrings, type Strings } from '../../i18n';
import { ChoiceGroups } from '../ChoiceGroups';
import { ShowHideButton } from '../ShowHideButton';
import { useSharedStyles } from '../styles';
import { DecisionCheck, isDecisionNote } from './DecisionCheck';
import { FindingsText } from './FindingsText';
import { LixMeter } from './LixMeter';
import { ReadabilityMeasures } from './Measures';
import { useReadabilityStyles } from './styles';

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

/** No state of its own, so it can be rendered and tested alone. */
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
  const styles = useReadabilityStyles();
  const shared = useSharedStyles();
  const regionId = useId();
  const groups = useMemo(() => groupFindings(findings), [findings]);
  const notes = findings.filter((f) => isWholeText(f) && !isDecisionNote(f));
  const decisionNotes = findings.filter(isDecisionNote);
  const total = findings.length;

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
          <h3 className={shared.subheading} data-testid="findings-heading">
            {total === 0 ? strings.readability.none : strings.readability.findingsHeading(total)}
          </h3>

          {notes.map((note) => (
            <p key={note.id} className={styles.note} data-testid="finding-note" data-kind={note.kind}>
              <InfoRegular className={styles.noteIcon} aria-hidden />
              <span>{note.message}</span>
            </p>
          ))}

          {groups.length > 0 ? (
            <ChoiceGroups
              className={styles.groups}
              label={strings.readability.listLabel}
              testId="finding-groups"
              groupTestId="finding-group"
              headingLevel="h4"
              groups={groups.map((group) => ({
                key: group.kind,
                heading: kindLabel(strings, group.kind),
                items: group.findings,
                data: { 'data-kind': group.kind },
              }))}
              itemKey={(finding) => finding.id}
              renderItem={(finding) => (
                <button
                  type="button"
                  className={mergeClasses(shared.choice, styles.finding, finding.id === selectedId && shared.choiceSelected)}
                  aria-pressed={finding.id === selectedId}
                  onClick={() => onSelect(finding)}
                  data-testid="finding"
                  data-kind={finding.kind}
                >
                  <span className={styles.findingQuote}>{headline(strings, finding)}</span>
                  <span className={styles.findingMessage}>{finding.message}</span>
                </button>
              )}
            />
          ) : null}

          {groups.length > 0 ? (
            <ShowHideButton
              className={styles.toggle}
              open={previewOpen}
              controls={regionId}
              onToggle={onTogglePreview}
              words={{
                show: strings.readability.showText,
                hide: strings.readability.hideText,
                showLabel: strings.readability.showTextLabel,
                hideLabel: strings.readability.hideTextLabel,
              }}
            />
          ) : null}
          {groups.length > 0 && previewOpen ? <FindingsText id={regionId} text={text} findings={findings} selectedId={selectedId} /> : null}
        </>
      ) : null}
    </>
  );
}

/** "”erhålla” → få" for a word with a better one, the quote alone otherwise; a sentence by its beginning. */
export function headline(strings: Strings, finding: Finding): string {
  const quote = isSentenceWide(finding) ? shortQuote(finding.quote) : finding.quote;
  return finding.suggestion ? strings.readability.instead(quote, finding.suggestion) : strings.readability.quote(quote);
}

function Stat({ name, value }: { name: string; value: string }) {
  const styles = useReadabilityStyles();
  return (
    <div className={styles.stat}>
      <dt className={styles.statName}>{name}</dt>
      <dd className={styles.statValue}>{value}</dd>
    </div>
  );
}
