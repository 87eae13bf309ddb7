/** The task pane: pick a task, see what will be masked, get a streamed answer, put it into the item. */

import { Button, makeStyles, Spinner, Tab, TabList, tokens } from '@fluentui/react-components';
import {
  ArrowClockwiseRegular,
  ChatBubblesQuestionRegular,
  DocumentTextRegular,
  EditRegular,
  SparkleRegular,
  TextBulletListLtrRegular,
  TextEditStyleRegular,
} from '@fluentui/react-icons';
import { useCallback, useEffect, useMemo, useRef, useState, type ReactElement } from 'react';
import type { KollegaApi, TokenSource } from '../api/client';
import { ApiError } from '../api/errors';
import { cleanText } from '../api/client';
import type { Language, RewriteGoal } from '../api/types';
import type { HostAdapter, InsertAction, SourceText, Task } from '../hosts/host';
import { scopeLabel, useStrings, type Strings } from '../i18n';
import type { PreferenceStore, Preferences } from '../settings/preferences';
import { ErrorBar } from './ErrorBar';
import { OutputCard, type OutputCardProps } from './OutputCard';
import { ReadabilityCard } from './readability/ReadabilityCard';
import { ReleaseCard } from '../release/ReleaseCard';
import { RedactionPreview } from './RedactionPreview';
import { buildRun } from './requests';
import { useSharedStyles } from './styles';
import { DraftFields, GoalField, LengthField, QuestionField, SummaryScopeField } from './TaskOptions';
import { useTemplateStrings } from './templates/strings';
import { TemplateAdmin } from './templates/TemplateAdmin';
import { SaveTemplate, TemplatePicker } from './templates/TemplatePicker';
import { useTemplates } from './templates/use-templates';
import { useStreamAnnouncer } from './use-announcer';
import { useGeneration } from './use-generation';
import { useAllowUnmask, useRedactionPreview, type PreviewPart } from './use-redaction';
import { useSource } from './use-source';

const useStyles = makeStyles({
  root: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} ${tokens.spacingVerticalL}`,
    minHeight: '100%',
    boxSizing: 'border-box',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
  },
  // Outlook's pane can be 320 px wide: the tabs wrap rather than scroll the pane sideways.
  tabs: { marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})`, flexWrap: 'wrap' },
  // In the narrowest panes the words matter more than the pictures: the icons go, to give the words room.
  tabIcon: { '@media (max-width: 359px)': { display: 'none' } },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  source: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalXS,
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase200,
    lineHeight: tokens.lineHeightBase200,
    minHeight: '24px',
  },
  sourceText: { flexGrow: 1 },
  footer: {
    marginTop: 'auto',
    color: tokens.colorNeutralForeground2,
    fontSize: tokens.fontSizeBase100,
    lineHeight: tokens.lineHeightBase100,
  },
});

const TASK_ICONS: Record<Task, ReactElement> = {
  summarize: <TextBulletListLtrRegular />,
  ask: <ChatBubblesQuestionRegular />,
  draft: <EditRegular />,
  rewrite: <TextEditStyleRegular />,
};

export interface AppProps {
  host: HostAdapter;
  api: KollegaApi;
  tokens: TokenSource;
  preferences: PreferenceStore;
  language: Language;
}

export function App({ host, api, tokens: tokenSource, preferences: store, language }: AppProps) {
  const strings = useStrings();
  const styles = useStyles();
  const shared = useSharedStyles();

  const [prefs, setPrefs] = useState<Preferences>(() => store.load());
  const update = useCallback(
    (change: Partial<Preferences>) =>
      setPrefs((current) => {
        const next = { ...current, ...change };
        store.save(next);
        return next;
      }),
    [store],
  );

  const remembered = prefs.task[host.kind];
  const task: Task = remembered && host.tasks.includes(remembered) ? remembered : (host.tasks[0] as Task);
  const source = useSource(host, task);
  const generation = useGeneration();
  const { state } = generation;

  const [instruction, setInstruction] = useState('');
  const [instructionMissing, setInstructionMissing] = useState(false);
  const instructionRef = useRef<HTMLTextAreaElement>(null);
  const [question, setQuestion] = useState('');
  const [questionMissing, setQuestionMissing] = useState(false);
  const questionRef = useRef<HTMLTextAreaElement>(null);
  const [feedback, setFeedback] = useState<string | undefined>(undefined);
  const [insertError, setInsertError] = useState<ApiError | undefined>(undefined);
  // Goes up when the pane changes the text itself, so the readability card checks it again.
  const [textVersion, setTextVersion] = useState(0);
  const templates = useTemplates(api);
  const templateStrings = useTemplateStrings();
  const [templateAdmin, setTemplateAdmin] = useState(false);
  const [templateNote, setTemplateNote] = useState<string | undefined>(undefined);

  const conversationId = host.conversationId();
  // Summaries and questions can cover the whole conversation, which the server reads itself.
  const threadScope = (task === 'summarize' || task === 'ask') && prefs.summaryScope === 'thread' && conversationId !== undefined;

  const previewParts = useMemo<PreviewPart[] | undefined>(() => {
    if (source.status !== 'ready') return undefined;
    if (task === 'draft') {
      return [
        { label: strings.redaction.instruction, text: instruction },
        { label: strings.redaction.context, text: source.context },
      ];
    }
    return threadScope ? [] : [{ text: source.source?.text ?? '' }];
  }, [source.status, source.source, source.context, task, instruction, threadScope, strings]);
  const preview = useRedactionPreview(api, previewParts);
  const allowUnmask = useAllowUnmask(api);
  const announcer = useStreamAnnouncer(state.text, state.status, strings.announce);

  const selectTask = (next: Task): void => {
    update({ task: { ...prefs.task, [host.kind]: next } });
    setInstructionMissing(false);
    setQuestionMissing(false);
  };

  /** Runs the task; the readability card asks for a rewrite with goal plain whatever the tab shows. */
  const submit = async (override?: { task: Task; goal: RewriteGoal }): Promise<void> => {
    const chosen = override?.task ?? task;
    const thread = (chosen === 'summarize' || chosen === 'ask') && threadScope;
    const goal = override?.goal ?? prefs.goal;
    setFeedback(undefined);
    setInsertError(undefined);
    // A template chosen on this tab (not for the readability card's plain rewrite): its fields must be filled.
    const tab = !override && (chosen === 'draft' || chosen === 'rewrite') ? chosen : undefined;
    const template = tab ? templates.request(tab) : undefined;
    const emptyField = tab && template ? templates.check(tab) : undefined;
    if (emptyField !== undefined) {
      document.querySelector<HTMLInputElement>(`[data-field="${CSS.escape(emptyField)}"]`)?.focus();
      return;
    }
    if (chosen === 'draft' && !template && !instruction.trim()) {
      setInstructionMissing(true);
      instructionRef.current?.focus();
      return;
    }
    setInstructionMissing(false);
    if (chosen === 'ask' && !question.trim()) {
      setQuestionMissing(true);
      questionRef.current?.focus();
      return;
    }
    setQuestionMissing(false);
    // Read the text again now: Outlook compose has no selection event, so what the pane read
    // earlier may not be what the user has selected at the moment they ask.
    let current: SourceText | undefined;
    let context = '';
    try {
      if (chosen === 'draft') context = await host.readDraftContext();
      else current = await host.readSource();
    } catch (error) {
      setInsertError(error instanceof ApiError ? error : new ApiError('host_error', String(error)));
      return;
    }
    if (current?.text !== source.source?.text || context !== source.context) source.reload();
    if (chosen !== 'draft' && !thread && !current?.text.trim()) {
      setInsertError(new ApiError('empty_text', 'There is no text.'));
      return;
    }
    const run = buildRun(api, {
      task: chosen,
      language,
      source: current,
      context,
      conversationId,
      mailbox: host.sharedMailbox ? () => host.sharedMailbox?.() ?? Promise.resolve(undefined) : undefined,
      summaryScope: prefs.summaryScope,
      summaryLength: prefs.summaryLength,
      question,
      instruction,
      tone: prefs.tone,
      draftLength: prefs.draftLength,
      goal,
      target: prefs.target,
      // The preview's corrections go with the request; a thread read by the server has no preview.
      corrections: thread ? undefined : preview.corrections,
      template,
    });
    void generation.start(run, { task: chosen, source: current, thread });
  };

  /** "Skriv om till klarspråk" from the readability card: the rewrite tab, goal plain, and go. */
  const rewritePlain = (): void => {
    update({ task: { ...prefs.task, [host.kind]: 'rewrite' }, goal: 'plain' });
    setInstructionMissing(false);
    void submit({ task: 'rewrite', goal: 'plain' });
  };

  const insert = async (action: InsertAction): Promise<void> => {
    setFeedback(undefined);
    setInsertError(undefined);
    try {
      const result = await host.insert(action, state.text, state.origin?.source);
      setFeedback(feedbackFor(strings, action, result.tracked));
      // The item changed: the next preview must read it again.
      source.reload();
      setTextVersion((v) => v + 1);
    } catch (error) {
      setInsertError(error instanceof ApiError ? error : new ApiError('host_error', String(error)));
    }
  };

  const signIn = async (): Promise<void> => {
    try {
      await tokenSource.getToken({ interactive: true, claims: state.error?.claims });
      setInsertError(undefined);
      source.reload(); // the preview could not run without a token either
      await generation.retry();
    } catch (error) {
      setInsertError(error instanceof ApiError ? error : new ApiError('unauthorized', String(error)));
    }
  };

  // A pinned Outlook pane moves to the next message the user opens: an answer about the previous one
  // must not stay, or "Reply with draft" would answer the wrong message.
  const { reset } = generation;
  useEffect(() => {
    if (host.kind !== 'outlook-read') return undefined;
    return host.subscribe(() => {
      reset();
      setFeedback(undefined);
      setInsertError(undefined);
    });
  }, [host, reset]);

  // Escape stops a running answer from anywhere in the pane, as in Office's own panes.
  const { stop } = generation;
  useEffect(() => {
    if (state.status !== 'streaming') return;
    const onKey = (event: KeyboardEvent): void => {
      if (event.key === 'Escape') stop();
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [state.status, stop]);

  const streaming = state.status === 'streaming';
  const error = insertError ?? state.error;
  const showOutput = state.status !== 'idle' && (state.text !== '' || streaming);
  const insertActions = state.origin ? host.insertActions(state.origin.task, state.origin.source?.scope) : [];
  const notices = outputNotices(strings, state);
  const cited = citedFor(host, state);

  return (
    <div className={styles.root}>
      <TabList
        className={styles.tabs}
        selectedValue={task}
        onTabSelect={(_, data) => selectTask(data.value as Task)}
        aria-label={strings.tasks.label}
        size="small"
      >
        {host.tasks.map((t) => (
          <Tab key={t} value={t} icon={{ children: TASK_ICONS[t], className: styles.tabIcon }}>
            {strings.tasks[t]}
          </Tab>
        ))}
      </TabList>

      <section className={shared.card} aria-label={strings.tasks[task]}>
        <div className={styles.form}>
          <SourceLine task={task} host={host} source={source.source} context={source.context} status={source.status} onReload={source.reload} />

          {task === 'ask' ? (
            <>
              <QuestionField
                question={question}
                onQuestion={(value) => {
                  setQuestion(value);
                  if (value.trim()) setQuestionMissing(false);
                }}
                missing={questionMissing}
                onSubmit={() => void submit()}
                questionRef={questionRef}
              />
              {conversationId !== undefined ? (
                <SummaryScopeField task="ask" value={prefs.summaryScope} onChange={(summaryScope) => update({ summaryScope })} />
              ) : null}
            </>
          ) : null}
          {task === 'summarize' ? (
            <>
              {conversationId !== undefined ? (
                <SummaryScopeField value={prefs.summaryScope} onChange={(summaryScope) => update({ summaryScope })} />
              ) : null}
              <LengthField value={prefs.summaryLength} onChange={(summaryLength) => update({ summaryLength })} />
            </>
          ) : null}
          {task === 'draft' ? (
            <>
              <TemplatePicker tab="draft" state={templates} />
              <DraftFields
                instruction={instruction}
                onInstruction={(value) => {
                  setInstruction(value);
                  if (value.trim()) setInstructionMissing(false);
                }}
                missing={instructionMissing}
                tone={prefs.tone}
                onTone={(tone) => update({ tone })}
                onSubmit={() => void submit()}
                instructionRef={instructionRef}
              />
              <LengthField value={prefs.draftLength} onChange={(draftLength) => update({ draftLength })} />
            </>
          ) : null}
          {task === 'rewrite' ? <TemplatePicker tab="rewrite" state={templates} /> : null}
          {task === 'rewrite' ? (
            <GoalField value={prefs.goal} onChange={(goal) => update({ goal })} target={prefs.target} onTarget={(target) => update({ target })} />
          ) : null}
          {task === 'draft' || task === 'rewrite' ? (
            <SaveTemplate
              tab={task}
              state={templates}
              instruction={task === 'draft' ? instruction : ''}
              tone={prefs.tone}
              length={prefs.draftLength}
              language={language}
              onSaved={setTemplateNote}
            />
          ) : null}
          {templateNote ? (
            <span role="status" className={shared.muted} data-testid="template-note">
              {templateNote}
            </span>
          ) : null}

          <RedactionPreview
            preview={preview}
            serverSideNote={threadScope ? strings.summarize.threadNoPreview : undefined}
            allowUnmask={allowUnmask}
            onAnnounce={announcer.announce}
          />

          <Button
            appearance="primary"
            icon={<SparkleRegular />}
            onClick={() => void submit()}
            // Focusable while an answer streams, so keyboard focus is not lost when it starts.
            disabledFocusable={streaming}
            data-testid="submit"
          >
            {strings.tasks[task]}
          </Button>
        </div>
      </section>

      {templates.canManage && templateAdmin ? (
        <TemplateAdmin state={templates} onClose={() => setTemplateAdmin(false)} onMessage={setTemplateNote} />
      ) : null}
      {templates.canManage && !templateAdmin ? (
        <Button appearance="subtle" onClick={() => setTemplateAdmin(true)} data-testid="template-admin-open">
          {templateStrings.manage}
        </Button>
      ) : null}

      {error ? (
        <ErrorBar
          error={error}
          onRetry={insertError ? undefined : () => void generation.retry()}
          onSignIn={() => void signIn()}
          onDismiss={() => {
            setInsertError(undefined);
            generation.dismissError();
          }}
        />
      ) : null}

      {showOutput ? (
        <OutputCard
          state={state}
          insertActions={insertActions}
          feedback={feedback}
          notices={notices}
          onInsert={(action) => void insert(action)}
          onStop={stop}
          onRegenerate={() => {
            setFeedback(undefined);
            void generation.retry();
          }}
          cited={cited}
        />
      ) : null}

      <ReadabilityCard
        api={api}
        host={host}
        version={textVersion}
        onRewritePlain={host.tasks.includes('rewrite') ? rewritePlain : undefined}
        busy={streaming}
        checklist={prefs.checklist}
        onChecklist={(checklist) => update({ checklist })}
      />

      <ReleaseCard api={api} host={host} />

      <div className={shared.visuallyHidden} aria-live="polite" aria-atomic="true" data-testid="announcer">
        {announcer.message}
      </div>

      <p className={styles.footer}>{strings.footer}</p>
    </div>
  );
}

function SourceLine({
  task,
  host,
  source,
  context,
  status,
  onReload,
}: {
  task: Task;
  host: HostAdapter;
  source: SourceText | undefined;
  context: string;
  status: 'loading' | 'ready' | 'error';
  onReload: () => void;
}) {
  const strings = useStrings();
  const styles = useStyles();
  let label: string;
  if (status === 'loading') label = strings.source.reading;
  else if (task === 'draft') label = draftContextLabel(strings, host.kind, context);
  else if (!source || !source.text.trim()) label = strings.source.empty;
  else label = `${scopeLabel(strings, host.kind, source)} · ${strings.source.words(countWords(source.text))}`;

  return (
    <div className={styles.source} data-testid="source-line">
      {status === 'loading' ? <Spinner size="extra-tiny" aria-hidden /> : <DocumentTextRegular aria-hidden />}
      <span className={styles.sourceText}>{label}</span>
      <Button
        size="small"
        appearance="subtle"
        icon={<ArrowClockwiseRegular />}
        aria-label={strings.source.refresh}
        title={strings.source.refresh}
        onClick={onReload}
      />
    </div>
  );
}

function draftContextLabel(strings: Strings, kind: HostAdapter['kind'], context: string): string {
  if (kind === 'outlook-read') return strings.draft.contextReply;
  if (!context.trim()) return strings.draft.contextNone;
  return kind === 'word' ? strings.draft.contextSelection : strings.draft.contextThread;
}

function countWords(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

function feedbackFor(strings: Strings, action: InsertAction, tracked: boolean): string {
  if (action === 'reply') return strings.output.replyOpened;
  if (action === 'replace') return tracked ? strings.output.replacedTracked : strings.output.replaced;
  return strings.output.inserted;
}

function outputNotices(strings: Strings, state: ReturnType<typeof useGeneration>['state']): string[] {
  const notices: string[] = [];
  if (state.notice === 'thread_fallback') {
    notices.push(state.origin?.task === 'ask' ? strings.ask.threadFallback : strings.summarize.threadFallback);
  }
  const masked = Object.values(state.redactions ?? {}).reduce((a, b) => a + b, 0);
  if (masked > 0 && state.status !== 'streaming') notices.push(strings.redaction.after(masked));
  if (state.placeholders && state.placeholders.kept < state.placeholders.sent) {
    notices.push(strings.rewrite.placeholdersLost(state.placeholders.sent - state.placeholders.kept));
  }
  if (state.status === 'stopped') notices.push(strings.output.stopped);
  if (state.status === 'done' && state.finishReason === 'length') notices.push(strings.output.truncated);
  return notices;
}

/**
 * An answer to a question: the text its citations index (none when the server read the conversation,
 * unless it fell back to the message), and in Word a way to select a cited passage.
 */
function citedFor(host: HostAdapter, state: ReturnType<typeof useGeneration>['state']): OutputCardProps['cited'] {
  const origin = state.origin;
  if (origin?.task !== 'ask') return undefined;
  const source = origin.thread && state.notice !== 'thread_fallback' ? undefined : origin.source;
  const select = host.selectPassage?.bind(host);
  return {
    text: source ? cleanText(source.text) : undefined,
    onSelect: select && source ? (passage) => select(source, passage) : undefined,
  };
}
