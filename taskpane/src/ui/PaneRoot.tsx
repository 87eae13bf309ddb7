/** Theme and language around the pane, the same in Office and in the playground. */

import {
  FluentProvider,
  makeStyles,
  teamsHighContrastTheme,
  webDarkTheme,
  webLightTheme,
} from '@fluentui/react-components';
import { useEffect, type ReactNode } from 'react';
import type { Language } from '../api/types';
import { STRINGS, StringsContext } from '../i18n';

export type ThemeName = 'light' | 'dark' | 'contrast';

const THEMES = { light: webLightTheme, dark: webDarkTheme, contrast: teamsHighContrastTheme };

const useStyles = makeStyles({
  provider: { height: '100%', overflowY: 'auto', overflowX: 'hidden' },
});

export function PaneRoot({ language, theme, children }: { language: Language; theme: ThemeName; children: ReactNode }) {
  const styles = useStyles();
  useEffect(() => {
    // Measured by the browser tests: the time from navigation to the pane's first paint of content.
    performance.mark('kollega:first-render');
  }, []);
  return (
    <StringsContext.Provider value={STRINGS[language]}>
      <FluentProvider theme={THEMES[theme]} lang={STRINGS[language].locale} className={styles.provider}>
        {children}
      </FluentProvider>
    </StringsContext.Provider>
  );
}

/** Office reports its theme as colours; a dark body background means a dark theme (Dark Gray, Black). */
export function themeFromOffice(office: typeof Office | undefined, reported?: Office.OfficeTheme): ThemeName {
  if (globalThis.matchMedia?.('(forced-colors: active)').matches) return 'contrast';
  const background = (reported ?? office?.context?.officeTheme)?.bodyBackgroundColor;
  if (background && /^#?[0-9a-f]{6}$/i.test(background)) {
    const hex = background.replace('#', '');
    const [r, g, b] = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255) as [number, number, number];
    // Relative luminance (WCAG 2.1); below the midpoint between black and white reads as dark.
    const linear = (c: number): number => (c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
    const luminance = 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
    return luminance < 0.18 ? 'dark' : 'light';
  }
  return globalThis.matchMedia?.('(prefers-color-scheme: dark)').matches ? 'dark' : 'light';
}

/**
 * Calls back with the new theme when the user switches Office's theme or Windows' high contrast while
 * the pane is open. Office raises OfficeThemeChanged on the mailbox in Outlook, on the document elsewhere;
 * hosts without the event keep the theme the pane opened with.
 */
export function watchTheme(office: typeof Office | undefined, onTheme: (theme: ThemeName) => void): () => void {
  const stops: (() => void)[] = [];
  const contrast = globalThis.matchMedia?.('(forced-colors: active)');
  if (contrast) {
    const listener = (): void => onTheme(themeFromOffice(office));
    contrast.addEventListener('change', listener);
    stops.push(() => contrast.removeEventListener('change', listener));
  }
  const type = office?.EventType?.OfficeThemeChanged;
  if (office && type) {
    const handler = (args?: unknown): void =>
      onTheme(themeFromOffice(office, (args as { officeTheme?: Office.OfficeTheme } | undefined)?.officeTheme));
    const { mailbox, document } = office.context;
    try {
      if (mailbox) {
        mailbox.addHandlerAsync(type, handler);
        stops.push(() => mailbox.removeHandlerAsync(type));
      } else if (document) {
        document.addHandlerAsync(type, handler);
        stops.push(() => document.removeHandlerAsync(type, { handler }));
      }
    } catch {
      // Not supported in this host: the theme stays as it was at start.
    }
  }
  return () => stops.forEach((stop) => stop());
}
