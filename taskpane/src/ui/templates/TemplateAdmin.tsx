/** The admin view: the organisation's templates listed, edited, deleted, imported from and exported to JSON. */

import { Button, Dropdown, Field, Input, makeStyles, Option, Textarea, tokens } from '@fluentui/react-components';
import { ArrowDownloadRegular, ArrowUploadRegular, DeleteRegular, DismissRegular, EditRegular } from '@fluentui/react-icons';
import { useRef, useState } from 'react';
import type { Template, TemplateInput, TemplateTask } from '../../api/templates';
import type { Language, Length, Tone } from '../../api/types';
import { useSharedStyles } from '../styles';
import { problemText } from './TemplatePicker';
import { useTemplateStrings } from './strings';
import type { TemplatesState } from './use-templates';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  item: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalXS },
  itemName: { flexGrow: 1, minWidth: 0, overflowWrap: 'anywhere' },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400 },
});

const TASKS: TemplateTask[] = ['draft', 'rewrite', 'summarize', 'ask'];
const TONES: Tone[] = ['formal', 'neutral', 'friendly'];
const LENGTHS: Length[] = ['short', 'medium', 'long'];
const LANGUAGES: Language[] = ['sv', 'en'];

export function TemplateAdmin({ state, onClose, onMessage }: { state: TemplatesState; onClose: () => void; onMessage: (m: string) => void }) {
  const t = useTemplateStrings();
  const styles = useStyles();
  const shared = useSharedStyles();
  const [editing, setEditing] = useState<Template | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const fileRef = useRef<HTMLInputElement>(null);
  const organisation = state.templates.filter((x) => x.scope === 'organisation');

  const run = async (action: () => Promise<string>): Promise<void> => {
    try {
      onMessage(await action());
      setError(undefined);
      state.reload();
    } catch (e) {
      setError(problemText(e));
    }
  };

  const importFile = async (file: File): Promise<string> => {
    let parsed: unknown;
    try {
      parsed = JSON.parse(await file.text());
    } catch {
      throw new Error(t.importBad);
    }
    const result = await state.api.importFile(parsed as object);
    return t.imported(result.created, result.replaced);
  };

  const exportFile = async (): Promise<string> => {
    const text = await state.api.exportFile();
    const link = document.createElement('a');
    link.href = URL.createObjectURL(new Blob([text], { type: 'application/json' }));
    link.download = 'kollega-templates-organisation.json';
    link.click();
    URL.revokeObjectURL(link.href);
    return t.exportFile;
  };

  return (
    <section className={shared.card} aria-labelledby="template-admin-title" data-testid="template-admin">
      <div className={styles.item}>
        <h2 id="template-admin-title" className={`${styles.title} ${styles.itemName}`}>
          {t.adminTitle}
        </h2>
        <Button appearance="subtle" icon={<DismissRegular />} aria-label={t.close} title={t.close} onClick={onClose} />
      </div>
      {organisation.length === 0 ? <span className={shared.muted}>{t.adminEmpty}</span> : null}
      <ul className={styles.list} aria-label={t.adminTitle}>
        {organisation.map((x) => (
          <li key={x.id} className={styles.item}>
            <span className={styles.itemName}>{x.name}</span>
            <Button size="small" appearance="subtle" icon={<EditRegular />} aria-label={t.edit(x.name)} title={t.edit(x.name)} onClick={() => setEditing(x)} />
            <Button
              size="small"
              appearance="subtle"
              icon={<DeleteRegular />}
              aria-label={t.remove(x.name)}
              title={t.remove(x.name)}
              onClick={() =>
                void run(async () => {
                  await state.api.remove(x.id);
                  return t.removed(x.name);
                })
              }
            />
          </li>
        ))}
      </ul>
      {editing ? (
        <TemplateForm
          key={editing.id}
          template={editing}
          onCancel={() => setEditing(undefined)}
          onSave={(input) =>
            run(async () => {
              const saved = await state.api.update(editing.id, input);
              setEditing(undefined);
              return t.saved(saved.name);
            })
          }
        />
      ) : null}
      <div className={shared.row}>
        <Button icon={<ArrowUploadRegular />} onClick={() => fileRef.current?.click()} data-testid="template-import">
          {t.importFile}
        </Button>
        <input
          ref={fileRef}
          type="file"
          accept="application/json,.json"
          hidden
          aria-label={t.importFile}
          data-testid="template-import-file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            event.target.value = '';
            if (file) void run(() => importFile(file));
          }}
        />
        <Button icon={<ArrowDownloadRegular />} onClick={() => void run(exportFile)} data-testid="template-export">
          {t.exportFile}
        </Button>
      </div>
      {error ? (
        <div role="alert" className={shared.muted} data-testid="template-admin-error">
          {error}
        </div>
      ) : null}
    </section>
  );
}

function TemplateForm({ template, onSave, onCancel }: { template: Template; onSave: (t: TemplateInput) => Promise<void>; onCancel: () => void }) {
  const t = useTemplateStrings();
  const shared = useSharedStyles();
  const [value, setValue] = useState<TemplateInput>({
    name: template.name,
    description: template.description,
    task: template.task,
    instruction: template.instruction,
    tone: template.tone,
    length: template.length,
    language: template.language,
  });
  const set = (change: Partial<TemplateInput>): void => setValue((current) => ({ ...current, ...change }));

  return (
    <form
      className={shared.card}
      aria-label={t.edit(template.name)}
      data-testid="template-form"
      onSubmit={(event) => {
        event.preventDefault();
        void onSave(value);
      }}
    >
      <Field label={t.name} required>
        <Input value={value.name} onChange={(_, d) => set({ name: d.value })} maxLength={120} />
      </Field>
      <Field label={t.description}>
        <Input value={value.description} onChange={(_, d) => set({ description: d.value })} maxLength={500} />
      </Field>
      <Field label={t.instruction} hint={t.instructionHint} required>
        <Textarea value={value.instruction} onChange={(_, d) => set({ instruction: d.value })} resize="vertical" rows={5} />
      </Field>
      <Choice label={t.task} value={value.task} options={TASKS} names={t.tasks} onChange={(task) => set({ task })} />
      <Choice label={t.tone} value={value.tone} options={TONES} names={t.tones} onChange={(tone) => set({ tone })} />
      <Choice label={t.length} value={value.length} options={LENGTHS} names={t.lengths} onChange={(length) => set({ length })} />
      <Choice label={t.language} value={value.language} options={LANGUAGES} names={t.languages} onChange={(language) => set({ language })} />
      <div className={shared.row}>
        <Button appearance="primary" type="submit">
          {t.save}
        </Button>
        <Button onClick={onCancel}>{t.cancel}</Button>
      </div>
    </form>
  );
}

function Choice<T extends string>({ label, value, options, names, onChange }: { label: string; value: T; options: T[]; names: Record<T, string>; onChange: (v: T) => void }) {
  return (
    <Field label={label}>
      <Dropdown value={names[value]} selectedOptions={[value]} onOptionSelect={(_, d) => onChange(d.optionValue as T)}>
        {options.map((o) => (
          <Option key={o} value={o}>
            {names[o]}
          </Option>
        ))}
      </Dropdown>
    </Field>
  );
}
