/** The options of each task. Each is a short, fixed list, so the choices can be remembered safely. */

import { Field, makeStyles, Radio, RadioGroup, Textarea, tokens } from '@fluentui/react-components';
import type { KeyboardEvent } from 'react';
import type { Length, RewriteGoal, Tone } from '../api/types';
import { useStrings } from '../i18n';

const useStyles = makeStyles({
  hint: {
    display: 'block',
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
  },
  compact: { flexWrap: 'wrap', columnGap: '0' },
});

const LENGTHS: Length[] = ['short', 'medium', 'long'];

export function LengthField({ value, onChange }: { value: Length; onChange: (value: Length) => void }) {
  const strings = useStrings();
  const styles = useStyles();
  return (
    <Field label={strings.length.label}>
      <RadioGroup
        layout="horizontal"
        className={styles.compact}
        value={value}
        onChange={(_, data) => onChange(data.value as Length)}
      >
        {LENGTHS.map((length) => (
          <Radio key={length} value={length} label={strings.length[length]} />
        ))}
      </RadioGroup>
    </Field>
  );
}

export function SummaryScopeField({
  value,
  onChange,
}: {
  value: 'message' | 'thread';
  onChange: (value: 'message' | 'thread') => void;
}) {
  const strings = useStrings();
  return (
    <Field label={strings.summarize.scopeLabel}>
      <RadioGroup value={value} onChange={(_, data) => onChange(data.value as 'message' | 'thread')}>
        <Radio value="message" label={strings.summarize.scopeMessage} />
        <Radio value="thread" label={strings.summarize.scopeThread} />
      </RadioGroup>
    </Field>
  );
}

export interface DraftFieldsProps {
  instruction: string;
  onInstruction: (value: string) => void;
  missing: boolean;
  tone: Tone;
  onTone: (value: Tone) => void;
  onSubmit: () => void;
  instructionRef: React.Ref<HTMLTextAreaElement>;
}

export function DraftFields({ instruction, onInstruction, missing, tone, onTone, onSubmit, instructionRef }: DraftFieldsProps) {
  const strings = useStrings();
  const styles = useStyles();
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSubmit();
    }
  };
  return (
    <>
      <Field
        label={strings.draft.instructionLabel}
        hint={strings.draft.instructionHint}
        validationState={missing ? 'error' : 'none'}
        validationMessage={missing ? strings.draft.instructionMissing : undefined}
      >
        <Textarea
          ref={instructionRef}
          value={instruction}
          onChange={(_, data) => onInstruction(data.value)}
          onKeyDown={onKeyDown}
          placeholder={strings.draft.instructionPlaceholder}
          resize="vertical"
          rows={3}
        />
      </Field>
      <Field label={strings.draft.toneLabel}>
        <RadioGroup
          layout="horizontal"
          className={styles.compact}
          value={tone}
          onChange={(_, data) => onTone(data.value as Tone)}
        >
          {(['formal', 'neutral', 'friendly'] as const).map((t) => (
            <Radio key={t} value={t} label={strings.draft[t]} />
          ))}
        </RadioGroup>
      </Field>
    </>
  );
}

const GOALS: RewriteGoal[] = ['plain', 'shorter', 'formal', 'friendly', 'proofread'];

export function GoalField({ value, onChange }: { value: RewriteGoal; onChange: (value: RewriteGoal) => void }) {
  const strings = useStrings();
  const styles = useStyles();
  return (
    <Field label={strings.rewrite.goalLabel}>
      <RadioGroup value={value} onChange={(_, data) => onChange(data.value as RewriteGoal)}>
        {GOALS.map((goal) => (
          <Radio
            key={goal}
            value={goal}
            label={
              <>
                {strings.rewrite[goal]}
                <span className={styles.hint}>{strings.rewrite[`${goal}Hint`]}</span>
              </>
            }
          />
        ))}
      </RadioGroup>
    </Field>
  );
}
