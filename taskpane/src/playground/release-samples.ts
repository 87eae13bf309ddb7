/**
 * Word samples for "Förbered för utlämnande": a social-services case note and a healthcare referral.
 * Everyone and everything in them is made up; identifiers are only shaped like real ones.
 */

export const SOCIAL_CASE_NOTE = `Journalanteckning
Socialtjänsten, individ- och familjeomsorgen, Exempelby kommun
Dnr SN 2025/0412

Hembesök den 11 mars 2025. Närvarande: Lina Berg och socialsekreterare Erik Holm.

Lina Berg, 880412-3386, har ansökt om ekonomiskt bistånd till hyra för april. Hon berättar att hon har varit sjukskriven sedan januari på grund av depression och att sjukpenningen inte räcker till hyran.

Lina har en hyresskuld på 9 400 kronor. Hon bor med sin son Theo, 6 år, på Lärkvägen 5, 456 71 Exempelby.

Förskolan gjorde en orosanmälan i februari om att Theo ofta är trött och hungrig. Lina uppger att Theos pappa, Daniel Ström, har missbruk av alkohol och att han inte längre har kontakt med barnet.

Lina kan nås på 070-312 45 67.

Nästa besök bokas till den 25 mars. Socialsekreteraren informerade om rätten att överklaga beslut.

Erik Holm
Socialsekreterare`;

export const HEALTHCARE_REFERRAL = `Remiss till vuxenpsykiatrin
Från: Vårdcentralen Norra, distriktsläkare Ulla Ek

Patient: Johan Lund, 790623-1153
Adress: Björkgatan 12, 722 14 Exempelby
Telefon: 073-441 22 09

Frågeställning: bedömning av bipolär sjukdom och ställningstagande till behandling.

Anamnes
Johan har haft återkommande depressioner sedan 2015. Under hösten har han haft perioder med minskat sömnbehov och stora impulsköp. Han har tidigare behandlats med Sertralin.

Hans mamma har en känd bipolär sjukdom.

Aktuellt
Patienten uppger självmordstankar men inga planer. Han är sjukskriven på heltid sedan den 1 februari.

Vänliga hälsningar
Ulla Ek, distriktsläkare`;

export const RELEASE_SAMPLES = {
  'social-note': SOCIAL_CASE_NOTE,
  referral: HEALTHCARE_REFERRAL,
} as const;

export type ReleaseSample = keyof typeof RELEASE_SAMPLES;
