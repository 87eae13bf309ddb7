/** taskpane.html in Office: wait for Office.js, pick the host adapter, render the pane. */

import { useEffect, useState, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { KollegaApi } from './api/client';
import { ServerTokenSource } from './auth';
import { createOfficeAdapter } from './hosts/office';
import { languageFor, STRINGS } from './i18n';
import { LocalPreferenceStore, RoamingPreferenceStore, type PreferenceStore } from './settings/preferences';
import type { Language } from './api/types';
import { App } from './ui/App';
import { PaneRoot, themeFromOffice, watchTheme } from './ui/PaneRoot';

const container = document.getElementById('root') as HTMLElement;

function start(info: { host: Office.HostType | null }): void {
  const office = 'Office' in globalThis ? globalThis.Office : undefined;
  const language = languageFor(office?.context?.displayLanguage ?? navigator.language);
  const host = office ? createOfficeAdapter(office, info.host) : undefined;
  const tokens = new ServerTokenSource();
  // Outlook's roaming settings follow the user between computers; Word has only this browser's storage.
  const preferences: PreferenceStore =
    info.host === office?.HostType.Outlook && office.context.roamingSettings
      ? new RoamingPreferenceStore(office.context.roamingSettings)
      : new LocalPreferenceStore();
  document.documentElement.lang = STRINGS[language].locale;

  createRoot(container).render(
    <Themed office={office} language={language}>
      <main style={{ height: '100%' }} aria-label={STRINGS[language].appName}>
        {host ? (
          <App
            host={host}
            api={new KollegaApi(tokens, { host: host.kind })}
            tokens={tokens}
            preferences={preferences}
            language={language}
          />
        ) : (
          <p style={{ padding: '16px' }}>{STRINGS[language].unsupportedHost}</p>
        )}
      </main>
    </Themed>,
  );
}

/** The pane in Office's current theme, following it when the user switches. */
function Themed({ office, language, children }: { office: typeof Office | undefined; language: Language; children: ReactNode }) {
  const [theme, setTheme] = useState(() => themeFromOffice(office));
  useEffect(() => watchTheme(office, setTheme), [office]);
  return (
    <PaneRoot language={language} theme={theme}>
      {children}
    </PaneRoot>
  );
}

// Outside Office (the file opened in a browser) office.js never calls back: say so instead of hanging.
if ('Office' in globalThis) void Office.onReady().then(start);
else start({ host: null });
