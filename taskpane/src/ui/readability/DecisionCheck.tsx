/**
 * The decision-letter check (förvaltningslagen 32–33 §§): shown when the text reads as a decision.
 * A missing part has no place in the text (span 0..0), so it is listed here with a suggested wording.
 */

import { makeStyles, tokens } from '@fluentui/react-components';
import { CheckmarkCircleRegular, WarningRegular } from '@fluentui/react-icons';
import type { Finding } from '../../api/readability';
import { useStrings } from '../../i18n';

const useStyles = makeStyles({
  box: {
    display: 'grid',
    gap: tokens.spacingVerticalXS,
    padding: tokens.spacingVerticalS,
    borderRadius: tokens.borderRadiusMedium,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
  },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  intro: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  list: { margin: 0, paddingLeft: 0, listStyleType: 'none', display: 'grid', gap: tokens.spacingVerticalXS },
  item: { display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'flex-start' },
  icon: { flexShrink: 0, marginTop: '2px', color: tokens.colorPaletteMarigoldForeground2 },
  ok: { flexShrink: 0, marginTop: '2px', color: tokens.colorPaletteGreenForeground1 },
  suggestion: { display: 'block', fontStyle: 'italic', color: tokens.colorNeutralForeground2 },
});

export function isDecisionNote(finding: Pick<Finding, 'kind' | 'start' | 'end'>): boolean {
  return finding.kind.startsWith('decision') && finding.start === finding.end;
}

export function DecisionCheck({ notes }: { notes: Finding[] }) {
  const strings = useStrings();
  const styles = useStyles();
  const r = strings.readability;
  return (
    <section className={styles.box} aria-label={r.decisionHeading} data-testid="decision-check">
      <h3 className={styles.heading}>{r.decisionHeading}</h3>
      <p className={styles.intro}>{r.decisionIntro}</p>
      {notes.length === 0 ? (
        <p className={styles.item} data-testid="decision-ok">
          <CheckmarkCircleRegular className={styles.ok} aria-hidden />
          <span>{r.decisionOk}</span>
        </p>
      ) : (
        <ul className={styles.list}>
          {notes.map((note) => (
            <li key={note.id} className={styles.item} data-testid="decision-finding" data-kind={note.kind}>
              <WarningRegular className={styles.icon} aria-hidden />
              <span>
                {note.message}
                {note.suggestion ? (
                  <span className={styles.suggestion}>{`${r.suggestionLabel}: ${note.suggestion}`}</span>
                ) : null}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
