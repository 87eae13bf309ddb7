/**
 * A klarspråk checklist in the spirit of Isof's Klarspråkshjälpen: a few questions about the reader,
 * the purpose and the structure. Only which boxes are ticked is kept, with the user's preferences.
 */

import { Button, Checkbox, makeStyles, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import { useStrings } from '../../i18n';
import { CHECKLIST_QUESTIONS } from '../../settings/preferences';

const useStyles = makeStyles({
  box: { display: 'grid', gap: tokens.spacingVerticalXS },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  intro: { margin: 0, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3 },
  list: { margin: 0, paddingLeft: 0, listStyleType: 'none', display: 'grid' },
  footer: { display: 'flex', alignItems: 'center', justifyContent: 'space-between' },
  progress: { fontSize: tokens.fontSizeBase200 },
});

export interface ChecklistProps {
  ticked: Record<string, boolean>;
  onChange: (ticked: Record<string, boolean>) => void;
}

export function KlarsprakChecklist({ ticked, onChange }: ChecklistProps) {
  const strings = useStrings();
  const styles = useStyles();
  const headingId = useId();
  const c = strings.readability.checklist;
  const done = CHECKLIST_QUESTIONS.filter((id) => ticked[id]).length;
  return (
    <section className={styles.box} aria-labelledby={headingId} data-testid="klarsprak-checklist">
      <h3 id={headingId} className={styles.heading}>
        {c.heading}
      </h3>
      <p className={styles.intro}>{c.intro}</p>
      <ul className={styles.list}>
        {CHECKLIST_QUESTIONS.map((id) => (
          <li key={id}>
            <Checkbox
              checked={ticked[id] === true}
              label={c.questions[id]}
              data-testid={`checklist-${id}`}
              onChange={(_, data) => onChange({ ...ticked, [id]: data.checked === true })}
            />
          </li>
        ))}
      </ul>
      <div className={styles.footer}>
        <span className={styles.progress} role="status" data-testid="checklist-progress">
          {c.progress(done, CHECKLIST_QUESTIONS.length)}
        </span>
        <Button size="small" appearance="subtle" disabled={done === 0} onClick={() => onChange({})}>
          {c.reset}
        </Button>
      </div>
    </section>
  );
}
