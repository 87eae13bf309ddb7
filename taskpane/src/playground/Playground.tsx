/**
 * /taskpane/playground.html: a simulated Outlook message (read and compose) or Word document beside
 * the real task pane, running the same pane code through the playground adapter. `make demo` opens
 * it, and the browser tests drive it.
 */

import {
  Button,
  FluentProvider,
  makeStyles,
  Select,
  Switch,
  Tab,
  TabList,
  tokens,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { ArrowResetRegular, DismissRegular } from '@fluentui/react-icons';
import { useEffect, useMemo, useRef, useState } from 'react';
import { KollegaApi } from '../api/client';
import type { Language } from '../api/types';
import { ServerTokenSource } from '../auth';
import type { HostKind } from '../hosts/host';
import { LocalPreferenceStore } from '../settings/preferences';
import { App } from '../ui/App';
import { PaneRoot } from '../ui/PaneRoot';
import { PlaygroundAdapter, type SimulatedComment, type SimulatedHost, type TrackedChange } from './adapter';
import {
  COMPOSE_BODY,
  COMPOSE_GREETING,
  COMPOSE_SUBJECT,
  COMPOSE_TO,
  READ_MESSAGE,
  WORD_DOCUMENT,
  WORD_SELECTED_PARAGRAPH,
} from './samples';
import { WordDocument } from './WordDocument';
import { registerReleaseHost } from '../release/host';
import { PlaygroundReleaseHost } from './release-host';
import { ASK_SAMPLES, SAMPLE_QUESTIONS } from './ask-samples';
import { RELEASE_SAMPLES } from './release-samples';

/** The Word samples beside the default memo: for the release review, and for Fråga, Översätt and Lättläst. */
const WORD_SAMPLES = { ...RELEASE_SAMPLES, ...ASK_SAMPLES };
type WordSample = keyof typeof WORD_SAMPLES;

const tokenSource = new ServerTokenSource();
// The audit log counts the playground apart from real Outlook and Word use.
const api = new KollegaApi(tokenSource, { host: 'playground' });
const preferences = new LocalPreferenceStore();

const WORDS = {
  sv: {
    title: 'Kollega – lekplats',
    intro:
      'Prova Kollega på påhittade texter. Alla personuppgifter här är påhittade. ' +
      'Välj Visa under förhandsvisningen för att rätta maskeringen: maskera det som missades, eller låt bli det som inte är personuppgifter.',
    demoModel: (name: string) =>
      `Demon kör ${name}, en liten språkmodell som bara skriver engelska. Den står i för organisationens riktiga modell, så svaren blir enkla och på engelska.`,
    hosts: { 'outlook-read': 'Outlook: läsa', 'outlook-compose': 'Outlook: skriva', word: 'Word' },
    hostLabel: 'Program',
    language: 'Office-språk',
    theme: 'Tema',
    light: 'Ljust',
    dark: 'Mörkt',
    reset: 'Återställ texterna',
    from: 'Från',
    to: 'Till',
    subject: 'Ämne',
    date: 'Skickat',
    body: 'Meddelandetext',
    document: 'Dokument',
    reply: 'Svar',
    replyTo: (name: string) => `Svar till ${name}`,
    track: 'Spåra ändringar',
    changes: 'Spårade ändringar',
    removed: 'Borttaget',
    inserted: 'Infogat',
    pane: 'Aktivitetsfönstret Kollega',
    closePane: 'Stäng aktivitetsfönstret (bara en bild i lekplatsen)',
    simulatedRead: 'Simulerat meddelande i Outlook',
    simulatedCompose: 'Simulerat nytt meddelande i Outlook',
    simulatedWord: 'Simulerat Word-dokument',
    comments: (n: number) => `Kommentarer (${n})`,
    commentLost: 'Texten som kommentaren gällde finns inte kvar.',
  },
  en: {
    title: 'Kollega – playground',
    intro:
      'Try Kollega on made-up texts. All personal details here are fictional. ' +
      'Choose Show under the preview to correct the masking: mask what was missed, or leave out what is not personal data.',
    demoModel: (name: string) =>
      `This demo runs ${name}, a small language model that writes English only. It stands in for your organisation's real model, so its answers are simple and in English.`,
    hosts: { 'outlook-read': 'Outlook: read', 'outlook-compose': 'Outlook: compose', word: 'Word' },
    hostLabel: 'Application',
    language: 'Office language',
    theme: 'Theme',
    light: 'Light',
    dark: 'Dark',
    reset: 'Reset the texts',
    from: 'From',
    to: 'To',
    subject: 'Subject',
    date: 'Sent',
    body: 'Message body',
    document: 'Document',
    reply: 'Reply',
    replyTo: (name: string) => `Reply to ${name}`,
    track: 'Track changes',
    changes: 'Tracked changes',
    removed: 'Removed',
    inserted: 'Inserted',
    pane: 'Kollega task pane',
    closePane: 'Close the task pane (only a picture in the playground)',
    simulatedRead: 'Simulated Outlook message',
    simulatedCompose: 'Simulated new Outlook message',
    simulatedWord: 'Simulated Word document',
    comments: (n: number) => `Comments (${n})`,
    commentLost: 'The text the comment was about is gone.',
  },
};

const HOSTS: HostKind[] = ['outlook-read', 'outlook-compose', 'word'];

/** `?wordapi=1.3` simulates a Word without WordApi 1.4, so without comments from add-ins. */
const WORD_API_14 = new URLSearchParams(location.search).get('wordapi') !== '1.3';
/** `?wordapi=1.2` also takes away WordApi 1.3: no new documents (the release copy falls back to text). */
const WORD_API_13 = new URLSearchParams(location.search).get('wordapi') !== '1.2';
/** `?doc=social-note|referral|guidelines|letter` opens that sample in the simulated Word document. */
const DOC_PARAM = new URLSearchParams(location.search).get('doc');
const WORD_SAMPLE: WordSample | undefined = DOC_PARAM && DOC_PARAM in WORD_SAMPLES ? (DOC_PARAM as WordSample) : undefined;
const SAMPLE_NAMES = {
  sv: {
    default: 'Tjänsteskrivelse',
    'social-note': 'Journalanteckning, socialtjänst',
    referral: 'Remiss, vården',
    guidelines: 'Riktlinjer för färdtjänst (för Fråga)',
    letter: 'Beslutsbrev (för Översätt och Lättläst)',
    label: 'Exempeldokument',
    newDocument: 'Nytt dokument (maskerad kopia)',
    askHint: (questions: string[]) => `Prova Fråga: ${questions.map((q) => `”${q}”`).join(' eller ')}`,
  },
  en: {
    default: 'Official memo',
    'social-note': 'Social services case note',
    referral: 'Healthcare referral',
    guidelines: 'Transport service guidelines (for Ask)',
    letter: 'Decision letter (for Translate and Easy Swedish)',
    label: 'Sample document',
    newDocument: 'New document (masked copy)',
    askHint: (questions: string[]) => `Try Ask: ${questions.map((q) => `“${q}”`).join(' or ')}`,
  },
};

const useStyles = makeStyles({
  page: {
    display: 'flex',
    flexDirection: 'column',
    height: '100vh',
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
    fontFamily: tokens.fontFamilyBase,
  },
  toolbar: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalL,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  intro: { margin: 0, color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, flexBasis: '100%' },
  control: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, fontSize: tokens.fontSizeBase200 },
  workspace: { display: 'flex', flexGrow: 1, minHeight: 0 },
  host: {
    flexGrow: 1,
    minWidth: 0,
    overflowY: 'auto',
    padding: tokens.spacingHorizontalXL,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
  },
  sheet: {
    maxWidth: '820px',
    width: '100%',
    margin: '0 auto',
    backgroundColor: tokens.colorNeutralBackground1,
    borderRadius: tokens.borderRadiusMedium,
    boxShadow: tokens.shadow4,
    padding: tokens.spacingHorizontalXL,
    boxSizing: 'border-box',
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  headerGrid: {
    display: 'grid',
    gridTemplateColumns: 'max-content 1fr',
    columnGap: tokens.spacingHorizontalM,
    rowGap: tokens.spacingVerticalXS,
    margin: 0,
    fontSize: tokens.fontSizeBase300,
  },
  dt: { color: tokens.colorNeutralForeground2 },
  dd: { margin: 0 },
  subject: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  body: { whiteSpace: 'pre-wrap', lineHeight: tokens.lineHeightBase400, fontSize: tokens.fontSizeBase300 },
  area: {
    width: '100%',
    boxSizing: 'border-box',
    resize: 'vertical',
    padding: tokens.spacingHorizontalM,
    fontFamily: tokens.fontFamilyBase,
    fontSize: tokens.fontSizeBase300,
    lineHeight: tokens.lineHeightBase400,
    color: tokens.colorNeutralForeground1,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '1px' },
    '::selection': { backgroundColor: tokens.colorBrandBackground, color: tokens.colorNeutralForegroundOnBrand },
  },
  label: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2 },
  changes: { margin: 0, paddingLeft: tokens.spacingHorizontalL, fontSize: tokens.fontSizeBase200 },
  removed: { textDecoration: 'line-through', color: tokens.colorPaletteRedForeground1 },
  inserted: { textDecoration: 'underline', color: tokens.colorPaletteGreenForeground1 },
  pane: {
    width: '360px',
    flexShrink: 0,
    display: 'flex',
    flexDirection: 'column',
    borderLeft: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  paneTitle: {
    display: 'flex',
    alignItems: 'center',
    justifyContent: 'space-between',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS} ${tokens.spacingVerticalXS} ${tokens.spacingHorizontalM}`,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase300,
    backgroundColor: tokens.colorNeutralBackground2,
  },
  paneBody: { flexGrow: 1, minHeight: 0 },
});

function initial(): { host: HostKind; language: Language; theme: 'light' | 'dark' } {
  const params = new URLSearchParams(location.search);
  const host = params.get('host') as HostKind | null;
  return {
    host: host && HOSTS.includes(host) ? host : 'outlook-read',
    language: params.get('lang') === 'en' ? 'en' : 'sv',
    theme: params.get('theme') === 'dark' ? 'dark' : 'light',
  };
}

export function Playground() {
  const styles = useStyles();
  const [settings, setSettings] = useState(initial);
  const [generation, setGeneration] = useState(0);
  const [reply, setReply] = useState<string | undefined>(undefined);
  const [track, setTrack] = useState(true);
  const [changes, setChanges] = useState<TrackedChange[]>([]);
  const [comments, setComments] = useState<SimulatedComment[]>([]);
  const [sample, setSample] = useState<WordSample | undefined>(WORD_SAMPLE);
  const [newDocument, setNewDocument] = useState<string | undefined>(undefined);
  const trackRef = useRef(track);
  trackRef.current = track;
  const composeRef = useRef<HTMLTextAreaElement | null>(null);
  const wordRef = useRef<HTMLTextAreaElement | null>(null);
  const words = WORDS[settings.language];
  const demoModel = useDemoModel();

  const change = (next: Partial<typeof settings>): void => {
    const merged = { ...settings, ...next };
    // The simulated document starts again with each host: its comments go with it.
    if (merged.host !== settings.host) setComments([]);
    setSettings(merged);
    const params = new URLSearchParams({ host: merged.host, lang: merged.language, theme: merged.theme });
    history.replaceState(null, '', `?${params.toString()}`);
  };

  const reset = (): void => {
    setReply(undefined);
    setChanges([]);
    setComments([]);
    setNewDocument(undefined);
    setGeneration((g) => g + 1);
  };

  const sim = useMemo<SimulatedHost>(
    () => ({
      message: READ_MESSAGE,
      compose: { element: () => composeRef.current },
      word: { element: () => wordRef.current },
      trackChanges: () => trackRef.current,
      recordChange: (c) => setChanges((list) => [...list, c]),
      openReply: (text) => setReply(text),
      commentsSupported: () => WORD_API_14,
      addComments: (added) => setComments((list) => [...list, ...added]),
    }),
    [],
  );
  // A new adapter (and so a fresh pane) per host, as Office loads the pane anew per item type.
  const adapter = useMemo(() => {
    const created = new PlaygroundAdapter(settings.host, sim);
    registerReleaseHost(created, new PlaygroundReleaseHost(settings.host, sim, setNewDocument, WORD_API_13));
    return created;
  }, [settings.host, sim, generation, sample]);

  const placeComposeCursor = (area: HTMLTextAreaElement | null): void => {
    composeRef.current = area;
    if (area && area.dataset.ready !== '1') {
      area.dataset.ready = '1';
      area.setSelectionRange(COMPOSE_GREETING.length, COMPOSE_GREETING.length);
    }
  };
  const selectWordParagraph = (area: HTMLTextAreaElement | null): void => {
    wordRef.current = area;
    if (area && area.dataset.ready !== '1' && sample === undefined) {
      area.dataset.ready = '1';
      const start = WORD_DOCUMENT.indexOf(WORD_SELECTED_PARAGRAPH);
      area.setSelectionRange(start, start + WORD_SELECTED_PARAGRAPH.length);
    }
  };

  return (
    <FluentProvider theme={settings.theme === 'dark' ? webDarkTheme : webLightTheme} lang={settings.language === 'en' ? 'en-GB' : 'sv-SE'}>
      <div className={styles.page}>
        <header className={styles.toolbar}>
          <h1 className={styles.title}>{words.title}</h1>
          <TabList
            selectedValue={settings.host}
            onTabSelect={(_, data) => change({ host: data.value as HostKind })}
            aria-label={words.hostLabel}
            size="small"
          >
            {HOSTS.map((h) => (
              <Tab key={h} value={h} data-testid={`host-${h}`}>
                {words.hosts[h]}
              </Tab>
            ))}
          </TabList>
          <label className={styles.control}>
            {words.language}
            <Select
              size="small"
              value={settings.language}
              onChange={(_, data) => change({ language: data.value as Language })}
            >
              <option value="sv">Svenska</option>
              <option value="en">English</option>
            </Select>
          </label>
          <Switch
            label={`${words.theme}: ${settings.theme === 'dark' ? words.dark : words.light}`}
            checked={settings.theme === 'dark'}
            onChange={(_, data) => change({ theme: data.checked ? 'dark' : 'light' })}
          />
          {settings.host === 'word' ? (
            <label className={styles.control}>
              {SAMPLE_NAMES[settings.language].label}
              <Select
                size="small"
                value={sample ?? 'default'}
                onChange={(_, data) => {
                  const next = data.value === 'default' ? undefined : (data.value as WordSample);
                  setSample(next);
                  setNewDocument(undefined);
                  setComments([]);
                  const params = new URLSearchParams(location.search);
                  if (next) params.set('doc', next);
                  else params.delete('doc');
                  history.replaceState(null, '', `?${params.toString()}`);
                }}
                data-testid="word-sample"
              >
                <option value="default">{SAMPLE_NAMES[settings.language].default}</option>
                <option value="social-note">{SAMPLE_NAMES[settings.language]['social-note']}</option>
                <option value="referral">{SAMPLE_NAMES[settings.language].referral}</option>
                <option value="guidelines">{SAMPLE_NAMES[settings.language].guidelines}</option>
                <option value="letter">{SAMPLE_NAMES[settings.language].letter}</option>
              </Select>
            </label>
          ) : null}
          <Button size="small" icon={<ArrowResetRegular />} onClick={reset}>
            {words.reset}
          </Button>
          <p className={styles.intro}>{words.intro}</p>
          {(settings.host === 'word' && sample === 'guidelines') || settings.host === 'outlook-read' ? (
            <p className={styles.intro} data-testid="ask-hint">
              {SAMPLE_NAMES[settings.language].askHint(SAMPLE_QUESTIONS[settings.host === 'word' ? 'guidelines' : 'message'][settings.language])}
            </p>
          ) : null}
          {demoModel && (
            <p className={styles.intro} role="note" data-testid="demo-model-note">
              <strong>{words.demoModel(demoModel)}</strong>
            </p>
          )}
        </header>

        <div className={styles.workspace}>
          <main className={styles.host} key={`${settings.host}-${generation}-${sample ?? ''}`}>
            {settings.host === 'outlook-read' ? (
              <section className={styles.sheet} aria-label={words.simulatedRead} data-testid="simulated-read">
                <h2 className={styles.subject}>{READ_MESSAGE.subject}</h2>
                <dl className={styles.headerGrid}>
                  <dt className={styles.dt}>{words.from}</dt>
                  <dd className={styles.dd}>{READ_MESSAGE.from}</dd>
                  <dt className={styles.dt}>{words.to}</dt>
                  <dd className={styles.dd}>{READ_MESSAGE.to}</dd>
                  <dt className={styles.dt}>{words.date}</dt>
                  <dd className={styles.dd}>{READ_MESSAGE.date}</dd>
                </dl>
                <div className={styles.body}>{READ_MESSAGE.body}</div>
              </section>
            ) : null}
            {settings.host === 'outlook-read' && reply !== undefined ? (
              <section className={styles.sheet} aria-label={words.reply} data-testid="simulated-reply">
                <h2 className={styles.subject}>{words.replyTo('Karin Ek')}</h2>
                <textarea
                  className={styles.area}
                  aria-label={words.body}
                  defaultValue={reply}
                  rows={12}
                  data-testid="reply-body"
                />
              </section>
            ) : null}
            {settings.host === 'word' && newDocument !== undefined ? (
              <section className={styles.sheet} aria-label={SAMPLE_NAMES[settings.language].newDocument} data-testid="new-document">
                <h2 className={styles.label}>{SAMPLE_NAMES[settings.language].newDocument}</h2>
                <textarea className={styles.area} aria-label={SAMPLE_NAMES[settings.language].newDocument} value={newDocument} readOnly rows={16} data-testid="new-document-body" />
              </section>
            ) : null}
            {settings.host === 'outlook-compose' ? (
              <section className={styles.sheet} aria-label={words.simulatedCompose} data-testid="simulated-compose">
                <dl className={styles.headerGrid}>
                  <dt className={styles.dt}>{words.to}</dt>
                  <dd className={styles.dd}>{COMPOSE_TO}</dd>
                  <dt className={styles.dt}>{words.subject}</dt>
                  <dd className={styles.dd}>{COMPOSE_SUBJECT}</dd>
                </dl>
                <textarea
                  ref={placeComposeCursor}
                  className={styles.area}
                  aria-label={words.body}
                  defaultValue={COMPOSE_BODY}
                  rows={24}
                  data-testid="compose-body"
                />
              </section>
            ) : null}
            {settings.host === 'word' ? (
              <section className={styles.sheet} aria-label={words.simulatedWord} data-testid="simulated-word">
                <Switch label={words.track} checked={track} onChange={(_, data) => setTrack(data.checked)} />
                <WordDocument
                  areaRef={selectWordParagraph}
                  initial={sample ? WORD_SAMPLES[sample] : WORD_DOCUMENT}
                  comments={comments}
                  label={words.document}
                  words={{ comments: words.comments, lost: words.commentLost }}
                />
                {changes.length > 0 ? (
                  <div data-testid="word-changes">
                    <h2 className={styles.label}>{`${words.changes} (${changes.length})`}</h2>
                    <ol className={styles.changes}>
                      {changes.map((c, i) => (
                        <li key={i}>
                          <span className={styles.removed} title={words.removed}>
                            {c.removed}
                          </span>{' '}
                          <span className={styles.inserted} title={words.inserted}>
                            {c.inserted}
                          </span>
                        </li>
                      ))}
                    </ol>
                  </div>
                ) : null}
              </section>
            ) : null}
          </main>

          <aside className={styles.pane} aria-label={words.pane} data-testid="pane">
            <div className={styles.paneTitle}>
              <span>Kollega</span>
              <Button appearance="subtle" size="small" icon={<DismissRegular />} aria-label={words.closePane} disabled />
            </div>
            <div className={styles.paneBody}>
              <PaneRoot language={settings.language} theme={settings.theme}>
                <App
                  key={`${settings.host}-${generation}-${sample ?? ''}`}
                  host={adapter}
                  api={api}
                  tokens={tokenSource}
                  preferences={preferences}
                  language={settings.language}
                />
              </PaneRoot>
            </div>
          </aside>
        </div>
      </div>
    </FluentProvider>
  );
}

/** The demo model's name when the server runs the small English stand-in (readyz says which model it serves). */
function useDemoModel(): string | undefined {
  const [name, setName] = useState<string | undefined>(undefined);
  useEffect(() => {
    let live = true;
    fetch('/readyz')
      .then((response) => response.json() as Promise<{ model?: { name?: string; demo?: boolean } | null }>)
      .then((body) => {
        if (live && body.model?.demo) setName(body.model.name ?? 'SmolLM2');
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, []);
  return name;
}
