/**
 * Word samples for Fråga, Översätt and Lättläst: municipal guidelines to ask questions of, and a dense
 * decision letter to translate or write in easy Swedish. Everyone and everything in them is made up.
 */

export const GUIDELINES = `Riktlinjer för färdtjänst
Exempelby kommun, antagna av socialnämnden den 14 maj 2024

Vem kan få färdtjänst?
Färdtjänst är till för dig som har en funktionsnedsättning som gör att du har mycket svårt att resa med buss eller tåg. Funktionsnedsättningen ska vara väntad att vara minst sex månader. Det är svårigheten att resa som avgör, inte vilken diagnos du har.

Så ansöker du
Du ansöker på en blankett som finns på kommunens webbplats eller i kontaktcenter. Bifoga ett läkarintyg som beskriver hur funktionsnedsättningen påverkar din förmåga att resa. En handläggare kan ringa dig eller komma på hembesök för att förstå dina behov.

Handläggningstid
Beslut om färdtjänst fattas inom tre veckor från att ansökan kom in. Om utredningen tar längre tid får du ett brev om det.

Avgifter
Du betalar en egenavgift på 30 kronor per resa inom kommunen och 60 kronor per resa till grannkommunerna. Barn under sju år reser gratis tillsammans med en vuxen.

Ledsagare och medresenär
Behöver du hjälp under resan kan du ansöka om ledsagare. En ledsagare reser utan kostnad. En medresenär betalar samma avgift som du.

Resor till vården
Resor till sjukhus och vårdcentral är sjukresor. De ordnas av regionen och inte av kommunen.

Om du inte är nöjd med beslutet
Du kan överklaga beslutet till förvaltningsrätten. Skriv till socialnämnden inom tre veckor från den dag du fick beslutet.`;

/** Questions the guidelines (Word) and the sample message (Outlook) answer, for the playground's hint. */
export const SAMPLE_QUESTIONS = {
  guidelines: {
    sv: ['Hur lång tid tar det att få beslut om färdtjänst?', 'Vad kostar en resa till grannkommunen?'],
    en: ['How long does a decision on färdtjänst take?', 'What does a trip to the neighbouring municipality cost?'],
  },
  message: {
    sv: ['När har pappan nästa tid för dialys?'],
    en: ['When is the father\'s next dialysis appointment?'],
  },
};

export const DECISION_LETTER = `Beslut om bostadsanpassningsbidrag

Med anledning av er ansökan inkommen den 3 februari 2025 avseende bostadsanpassningsbidrag för installation av duschplats i stället för badkar i bostaden på Ekvägen 4, 456 70 Exempelby, har byggnadsnämnden efter genomförd utredning beslutat att bevilja bidrag med ett belopp om högst 48 000 kronor.

Bidraget utbetalas efter att åtgärden har slutförts och faktura samt intyg om utfört arbete har inkommit till förvaltningen. Beslutet har fattats med stöd av 4 kap. 1 § lagen (2018:222) om bostadsanpassningsbidrag.

Beslutet kan överklagas hos förvaltningsrätten. Överklagandet ska ha inkommit till byggnadsnämnden inom tre veckor från den dag då ni fick del av beslutet.

Handläggare: Sara Lind, telefon 0521-720 15`;

export const ASK_SAMPLES = { guidelines: GUIDELINES, letter: DECISION_LETTER };
