/** The pane's languages: Swedish by default, English when Office runs in English. */

import { createContext, useContext } from 'react';
import type { Language } from '../api/types';
import type { HostKind, SourceText } from '../hosts/host';
import { en } from './en';
import { sv } from './sv';

export type Strings = typeof sv;

export const STRINGS: Record<Language, Strings> = { sv, en };

/** Office's display language is a tag such as "sv-SE" or "en-US"; anything not English gets Swedish. */
export function languageFor(displayLanguage: string | undefined): Language {
  return displayLanguage?.toLowerCase().startsWith('en') ? 'en' : 'sv';
}

export const StringsContext = createContext<Strings>(sv);

export function useStrings(): Strings {
  return useContext(StringsContext);
}

/** "2 namn, 1 personnummer och 1 e-postadress": the count of each type in words. */
export function describeCounts(strings: Strings, counts: readonly [string, number][]): string {
  const parts = counts.map(([type, n]) => {
    const forms = strings.redaction.types[type];
    const noun = forms ? forms[n === 1 ? 0 : 1] : strings.redaction.otherType(type);
    return `${n} ${noun}`;
  });
  return new Intl.ListFormat(strings.locale, { style: 'long', type: 'conjunction' }).format(parts);
}

export function typeLabel(strings: Strings, type: string): string {
  return strings.redaction.types[type]?.[0] ?? strings.redaction.otherType(type);
}

/** A LIX value as the card shows it: one decimal, as the server rounds it ("41,5" in Swedish). */
export function formatLix(strings: Strings, lix: number): string {
  return lix.toLocaleString(strings.locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** A finding kind's group name; a kind from a newer server is "other". */
export function kindLabel(strings: Strings, kind: string): string {
  return strings.readability.kinds[kind] ?? strings.readability.otherKind;
}

/** Which text a task or check works on, in the same words everywhere in the pane. */
export function scopeLabel(strings: Strings, kind: HostKind, source: SourceText): string {
  if (source.scope === 'selection') return strings.source.selection;
  if (source.scope === 'message') return strings.source.message;
  return kind === 'word' ? strings.source.bodyDocument : strings.source.bodyMessage;
}
