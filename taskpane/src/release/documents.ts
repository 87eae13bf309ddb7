/**
 * The texts for the case file, from templates: the masking record (maskeringsprotokoll) and a draft
 * decision on a partial release (beslutsförslag). Always in Swedish: they are the authority's documents.
 * No language model: the officer fills in what the templates leave open (______).
 */

import { provisionsUsed, type ProtocolEntry } from './model';

/** Category names as the case file writes them. */
export const CATEGORY_NAMES: Record<string, string> = {
  protected_identity: 'skyddad identitet',
  health: 'hälsa',
  social_services: 'socialtjänst',
  crime: 'brott och påföljder',
  sexual_life: 'sexualliv',
  ethnicity: 'etniskt ursprung',
  religion: 'religion',
  political_opinion: 'politiska åsikter',
  trade_union: 'fackligt medlemskap',
  school_welfare: 'elevhälsa och särskilt stöd',
  third_party: 'annan persons personliga förhållanden',
  personal_circumstances: 'enskilds personliga förhållanden',
  personal_data: 'personuppgifter',
};

export interface CaseDetails {
  /** The document's name as the case file knows it (its first line, say). */
  title: string;
  date: Date;
}

function isoDate(date: Date): string {
  const pad = (n: number): string => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** The masking record: one line per masked passage, its place, category and provision; never its content. */
export function protocolText(protocol: readonly ProtocolEntry[], details: CaseDetails): string {
  const lines = [
    'MASKERINGSPROTOKOLL',
    '',
    `Handling: ${details.title}`,
    `Datum: ${isoDate(details.date)}`,
    `Antal maskerade ställen: ${protocol.length}`,
    '',
    'Nr | Stycke | Tecken | Kategori | Bestämmelse | Skäl',
  ];
  for (const e of protocol) {
    const reason = e.sameAs !== undefined ? `samma uppgift som nr ${e.sameAs}` : e.reason;
    lines.push(
      `${e.number} | ${e.paragraph} | ${e.start + 1}–${e.end} | ${CATEGORY_NAMES[e.category] ?? e.category} | ${e.provision} | ${reason}`,
    );
  }
  lines.push(
    '',
    'Tecken räknas i originalhandlingens text, från 1. Protokollet innehåller inte de maskerade uppgifterna.',
    'Förslagen togs fram med Kollega och prövades av handläggaren.',
  );
  return lines.join('\n');
}

/** A draft decision on a partial release, with the provisions used and how to appeal. */
export function decisionText(protocol: readonly ProtocolEntry[], details: CaseDetails): string {
  const used = provisionsUsed(protocol);
  const grounds = used.map(({ provision, count, categories }) => {
    const what = categories.map((c) => CATEGORY_NAMES[c] ?? c).join(', ');
    return `– ${expandProvision(provision)}: ${count} ${count === 1 ? 'uppgift' : 'uppgifter'} (${what}).`;
  });
  return [
    'BESLUT',
    '',
    `Datum: ${isoDate(details.date)}`,
    'Diarienummer: ______',
    '',
    'Begäran om att ta del av allmän handling',
    '',
    'Beslut',
    `______ (myndigheten) lämnar ut handlingen ”${details.title}” med undantag för de uppgifter som har maskerats. ` +
      'Vilka ställen som har maskerats framgår av bifogat maskeringsprotokoll.',
    '',
    'Skäl för beslutet',
    'En allmän handling ska lämnas ut om den inte innehåller uppgifter som omfattas av sekretess ' +
      '(2 kap. 12 § tryckfrihetsförordningen). De maskerade uppgifterna omfattas av sekretess enligt följande ' +
      'bestämmelser i offentlighets- och sekretesslagen (2009:400), OSL:',
    ...grounds,
    '',
    '______ (myndigheten) har prövat varje uppgift för sig. Övriga delar av handlingen omfattas inte av ' +
      'sekretess och lämnas ut.',
    '',
    'Hur du överklagar',
    'Du kan överklaga beslutet hos kammarrätten (6 kap. 7 § OSL). Skriv till kammarrätten, men skicka eller ' +
      'lämna skrivelsen till ______ (myndigheten). Överklagandet måste ha kommit in till oss inom tre veckor från ' +
      'den dag du fick del av beslutet. Skriv vilket beslut du överklagar, hur du vill att beslutet ska ändras och ' +
      'varför. Skriv också ditt namn och hur vi kan nå dig.',
    '',
    'Beslutet har fattats av ______ (namn och befattning).',
    '',
    'Bilaga: Maskeringsprotokoll',
  ].join('\n');
}

/** "26 kap. 1 § OSL" -> "26 kap. 1 §": the decision names the act once, in full, above the list. */
function expandProvision(provision: string): string {
  return provision.replace(/\s*OSL$/, '');
}
