/**
 * Sample texts for the playground. Everyone and everything in them is made up; the identifiers are
 * only shaped like real ones (valid checksums, so the redaction can be seen to find them).
 */

export interface SampleMessage {
  from: string;
  to: string;
  date: string;
  subject: string;
  body: string;
  conversationId: string;
}

export const READ_MESSAGE: SampleMessage = {
  from: 'Karin Ek <karin.ek@exempelpost.se>',
  to: 'Socialtjänsten, Exempelby kommun',
  date: 'måndag 3 mars 2025 09:14',
  subject: 'Ansökan om färdtjänst – komplettering',
  conversationId: 'AAQkAGQ1NzYwMGRlLTUzNDgtNDU0Yi1hYjQ0LWY1MTdiNjg3MmIwMAAQAKollegaPlayground',
  body: `Hej!

Jag skriver för min pappa Bertil Ek, personnummer 470812-9038, som ansökte om färdtjänst i januari. Han har nu fått sitt läkarintyg från vårdcentralen och jag skickar med det som bilaga.

Pappa bor kvar på Storgatan 14 B, lgh 1102, 123 45 Exempelby. Han klarar inte längre att ta bussen till dialysen på sjukhuset tre dagar i veckan, och jag kan inte alltid skjutsa honom med min bil (ABC 123).

Kan ni säga ungefär när beslutet kommer? Han har tid för dialys igen den 17 mars och behöver veta om han ska boka taxi själv.

Om ni behöver något mer når ni mig på 070-123 45 67 eller på den här adressen. Pappas egen telefon är 0521-123 45, men han hör dåligt.

Eventuell ersättning för taxiresor som han redan har betalat kan sättas in på hans konto SE45 5000 0000 0583 9825 7466.

Med vänliga hälsningar
Karin Ek`,
};

/** A reply being written: the cursor goes on the blank line under the greeting. */
export const COMPOSE_GREETING = 'Hej Karin,\n\n';

export const COMPOSE_BODY = `${COMPOSE_GREETING}

Med vänliga hälsningar
Jonas Berg
Handläggare, Socialtjänsten
Exempelby kommun
Telefon 0521-720 00

Från: Karin Ek <karin.ek@exempelpost.se>
Skickat: den 3 mars 2025 09:14
Till: Socialtjänsten
Ämne: Ansökan om färdtjänst – komplettering

Hej!

Jag skriver för min pappa Bertil Ek, personnummer 470812-9038, som ansökte om färdtjänst i januari. Han har nu fått sitt läkarintyg från vårdcentralen och jag skickar med det som bilaga.

Kan ni säga ungefär när beslutet kommer? Han har tid för dialys igen den 17 mars och behöver veta om han ska boka taxi själv.

Med vänliga hälsningar
Karin Ek
070-123 45 67`;

export const COMPOSE_TO = 'Karin Ek <karin.ek@exempelpost.se>';
export const COMPOSE_SUBJECT = 'SV: Ansökan om färdtjänst – komplettering';

/** The paragraph the Word sample selects first: dense official prose, ripe for a klarspråk rewrite. */
export const WORD_SELECTED_PARAGRAPH =
  'Med anledning av att sökanden Ahmed Hassan, 850315-2384, i skrivelse inkommen till förvaltningen den 12 februari 2025 har hemställt om att erhålla ekonomiskt bistånd för kostnader avseende hyra för lägenheten på Björkvägen 7, 456 78 Exempelby, har förvaltningen att ta ställning till huruvida rätt till bistånd enligt 4 kap. 1 § socialtjänstlagen (2001:453) föreligger, varvid det särskilt ska beaktas att sökanden under innevarande månad har erhållit en retroaktiv utbetalning från Försäkringskassan.';

export const WORD_DOCUMENT = `Tjänsteskrivelse
Socialnämnden, Exempelby kommun
Diarienummer SN 2025/0142

Ärende: Ansökan om ekonomiskt bistånd

${WORD_SELECTED_PARAGRAPH}

Handläggaren Maria Lund har den 20 februari 2025 haft ett telefonsamtal med sökanden på telefonnummer 073-987 65 43. Sökanden uppgav då att utbetalningen från Försäkringskassan har använts till att betala av en skuld till hyresvärden. Sökanden har lämnat kontoutdrag för kontot 8327-9, 914 535 021-4 som visar detta.

Sökandens dotter, Amira Hassan (031119-4476), bor i hushållet och studerar på gymnasiet. Hennes studiebidrag räknas inte som inkomst för hushållet.

Förvaltningens förslag till beslut
Förvaltningen föreslår att sökanden beviljas ekonomiskt bistånd till hyra för mars 2025 med 7 850 kronor. Beslutet skickas till sökanden på e-post ahmed.hassan@exempelpost.se och med brev.`;
