"""Training templates for the name model: Swedish office, case-note, school, care, HR, Outlook and chat text.

Written for Kollega. The held-out test corpus (tests/redaction/holdout_corpus.py) has templates of its
own that share no sentence with these, so its score says how the model does on text it never saw.
"""

TEMPLATES: tuple[str, ...] = (
    # -- e-mail and Outlook ---------------------------------------------------------------
    "Hej {P1.f}!\nTack för senast. Kan du skicka underlagen till mig innan {DAY}?\nMvh {P2}\n{PH}",
    "Från: {P1.rev} <{EM1}>\nSkickat: den {DATE} {TIME}\nTill: {P2.revc}\nÄmne: Möte om {CASE}\n\nHej,\n"
    "jag kan tyvärr inte komma på {DAY}. {P3.f} tar min plats.\n/{P1.f}",
    "Från: {P1.revc}\nTill: {P2.rev}; {P3.rev}\nÄmne: SV: Schema {MONTH}\n\nOk, vi kör så. Bokar {ROOM} kl {TIME}.\n"
    "{P1.init}",
    "Hej alla,\nPåminnelse om arbetsplatsträffen i {ROOM} på {DAY}. {P1} från HR kommer och pratar om friskvård.\n"
    "Vänliga hälsningar\n{P2}\nEnhetschef",
    "Hej {P1.f},\nJag har pratat med {P2.f} och vi föreslår att {P3} tar över ärendet. Hör av dig om något är oklart."
    "\nHälsningar {P4.f}",
    "Dear {P1.f},\nThank you for your email. {P2} will contact you next week about the invoice ({AMT}).\n"
    "Best regards,\n{P3}",
    "Hej!\nJag heter {P1} och undrar hur det går med min ansökan ({CASE}). Mitt personnummer är {PN}.\n"
    "Ni når mig på {PH} eller {EM1}.\nMvh\n{P1.f}",
    "God morgon {P1.f}!\n{P2.f} är sjuk i dag, så {P3.f} täcker upp i receptionen. Ring mig på {PH} vid behov."
    "\n//{P4.f}",
    "Hej {P1.f} och {P2.f},\nBifogar protokollet från {DAY}ens möte. {P3.fl} saknades, så jag skickar det även till "
    "henne.\nMed vänlig hälsning\n{P4}\nNämndsekreterare",
    "{P1.rev} har bjudit in dig till ett möte: Avstämning {MONTH} ({ROOM}, {TIME}).",
    "Vidarebefordrat meddelande\nFrån: {P1.rev} <{EM1}>\nDatum: {DATE}\nHej igen, bifogar intyget. Min adress är "
    "{AD}.\n{P1.f}",
    "Tack {P1.f}! Jag återkommer när jag har pratat med {P2.f}. /{P3.init}",
    # -- case notes: socialtjänst, LSS, hemtjänst --------------------------------------------
    "Journalanteckning {DATE}\nBesök i hemmet hos {P1} ({PN}), {AD}. Närvarande: {P2.f} (sonen) och "
    "kontaktperson {P3}.\n{P1.f} uppger att hon har svårt med trapporna sedan hon fick {COND}.\n"
    "Antecknat av: {P4.init}",
    "Ansökan om insats enligt {LAW}. {P1} bor med sin mamma {P2} och sin bror {P3.f}. Fadern {P4} har "
    "umgänge varannan helg.\nHandläggare: {P5}",
    "Telefonsamtal med {P1.f} {P1.l}, född {P1.l2}, {PN}. Hon önskar byta kontaktperson från {P2.f} till "
    "någon annan. Beslut fattas enligt {LAW}.",
    "Hembesök. {P1.f} öppnade själv. Dottern {P2.f} var på plats. {P1.f} har inte ätit ordentligt sedan "
    "{DAY}. Hemtjänsten ({P3.f} och {P4.f}) larmas vid behov. Sign. {P5.init}",
    "Anmälan inkom {DATE} från {ORG} gällande {P1} ({PN}). Anmälare: {P2}, kurator. Förhandsbedömning "
    "påbörjas. Dnr enligt {CASE}.",
    "Samtal med god man {P1} om {P2.gen} ekonomi. Räkningar på {AMT} är obetalda. Konto: {BK}.",
    "Daganteckning LSS-boende: {P1.f} var glad i dag och gick till {ORG} med {P2.f}. På kvällen var hen trött. "
    "/{P3.init}",
    "Vårdplanering för {W1} ({PN}). {W1.f} har ingen {W1.word} att flytta till särskilt boende just nu. "
    "Sonen {P2} deltog via telefon.",
    "Utredningen visar att {P1.f} har behov av stöd. Mamman, {P2.revc}, har samtyckt. {P3.f}, som är "
    "personlig assistent, noterar att {P1.f} sover dåligt.",
    "Vid mötet deltog {P1} (socialsekreterare), {P2} (mamma) och {P3} (tolk). {P2.f} berättade att {P4.f} "
    "inte går till skolan.",
    "Hemtjänst kl {TIME}: {P1.f} hade ramlat i natt. Kontaktade {P2.f} på {PH}. Sjuksköterska {P3} "
    "informerad.\n/{P4.f}",
    "Barnet {P1} ({PN}), vårdnadshavare {P2} och {P3}. Skolan har anmält oro. Ärendet utreds enligt {LAW}.",
    "Ekonomiskt bistånd: {P1.rev} ansöker om {AMT} för hyra. Utbetalning till {BK}. Handläggare {P2.init}.",
    # -- school ---------------------------------------------------------------------------
    "Hej!\n{P1} i 8B har varit frånvarande sedan {DAY}. Vi har försökt nå {P2.f} på {PH}.\nMentor {P3}",
    "Utvecklingssamtal med {P1.f} och mamma {P2.f}. Mål: läsa mer. Nästa samtal i {MONTH}.\n/{P3.f}",
    "Till vårdnadshavare för {P1}: utflykten till {ORG} blir av på {DAY}. Anmäl senast {DATE} till {P2.f}.",
    "Elevhälsomöte. Närvarande: {P1.rev}, {P2.rev}, {P3.rev}. {P4} har svårt med matte. Beslut: extra stöd.",
    "{P1.f} glömde sin {PROD}-laddare igen. {P2.f} i 4A har hittat den.",
    # -- healthcare -----------------------------------------------------------------------
    "Remiss från vårdcentralen. Patient: {P1}, {PN}. Frågeställning: {COND}? Remitterande läkare {P2}.",
    "Patienten {P1.f} {P1.l} kom i sällskap med sin man {P2.f}. Tidigare vårdad på {ORG}. Dr {P3.l} bedömer "
    "att uppföljning sker i {MONTH}.",
    "{P1.f} ringde och flyttade sin tid till {DAY} kl {TIME}. Ring tillbaka på {PH}. /{P2.f}",
    "Epikris: {P1.rev}, {PN}. Inlagd {DATE} pga {COND}. Ansvarig läkare: {P2.rev}.",
    # -- HR -------------------------------------------------------------------------------
    "Anställningsavtal för {P1}, {PN}, {AD}. Lön {AMT} per månad till konto {BK}. Chef: {P2}.",
    "Rehabsamtal med {P1.f}. Närvarande även {P2} från HR och facklig representant {P3.f} {P3.l}.",
    "Sjukanmälan: {P1.f} är hemma med sjukt barn ({P2.f}) i dag och i morgon. {P3.f} tar passet.",
    "Referens för {P1}: {P2.f} har arbetat hos oss sedan {MONTH} 2019. Kontakta {P3} på {PH}.",
    "Tjänstebil {PROD}, reg.nr {PL}, används av {P1.f} under {MONTH}. Nycklar hos {P2.f}.",
    # -- chat, lower case -----------------------------------------------------------------
    "{P1.lf} kan du ta {P2.lf}s pass på {DAY}? jag är hos tandläkaren",
    "ok säger till {P1.lower} att {P2.lf} kommer imorgon istället",
    "{P1.at} kan du kolla mejlet från {P2.f}? brådis",
    "har {P1.lf} skickat rapporten? {P2.lf} frågade efter den",
    "{P1.lf} o {P2.lf} sitter i {ROOM} om nån undrar",
    "tack {P1.lf}! /{P2.lf}",
    "{P1.at} {P2.at} mötet flyttas till {TIME}",
    "{N1.f} har fixat kaffe, tack {N1.f}!! :)",
    "hej {P1.lf} ring {P2.lf} när du kan, hennes nummer är {PH}",
    "fråga {N1.f} eller {P1.f}, de vet hur {PROD} funkar",
    # -- word names and negatives ---------------------------------------------------------
    "{W1.f} tycker att {W1.word} är viktigt. {P2.f} håller med.",
    "Möte i {ROOM} på {DAY}. Ta med laptop. {P1.f} bokade rummet.",
    "Vi har beställt {PROD} till hemtjänstgruppen. {P1} är ansvarig för bilen.",
    "Kom ihåg att fråga {PROD2} om vädret, skojade {P1.f}.",
    "{P1.f} jobbar på {ORG} sedan {MONTH}.",
    "Hänvisning till {ORG}. {P1.f} ska ringa dit på {DAY}.",
    "Lex Sarah-anmälan gällande {P1.gen} vård skickas till IVO senast {DATE}.",
    "{COND} påverkar {P1.gen} vardag. {P2.f} stöttar.",
    "{W1} och {W2} var på plats. {W1.f} sa att {W2.word} är bra.",
    "Under {MONTH} har {W1.f} haft mycket att göra. Nästa {W1.word} blir lugnare.",
    "Sign. {P1.init}",
    "Antecknat av: {P1.init}",
    "Mvh\n{N1.f}",
    "{P1.f} {P1.l}, född {P1.l2}, flyttade hit från {ORG}.",
    "Ring {N1.f} på {PH} så löser det sig.",
    "Protokoll. Ordförande: {P1}. Sekreterare: {P2}. Justerare: {P3}.\n§ 12 Beslut om {CASE}. Beslut enligt {LAW}.",
    "Sammanfattning: {P1.f} har haft kontakt med {ORG}, {ORG2} och {P2}. Kostnad {AMT}.",
    "På {DAY} kommer {P1} och {P2} från {ORG} på studiebesök. Vi ses i {ROOM}.",
    "{P1.f} skriver: \"jag vill inte flytta\". {P2.f} och {P3.f} får prata med henne.",
    "Ämne: VB: {CASE}\n\n{P1.f}, kan du titta på det här? {P2.f} frågade i går.\n/{P3.f}",
    "Undertecknad, {P1}, intygar att {P2} bor på {AD}.",
    "Good morning {P1.f}, {P2.f} asked me to forward this. Regards, {P3.fl}",
    "Hemtjänstgruppen Öst, överlämning:\n* {P1.f} behöver hjälp med medicinen\n* {N1.f} har semester\n/{P2.init}",
    "Frånvaro {DAY}: {P1.rev}, {P2.rev}. Vikarie: {N1.f}.",
    "Kompisen {N1.f} och grannen {P1.f} hjälper henne.",
    "Nycklar hämtas hos {N1.f} i receptionen.",
    "Hälsa {N1.f} att {P1.f} ringer senare.",
    "{N1.f} undrar om {P1.f} kan byta pass.",
    "Pratade med {P1.f} i dag. Hon mår bättre.",
    "Träffade {P1.f} och {P2.f} på stan.",
    "lunch med {P1.lf} och {P2.lf} kl 12?",
    "{P1.lf} {P1.l} har slutat, {P2.lf} tar över",
    "grattis {P1.lf}!!",
    "glöm inte att {P1.lf} fyller år på {DAY}",
    "{P1.at} har du sett {P2.gen} mejl?",
    "Från: {P1.revc} [mailto:{EM1}]\nSkickat: {DATE}\nÄmne: SV: {CASE}\n\nTack, {P2.f}!",
    "Ordförande {P1.l} öppnade mötet. {P2.l} och {P3.l} justerar.",
    "Hon heter {P1}, född {P1.l2}, och är {P2.gen} syster.",
    "{W1.f} {W1.l} har ringt. {W1.f} vill prata med {P2.f}.",
    "Anteckning: {W1.f} sade att {W1.word} inte räcker. /{P2.init}",
)

# Filler sentences with the words behind word names, in their ordinary use, and other capitalised
# non-names: the model must learn that these are not people.
NEGATIVE_SENTENCES: tuple[str, ...] = (
    "Ämne: VB: Semesterlistan", "Ämne: SV: Fråga om schemat", "Ämne: Fwd: Kallelse till {DAY}",
    "Hemtjänstgruppen Syd, rapport morgon:", "Hemtjänstområde Väst har fått ny chef.", "Team Öst ses i {ROOM}.",
    "Frånvaroanmälan vecka {TIME}.", "Sjukfrånvaro anmäls till chefen.", "Frånvaro: se schemat.",
    "Undertecknad intygar att uppgifterna är riktiga.", "Undertecknade vårdnadshavare samtycker.",
    "Good morning everyone,", "Good news: the budget is approved.", "Best practice är att dokumentera direkt.",
    "Björk, tall och gran växer på tomten.", "Ek och lönn ska planteras.", "Alm och ask står kvar.",
    "Dnr {CASE} gäller bygglovet.", "BG-nummer finns på fakturan.", "SoL och LSS gäller parallellt.",
    "Hjärtstartaren finns i {ROOM}.", "Norr om skolan ligger parken.", "Öppet hus på {ORG} i {MONTH}.",
    "Lunch serveras i matsalen kl 11.30.", "Kaffe och fralla bjuds det på.", "OBS! Ny rutin från {DAY}.",
    "Dag för dag blir det bättre.", "Sommar och vinter är lika stressiga.", "Storm väntas i helgen.",
    "Ros till personalgruppen för bra arbete!", "Sol och värme hela veckan.", "Vinter innebär halka på trapporna.",
    "Vilja finns, men orken saknas.", "Maj blir en intensiv månad.", "Stig på, dörren är öppen.",
    "Bo kvar hemma är hennes önskan.", "Hjort har setts vid förskolan.", "Rut-avdrag gäller för städningen.",
    "Mötet flyttas till {DAY} i {ROOM}.", "Vi ses i {ROOM} kl {TIME}.", "Beslut enligt {LAW}, {CASE}.",
    "Kostnaden blir {AMT}.", "Hon har fått diagnosen {COND}.", "Ärendet gäller {COND} och rätten till stöd.",
    "{ORG} har öppet till 19.", "Handla på {ORG} på vägen hem.", "Bilen är en {PROD}.",
    "Fråga {PROD2} om vädret.", "Remiss skickas till {ORG}.", "Lex Sarah-utredning pågår.",
    "{MONTH} är fullbokad.", "Tid {DAY} {DATE} kl {TIME}.", "Ring växeln om något är oklart.",
    "Enligt Socialstyrelsen ska anteckningen göras samma dag.", "Försäkringskassan har fått intyget.",
)

NICKNAMES_EXTRA = ("Jocke", "Mo", "Lasse", "Micke", "Kicki", "Nisse", "Pelle", "Bosse", "Janne", "Tobbe")
