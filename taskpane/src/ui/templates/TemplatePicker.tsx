/** The template picker on the draft and rewrite tabs: search, choose, fill in the template's fields. */

import { Button, Combobox, Field, Input, makeStyles, Option, OptionGroup, Textarea, tokens } from '@fluentui/react-components';
import { SaveRegular } from '@fluentui/react-icons';
import { useId, useState } from 'react';
import { fieldLabel, templatesFor, type TemplateInput } from '../../api/templates';
import { ApiError } from '../../api/errors';
import type { Language, Length, Tone } from '../../api/types';
import { useSharedStyles } from '../styles';
import { useTemplateStrings } from './strings';
import type { TemplatesState, TemplateTab } from './use-templates';

const useStyles = makeStyles({
  fields: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalS,
    border: `1px solid ${tokens.colorNeutralStroke2}`,
    borderRadius: tokens.borderRadiusMedium,
    margin: 0,
  },
  legend: { fontWeight: tokens.fontWeightSemibold, padding: `0 ${tokens.spacingHorizontalXS}` },
});

const NONE = '';

export function TemplatePicker({ tab, state }: { tab: TemplateTab; state: TemplatesState }) {
  const t = useTemplateStrings();
  const styles = useStyles();
  const shared = useSharedStyles();
  const [query, setQuery] = useState<string | undefined>(undefined);
  const offered = templatesFor(tab, state.templates);
  const chosen = state.chosen(tab);
  if (offered.length === 0 && !state.error) return null;
  const needle = (query ?? '').trim().toLocaleLowerCase();
  const matches = offered.filter(
    (x) => !needle || x.name.toLocaleLowerCase().includes(needle) || x.description.toLocaleLowerCase().includes(needle),
  );
  const groups: [string, typeof matches][] = [
    [t.organisation, matches.filter((x) => x.scope === 'organisation')],
    [t.personal, matches.filter((x) => x.scope === 'personal')],
  ];

  return (
    <>
      <Field label={t.picker} validationMessage={state.error ? t.loadFailed : undefined}>
        <Combobox
          data-testid="template-picker"
          // Inline, not in a portal: a closed portal listbox was left over the submit button.
          inlinePopup
          placeholder={t.pickerPlaceholder}
          value={query ?? chosen?.name ?? ''}
          selectedOptions={chosen ? [chosen.id] : []}
          onChange={(event) => setQuery(event.target.value)}
          onOptionSelect={(_, data) => {
            // Typing text that no longer matches the choice makes the Combobox clear it (no optionValue):
            // the search goes on, and the template stays until the user picks another or "Ingen mall".
            if (data.optionValue === undefined) return;
            state.choose(tab, data.optionValue || undefined);
            setQuery(undefined);
          }}
          onBlur={() => setQuery(undefined)}
        >
          <Option value={NONE} text={t.none}>
            {t.none}
          </Option>
          {groups.map(([label, items]) =>
            items.length ? (
              <OptionGroup key={label} label={label}>
                {items.map((x) => (
                  <Option key={x.id} value={x.id} text={x.name}>
                    {x.name}
                  </Option>
                ))}
              </OptionGroup>
            ) : null,
          )}
          {matches.length === 0 ? (
            <Option value={NONE} text={t.noMatch} disabled>
              {t.noMatch}
            </Option>
          ) : null}
        </Combobox>
      </Field>
      {chosen ? (
        <>
          {chosen.description ? <span className={shared.muted}>{chosen.description}</span> : null}
          {chosen.fields.length ? (
            <fieldset className={styles.fields} data-testid="template-fields" aria-label={t.fieldsLabel(chosen.name)}>
              <legend className={styles.legend}>{chosen.name}</legend>
              {chosen.fields.map((name) => (
                <Field
                  key={name}
                  label={fieldLabel(name)}
                  required
                  validationMessage={state.missing.includes(name) ? t.fieldMissing : undefined}
                >
                  <Input
                    data-field={name}
                    value={state.values[name] ?? ''}
                    maxLength={state.limits?.field_chars}
                    onChange={(_, data) => state.setValue(name, data.value)}
                  />
                </Field>
              ))}
            </fieldset>
          ) : null}
        </>
      ) : null}
    </>
  );
}

export interface SaveTemplateProps {
  tab: TemplateTab;
  state: TemplatesState;
  instruction: string;
  tone: Tone;
  length: Length;
  language: Language;
  onSaved: (message: string) => void;
}

/** "Save as template": the current tab's settings, with a name, as the user's own template. */
export function SaveTemplate({ tab, state, instruction, tone, length, language, onSaved }: SaveTemplateProps) {
  const t = useTemplateStrings();
  const shared = useSharedStyles();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [text, setText] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const formId = useId();

  if (!open) {
    return (
      <Button
        appearance="subtle"
        size="small"
        icon={<SaveRegular />}
        onClick={() => {
          setText(instruction);
          setOpen(true);
        }}
        data-testid="template-save-open"
      >
        {t.saveOwn}
      </Button>
    );
  }

  const save = async (): Promise<void> => {
    const template: TemplateInput = { name, description: '', task: tab, instruction: text, tone, length, language, scope: 'personal' };
    try {
      const saved = await state.api.create(template);
      state.reload();
      state.choose(tab, saved.id);
      setOpen(false);
      setName('');
      setError(undefined);
      onSaved(t.saved(saved.name));
    } catch (e) {
      setError(problemText(e));
    }
  };

  return (
    <form
      id={formId}
      aria-label={t.saveTitle}
      className={shared.card}
      onSubmit={(event) => {
        event.preventDefault();
        void save();
      }}
      data-testid="template-save-form"
    >
      <Field label={t.name} required>
        <Input value={name} onChange={(_, d) => setName(d.value)} maxLength={120} />
      </Field>
      <Field label={t.instruction} hint={t.instructionHint} required validationMessage={error}>
        <Textarea value={text} onChange={(_, d) => setText(d.value)} resize="vertical" maxLength={state.limits?.instruction_chars} />
      </Field>
      <div className={shared.row}>
        <Button appearance="primary" type="submit" disabled={!name.trim() || !text.trim()}>
          {t.save}
        </Button>
        <Button onClick={() => setOpen(false)}>{t.cancel}</Button>
      </div>
    </form>
  );
}

/** A problem's own words: the server names what is wrong (a field, a limit), never the user's text. */
export function problemText(error: unknown): string {
  if (error instanceof ApiError) {
    const details = Object.values(error.fieldErrors ?? {}).flat();
    return [error.message, ...details].filter(Boolean).join(' ');
  }
  return String(error);
}
