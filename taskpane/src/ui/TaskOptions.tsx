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

/** Ctrl+Enter (Cmd+Enter) in a text field runs the task, as in Office's own panes. */
function submitOnCtrlEnter(onSubmit: () => void) {
  return (event: KeyboardEvent<HTMLTextAreaElement>): void => {
    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
      event.preventDefault();
      onSubmit();
    }
  };
}

export interface QuestionFieldProps {
  question: string;
  onQuestion: (value: string) => void;
  missing: boolean;
  onSubmit: () => void;
  questionRef: React.Ref<HTMLTextAreaElement>;
}

export function QuestionField({ question, onQuestion, missing, onSubmit, questionRef }: QuestionFieldProps) {
  const strings = useStrings();
  return (
    <Field
      label={strings.ask.questionLabel}
      hint={strings.ask.questionHint}
      validationState={missing ? 'error' : 'none'}
      validationMessage={missing ? strings.ask.questionMissing : undefined}
    >
      <Textarea
        ref={questionRef}
        value={question}
        onChange={(_, data) => onQuestion(data.value)}
        onKeyDown={submitOnCtrlEnter(onSubmit)}
        placeholder={strings.ask.questionPlaceholder}
        resize="vertical"
        rows={2}
        data-testid="question"
      />
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
          onKeyDown={submitOnCtrlEnter(onSubmit)}
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
