/** The options of each task. Each is a short, fixed list, so the choices can be remembered safely. */

import { Field, makeStyles, Radio, RadioGroup, Select, Textarea, tokens } from '@fluentui/react-components';
import type { KeyboardEvent } from 'react';
import { languageName, TRANSLATION_TARGETS, type TranslationTarget } from '../api/languages';
import type { Length, Tone } from '../api/types';
import { useStrings } from '../i18n';
import type { RewriteChoice } from '../settings/preferences';

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

/** The message or the whole conversation, for a summary or a question (in the words of each). */
export function SummaryScopeField({
  value,
  onChange,
  task = 'summarize',
}: {
  value: 'message' | 'thread';
  onChange: (value: 'message' | 'thread') => void;
  task?: 'summarize' | 'ask';
}) {
  const strings = useStrings();
  const words = strings[task];
  return (
    <Field label={words.scopeLabel}>
      <RadioGroup value={value} onChange={(_, data) => onChange(data.value as 'message' | 'thread')}>
        <Radio value="message" label={words.scopeMessage} />
        <Radio value="thread" label={words.scopeThread} />
      </RadioGroup>
    </Field>
  );
}

/** A required text the task runs on (a draft's instruction, a question); Ctrl+Enter (Cmd+Enter) runs it, as in Office's own panes. */
function TaskText({
  words,
  value,
  onChange,
  missing,
  onSubmit,
  textRef,
  rows,
  testId,
}: {
  words: { label: string; hint: string; missing: string; placeholder: string };
  value: string;
  onChange: (value: string) => void;
  missing: boolean;
  onSubmit: () => void;
  textRef: React.Ref<HTMLTextAreaElement>;
  rows: number;
  testId?: string;
}) {
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSubmit();
    }
  };
  return (
    <Field
      label={words.label}
      hint={words.hint}
      validationState={missing ? 'error' : 'none'}
      validationMessage={missing ? words.missing : undefined}
    >
      <Textarea
        ref={textRef}
        value={value}
        onChange={(_, data) => onChange(data.value)}
        onKeyDown={onKeyDown}
        placeholder={words.placeholder}
        resize="vertical"
        rows={rows}
        data-testid={testId}
      />
    </Field>
  );
}

export interface QuestionFieldProps {
  question: string;
  onQuestion: (value: string) => void;
  missing: boolean;
  onSubmit: () => void;
  questionRef: React.Ref<HTMLTextAreaElement>;
}

export function QuestionField({ question, onQuestion, missing, onSubmit, questionRef }: QuestionFieldProps) {
  const { ask } = useStrings();
  const words = { label: ask.questionLabel, hint: ask.questionHint, missing: ask.questionMissing, placeholder: ask.questionPlaceholder };
  return (
    <TaskText words={words} value={question} onChange={onQuestion} missing={missing} onSubmit={onSubmit} textRef={questionRef} rows={2} testId="question" />
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
  return (
    <>
      <TaskText
        words={{
          label: strings.draft.instructionLabel,
          hint: strings.draft.instructionHint,
          missing: strings.draft.instructionMissing,
          placeholder: strings.draft.instructionPlaceholder,
        }}
        value={instruction}
        onChange={onInstruction}
        missing={missing}
        onSubmit={onSubmit}
        textRef={instructionRef}
        rows={3}
      />
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

const GOALS: RewriteChoice[] = ['plain', 'shorter', 'formal', 'friendly', 'proofread', 'translate', 'easy'];

export interface GoalFieldProps {
  value: RewriteChoice;
  onChange: (value: RewriteChoice) => void;
  /** The language a translation goes into; its picker shows when the goal is translate. */
  target: TranslationTarget;
  onTarget: (value: TranslationTarget) => void;
}

export function GoalField({ value, onChange, target, onTarget }: GoalFieldProps) {
  const strings = useStrings();
  const styles = useStyles();
  return (
    <>
      <Field label={strings.rewrite.goalLabel}>
        <RadioGroup value={value} onChange={(_, data) => onChange(data.value as RewriteChoice)}>
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
      {value === 'translate' ? (
        // A native select: a long list that screen readers and keyboards know how to work.
        <Field label={strings.rewrite.targetLabel}>
          <Select value={target} onChange={(_, data) => onTarget(data.value as TranslationTarget)} data-testid="translate-target">
            {TRANSLATION_TARGETS.map((code) => (
              <option key={code} value={code}>
                {languageName(code, strings.locale)}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
    </>
  );
}
