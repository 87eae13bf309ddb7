/**
 * The languages the pane offers to translate into: Swedish and English, then the languages Swedish
 * municipalities most often write to residents in (Arabic, Somali, Persian, Tigrinya, Finnish, Polish,
 * Ukrainian, Bosnian, Turkish, Kurdish, …). ISO 639-1 codes, as POST /api/v1/translate takes them.
 */
export const TRANSLATION_TARGETS = ['sv', 'en', 'ar', 'so', 'fa', 'ti', 'fi', 'pl', 'uk', 'bs', 'tr', 'ku', 'es', 'de', 'fr'] as const;

export type TranslationTarget = (typeof TRANSLATION_TARGETS)[number];

/** A language's name in the pane's language ("arabiska", "Arabic"), capitalised; the code where the browser lacks it. */
export function languageName(code: string, locale: string): string {
  let name: string | undefined;
  try {
    name = new Intl.DisplayNames([locale], { type: 'language' }).of(code);
  } catch {
    name = undefined;
  }
  if (!name || name === code) return code;
  return name.charAt(0).toLocaleUpperCase(locale) + name.slice(1);
}
