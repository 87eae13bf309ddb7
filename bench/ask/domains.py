"""What the retrieval corpus is made of: ten areas of a municipality's or region's work, each with its
board, places, everyday sentences and facts that a question can ask about (bench/ask/corpus.py).

Every fact comes with a question written the way a case officer would ask it: other word forms, other
words where Swedish has them, never a copy of the sentence. The everyday sentences use the same
places and words, so the passage that answers must be told apart from many that nearly do.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Fact:
    sentence: str
    question: str


@dataclass(frozen=True)
class Domain:
    name: str
    board: str
    places: tuple[str, ...]
    headings: tuple[str, ...]
    sentences: tuple[str, ...]
    facts: tuple[Fact, ...]


DOMAINS = (
    Domain(
        "skola", "Barn- och utbildningsnämnden",
        ("Ekbacken", "Solrosen", "Tallåsen", "Björkhagen", "Hagaskolan", "Norrskolan", "Lindängen", "Mosstorp"),
        ("Lokalförsörjning", "Elevhälsa", "Skolskjuts", "Förskolans kö", "Kvalitetsarbete", "Budgetuppföljning",
         "Måltider i skolan", "Fritidshem"),
        ("Förvaltningen redovisade läget för lokalerna i {place} och den fortsatta planeringen.",
         "Antalet barn i förskolekön har varit stabilt under {month}, enligt förvaltningens uppföljning.",
         "Rektor i {place} informerade om arbetet med studiero och närvaro i årskurs 7–9.",
         "Elevhälsan har fått fler ärenden om frånvaro än under samma period {year}.",
         "Nämnden diskuterade skolskjutsarna till {place} och behovet av fler hållplatser.",
         "Förvaltningen ser över måltiderna i skolorna för att minska matsvinnet.",
         "Kvalitetsrapporten för {place} visar att andelen behöriga lärare har ökat något.",
         "Fritidshemmet i {place} har haft svårt att rekrytera personal under hösten.",
         "Ledamöterna ställde frågor om hur förskolans pedagogiska arbete följs upp.",
         "Budgetuppföljningen visar ett litet underskott för grundskolan, främst på grund av lokalkostnader.",
         "Förvaltningen har påbörjat en utredning om skolans lokalbehov fram till {year2}.",
         "Vårdnadshavare i {place} har lämnat synpunkter på trafiksituationen vid lämning och hämtning."),
        (Fact("Nämnden beslutar att förskolan {place} byggs ut med två avdelningar och att utbyggnaden ska "
              "vara klar till augusti {year2}.",
              "När ska utbyggnaden av förskolan {place} vara färdig?"),
         Fact("Skolskjutsen till {place} flyttas till den nya hållplatsen vid Kyrkvägen från och med den 7 januari.",
              "Från vilket datum stannar skolskjutsarna vid Kyrkvägens nya hållplats?"),
         Fact("Kostnaden för den nya ventilationen i {place} beräknas till 4,8 miljoner kronor, vilket ryms i "
              "investeringsbudgeten.",
              "Vad beräknas ventilationen i {place} kosta?"),
         Fact("Andelen elever i årskurs 9 med godkända betyg i alla ämnen steg från 71 till 78 procent.",
              "Hur mycket ökade andelen niondeklassare som fick godkänt i samtliga ämnen?"),
         Fact("Fritidshemmet i {place} får förlängda öppettider till klockan 18.30 på vardagar under en "
              "försöksperiod.",
              "Hur länge håller fritidshemmet i {place} öppet under försöket?")),
    ),
    Domain(
        "äldreomsorg", "Vård- och omsorgsnämnden",
        ("Solgården", "Lindgården", "Åsgården", "Strandhemmet", "Ängsgården", "Vallmon", "Rönnbacken", "Ekhagen"),
        ("Särskilt boende", "Hemtjänst", "Bemanning", "Klagomål och synpunkter", "Kost och måltider",
         "Trygghetslarm", "Läkemedelshantering", "Verksamhetsuppföljning"),
        ("Förvaltningen redovisade bemanningen på {place} under {month} och hur vakanserna har täckts.",
         "Hemtjänsten har utfört fler besök än planerat, främst i de norra områdena.",
         "Enhetschefen på {place} informerade om arbetet med meningsfull vardag för de boende.",
         "Ledamöterna frågade hur synpunkter från anhöriga tas om hand och följs upp.",
         "Sjukfrånvaron bland undersköterskorna har minskat jämfört med {year}.",
         "Förvaltningen arbetar med en ny rutin för läkemedelshantering på de särskilda boendena.",
         "Kostenheten har sett över menyerna på {place} tillsammans med de boende.",
         "Antalet personer med trygghetslarm har ökat under året.",
         "Nämnden diskuterade kön till särskilt boende och hur väntetiderna kan kortas.",
         "Brukarundersökningen visar att de flesta är nöjda med bemötandet i hemtjänsten.",
         "Verksamheten på {place} har haft ett lägre antal avvikelser än under {year}.",
         "Förvaltningen har genomfört utbildning i demensvård för personalen på {place}."),
        (Fact("Vård- och omsorgsnämnden beslutar att {place} ska få tolv nya platser för personer med "
              "demenssjukdom från och med den 1 mars {year2}.",
              "Hur många demensplatser tillkommer på {place}, och från när?"),
         Fact("Avgiften för trygghetslarm höjs till 245 kronor i månaden från den 1 juli.",
              "Vad kommer larmet att kosta per månad efter höjningen?"),
         Fact("Den genomsnittliga väntetiden till särskilt boende var 58 dagar under {year}, mot 74 dagar året "
              "innan.",
              "Hur lång var väntetiden till ett särskilt boende i genomsnitt?"),
         Fact("På {place} serveras middag numera klockan 16.30 i stället för klockan 15, efter önskemål från "
              "de boende.",
              "Vilken tid äter de boende på {place} middag nu?"),
         Fact("Hemtjänsten i området Norr ska från hösten planeras med ett nytt digitalt verktyg, "
              "Planeringsstödet, som ersätter pappersscheman.",
              "Vilket digitalt planeringsverktyg ska hemtjänsten i Norr börja använda?")),
    ),
    Domain(
        "socialtjänst", "Socialnämnden",
        ("Centrum", "Norr", "Söder", "Väster", "Öster", "Backa", "Ljungby", "Hedåsen"),
        ("Ekonomiskt bistånd", "Barn och unga", "Missbruk och beroende", "Våld i nära relationer",
         "Familjehem", "Försörjningsstöd", "Internkontroll", "Ärendebalans"),
        ("Handläggaren har haft kontakt med den enskilde per telefon och informerat om ansökan.",
         "Antalet hushåll med försörjningsstöd i {place} har minskat något under {month}.",
         "Förvaltningen redovisade ärendebalansen inom barn och unga och antalet pågående utredningar.",
         "Ledamöterna diskuterade hur samverkan med skolan kan stärkas i området {place}.",
         "Familjehemsenheten har rekryterat fler familjehem än under {year}.",
         "Uppföljningen visar att de flesta utredningar avslutas inom fyra månader.",
         "Förvaltningen arbetar med att korta handläggningstiden för ekonomiskt bistånd.",
         "Socialsekreterarna i {place} har deltagit i utbildning om motiverande samtal.",
         "Internkontrollen har granskat hur beslut om bistånd dokumenteras.",
         "Den enskilde har lämnat in kontoutdrag och hyresavi som komplettering.",
         "Nämnden informerades om arbetet mot våld i nära relationer och om det nya stödtelefonnumret.",
         "Öppenvården har fått fler förfrågningar om stöd vid beroende än tidigare år."),
        (Fact("Socialnämnden beslutar att riksnormen för försörjningsstöd ska kompletteras med ett tillägg på "
              "300 kronor per barn och månad under sommarlovet.",
              "Hur stort extra bidrag per barn ges under sommarlovet?"),
         Fact("Mottagningsgruppen i {place} har telefontid måndag till fredag klockan 9–11 från och med "
              "februari.",
              "När kan man ringa mottagningsgruppen i {place}?"),
         Fact("Den genomsnittliga handläggningstiden för en ansökan om ekonomiskt bistånd var 9 arbetsdagar "
              "i {place}.",
              "Hur lång tid tar det att handlägga en ansökan om bistånd i {place}?"),
         Fact("Avtalet med Stiftelsen Trampolinen om skyddat boende förlängs till och med december {year2}.",
              "Till när gäller avtalet om skyddat boende med Trampolinen?"),
         Fact("Arvodet till familjehem räknas upp med 3,5 procent från årsskiftet.",
              "Med hur mycket höjs familjehemmens arvoden?")),
    ),
    Domain(
        "bygglov", "Miljö- och byggnadsnämnden",
        ("Storgatan 12", "Kvarnbacken 3", "Hamnen 1:14", "Lövsta 2:7", "Skolgatan 8", "Bryggaren 4", "Västra Ön 1:2",
         "Tallbacken 6"),
        ("Bygglov för tillbyggnad", "Strandskyddsdispens", "Detaljplan", "Tillsyn", "Rivningslov",
         "Olovligt byggande", "Startbesked", "Slutbesked"),
        ("Sökanden har lämnat in reviderade ritningar för fastigheten {place}.",
         "Förvaltningen bedömer att åtgärden är förenlig med detaljplanens syfte.",
         "Grannarna har underrättats och getts tillfälle att yttra sig inom tre veckor.",
         "Byggnadsinspektören gjorde ett platsbesök på {place} i {month}.",
         "Ärendet gäller en ansökan om lov för en komplementbyggnad på tomten.",
         "Ledamöterna diskuterade hur stadsbilden påverkas av den föreslagna fasaden.",
         "Förvaltningen har begärt in en kontrollplan innan startbesked kan ges.",
         "Fastighetsägaren har inte svarat på förvaltningens förelägganden från {year}.",
         "Samhällsbyggnadsförvaltningen arbetar med en ny översiktsplan fram till {year2}.",
         "Handläggningstiden för bygglov har i genomsnitt varit sex veckor under året.",
         "En synpunkt från allmänheten gäller höjden på det planerade huset vid {place}.",
         "Nämnden informerades om antalet inkomna ärenden om strandskydd."),
        (Fact("Miljö- och byggnadsnämnden beviljar bygglov för tillbyggnad av enbostadshuset på {place} med "
              "35 kvadratmeter.",
              "Hur stor får tillbyggnaden av huset på {place} vara?"),
         Fact("Byggsanktionsavgiften för att ha tagit garaget i bruk utan slutbesked fastställs till 28 400 kronor.",
              "Vilken sanktionsavgift fick ägaren för att ha använt garaget utan slutbesked?"),
         Fact("Dispens från strandskyddet ges för en brygga på högst 12 meter vid {place}.",
              "Hur lång brygga får byggas vid {place}?"),
         Fact("Detaljplanen för Kvarteret Mejeriet ska ställas ut för granskning under april och maj {year2}.",
              "När granskas detaljplanen för Mejeriet?"),
         Fact("Startbesked kan ges först när en certifierad kontrollansvarig har utsetts för projektet på {place}.",
              "Vad krävs innan startbeskedet kan lämnas för {place}?")),
    ),
    Domain(
        "miljö", "Miljö- och hälsoskyddsnämnden",
        ("Restaurang Hamnkrogen", "Café Linden", "Bageriet i Backa", "Förskolan Ugglan", "Badplatsen Norrvik",
         "Gårdsbutiken Ek", "Verkstaden på Industrigatan", "Pizzeria Roma"),
        ("Livsmedelskontroll", "Tillsyn enligt miljöbalken", "Enskilda avlopp", "Badvatten", "Buller",
         "Radon", "Förorenad mark", "Avgifter"),
        ("Inspektören genomförde en oanmäld kontroll hos {place} i {month}.",
         "Verksamheten har åtgärdat de brister som noterades vid förra kontrollen.",
         "Förvaltningen redovisade planen för tillsyn av enskilda avlopp under {year2}.",
         "Klagomål har kommit in om buller från fläktar i området kring {place}.",
         "Provtagningen av badvatten visade tjänligt vatten under hela säsongen.",
         "Ledamöterna diskuterade hur avgifterna för livsmedelskontroll ska tas ut i efterhand.",
         "Radonmätningar i flerbostadshus har genomförts under vintern.",
         "Förvaltningen informerade om arbetet med förorenade områden vid den gamla bensinstationen.",
         "{place} har fått information om de nya reglerna för märkning av allergener.",
         "Antalet kontroller som utförts ligger något under plan för {year}.",
         "En ansökan om att inrätta en ny avloppsanläggning har kommit in från en fastighet i Lövsta.",
         "Nämnden informerades om sommarens tillsyn av tobaksförsäljning."),
        (Fact("Vid kontrollen hos {place} konstaterades att kylen höll 11 grader, och verksamheten föreläggs "
              "att hålla högst 8 grader.",
              "Vilken temperatur hade kylen hos {place} vid kontrollen?"),
         Fact("Timavgiften för tillsyn enligt miljöbalken höjs till 1 450 kronor från den 1 januari.",
              "Vad kostar en timme miljötillsyn efter höjningen?"),
         Fact("Badplatsen Norrvik stängdes för bad den 14 juli sedan provet visat förhöjda halter av "
              "E. coli.",
              "Varför stängdes badet i Norrvik och vilket datum?"),
         Fact("Nämnden förbjuder utsläpp av avloppsvatten från fastigheten Lövsta 4:2 från och med den "
              "1 oktober {year2}.",
              "Från när förbjuds avloppsutsläppen från Lövsta 4:2?"),
         Fact("Radonhalten i källarlokalen hos {place} uppmättes till 340 becquerel per kubikmeter.",
              "Hur hög radonhalt mättes upp i källaren hos {place}?")),
    ),
    Domain(
        "kultur", "Kultur- och fritidsnämnden",
        ("Stadsbiblioteket", "Sporthallen", "Simhallen Delfinen", "Kulturhuset Forum", "Ishallen",
         "Fritidsgården Gnistan", "Konsthallen", "Friluftsgården Skogsbo"),
        ("Föreningsbidrag", "Bibliotek", "Öppettider", "Evenemang", "Anläggningar", "Kulturskolan",
         "Fritidsgårdar", "Taxor och avgifter"),
        ("Förvaltningen redovisade besöksstatistiken för {place} under {month}.",
         "Föreningarna har sökt fler aktivitetsbidrag än under {year}.",
         "Kulturskolan har en kö till pianoundervisningen men platser kvar i slagverk.",
         "Ledamöterna diskuterade hur fler unga kan nås av fritidsgårdarnas verksamhet.",
         "Personalen på {place} har genomfört en brukarenkät om öppettiderna.",
         "Förvaltningen planerar sommarens evenemang i stadsparken tillsammans med föreningslivet.",
         "Underhållet av {place} följer den långsiktiga underhållsplanen.",
         "Biblioteket har startat läsecirklar för personer som lär sig svenska.",
         "Nämnden informerades om bokningssystemet för idrottsanläggningar.",
         "Energiförbrukningen i {place} har minskat efter bytet av belysning.",
         "Föreningsbidragen betalas ut två gånger per år enligt gällande regler.",
         "Konstnärer har bjudits in att lämna förslag till den offentliga konsten vid {place}."),
        (Fact("Kultur- och fritidsnämnden beslutar att {place} ska vara öppet även på söndagar klockan 11–16 "
              "under vinterhalvåret.",
              "Vilka tider har {place} söndagsöppet på vintern?"),
         Fact("Föreningen IK Falken får ett investeringsbidrag på 180 000 kronor till ny konstgräsbelysning.",
              "Hur stort bidrag fick IK Falken till belysningen?"),
         Fact("Avgiften för en termin i kulturskolan blir 650 kronor per ämne, och syskonrabatten tas bort.",
              "Vad kommer en kulturskoletermin att kosta per ämne?"),
         Fact("Renoveringen av {place} beräknas pågå från maj till november {year2}, och verksamheten flyttar "
              "under tiden till skolans lokaler.",
              "Under vilka månader pågår renoveringen av {place}?"),
         Fact("Stadsfesten hålls den 22–24 augusti med 38 anmälda föreningar och en budget på 1,1 miljoner "
              "kronor.",
              "Hur många föreningar har anmält sig till stadsfesten?")),
    ),
    Domain(
        "trafik", "Tekniska nämnden",
        ("Storgatan", "Järnvägsgatan", "Kyrkvägen", "Industrivägen", "Hamngatan", "Skolvägen", "Parkvägen",
         "Ringvägen"),
        ("Snöröjning", "Gatubelysning", "Parkering", "Trafiksäkerhet", "Cykelvägar", "Beläggningsprogram",
         "Lokala trafikföreskrifter", "Felanmälan"),
        ("Förvaltningen redovisade vinterns snöröjning och sandning på {place}.",
         "Felanmälningarna om gatubelysning har ökat under {month}.",
         "Trafikmätningar på {place} visar att hastigheten ofta överskrids kvällstid.",
         "Ledamöterna diskuterade parkeringssituationen i centrum under helgerna.",
         "Beläggningsprogrammet för {year2} omfattar flera gator i de östra delarna.",
         "Förvaltningen har fått synpunkter om cykelvägen längs {place}.",
         "Entreprenören har utfört vårstädningen av gatorna enligt avtalet.",
         "Nämnden informerades om arbetet med tillgänglighet vid busshållplatserna.",
         "Kostnaden för vinterväghållning blev högre än budgeterat under {year}.",
         "Förvaltningen ser över skyltningen vid skolorna inför höstterminen.",
         "Boende längs {place} har önskat farthinder vid övergångsstället.",
         "Gatubelysningen byts successivt till LED enligt den beslutade planen."),
        (Fact("Hastigheten på {place} sänks till 30 kilometer i timmen mellan klockan 7 och 17 på vardagar.",
              "Vilken hastighetsgräns kommer att gälla på {place} dagtid?"),
         Fact("Avgiften för att parkera i centrum blir 15 kronor i timmen, och de första 30 minuterna är "
              "gratis.",
              "Hur mycket kostar det att parkera i centrum per timme?"),
         Fact("Den nya gång- och cykelbron över ån vid {place} beräknas vara klar i oktober {year2} och kosta "
              "22 miljoner kronor.",
              "När blir cykelbron vid {place} färdig?"),
         Fact("Snöröjningen startar när det har fallit 5 centimeter snö på huvudgatorna och 10 centimeter på "
              "villagatorna.",
              "Hur mycket snö måste det ha kommit innan man plogar villagator?"),
         Fact("Tekniska nämnden beslutar att 620 armaturer i gatubelysningen byts till LED under året.",
              "Hur många belysningsarmaturer ska bytas ut mot LED?")),
    ),
    Domain(
        "personal", "Kommunstyrelsens personalutskott",
        ("kommunledningskontoret", "socialförvaltningen", "utbildningsförvaltningen", "tekniska förvaltningen",
         "kultur- och fritidsförvaltningen", "samhällsbyggnadsförvaltningen", "vård- och omsorgsförvaltningen",
         "servicekontoret"),
        ("Arbetsmiljö", "Lönerevision", "Kompetensförsörjning", "Sjukfrånvaro", "Friskvård", "Distansarbete",
         "Rekrytering", "Medarbetarenkät"),
        ("HR-avdelningen redovisade sjukfrånvaron för {place} under {month}.",
         "Medarbetarenkäten visar att de flesta trivs med sina arbetsuppgifter.",
         "Förvaltningarna har svårt att rekrytera inom vissa yrken, bland annat socionomer och ingenjörer.",
         "Ledamöterna diskuterade hur chefernas arbetsmiljö kan förbättras.",
         "Arbetet med den nya riktlinjen för distansarbete pågår på {place}.",
         "Personalomsättningen har minskat jämfört med {year}.",
         "Skyddsombuden har deltagit i arbetsmiljöronderna på {place}.",
         "Friskvårdsbidraget har använts av fler medarbetare än tidigare.",
         "Kompetensförsörjningsplanen ska revideras under {year2}.",
         "Förvaltningen informerade om samverkan med de fackliga organisationerna.",
         "Introduktionen av nyanställda har setts över för att bli mer enhetlig.",
         "Lönekartläggningen har inte visat några osakliga löneskillnader."),
        (Fact("Friskvårdsbidraget höjs till 3 000 kronor per medarbetare och år från och med januari.",
              "Hur stort blir friskvårdsbidraget per år?"),
         Fact("Medarbetare får arbeta på distans högst två dagar i veckan, efter överenskommelse med sin chef.",
              "Hur många dagar i veckan kan en anställd jobba hemifrån?"),
         Fact("Sjukfrånvaron på {place} var 7,9 procent under {year}, vilket är en minskning med 1,2 "
              "procentenheter.",
              "Hur hög var sjukfrånvaron på {place}?"),
         Fact("Lönerevisionen för {year2} ska vara klar den 31 mars, och de nya lönerna betalas ut i april.",
              "När betalas de nya lönerna ut efter revisionen?"),
         Fact("Alla nya chefer ska gå kommunens ledarskapsprogram, som omfattar sex utbildningsdagar under det "
              "första året.",
              "Hur många dagar omfattar ledarskapsutbildningen för nya chefer?")),
    ),
    Domain(
        "vård", "Hälso- och sjukvårdsnämnden",
        ("vårdcentralen Centrum", "vårdcentralen Norr", "akutmottagningen", "barnkliniken", "ortopedkliniken",
         "psykiatrin", "ögonmottagningen", "hörselvården"),
        ("Tillgänglighet", "Vårdgaranti", "Patientsäkerhet", "Digitala vårdbesök", "Bemanning",
         "Vårdplatser", "Patientavgifter", "Uppföljning av vårdval"),
        ("Förvaltningen redovisade tillgängligheten på {place} under {month}.",
         "Andelen patienter som fått besök inom vårdgarantin har ökat jämfört med {year}.",
         "Antalet digitala vårdbesök fortsätter att öka, främst för enklare besvär.",
         "Ledamöterna frågade hur bristen på specialistsjuksköterskor påverkar {place}.",
         "Patientsäkerhetsberättelsen visar färre vårdskador än under föregående år.",
         "Vårdplatserna har varit fullbelagda under stora delar av vintern.",
         "Regionen arbetar med att minska användningen av hyrpersonal på {place}.",
         "Uppföljningen av vårdvalet visar stora skillnader mellan vårdcentralerna.",
         "Förvaltningen informerade om den nya telefonlösningen för tidsbokning.",
         "Väntetiderna till {place} har minskat något efter att fler mottagningstider öppnats.",
         "Regionen har tecknat avtal med ytterligare en privat vårdgivare för operationer.",
         "Verksamhetsplanen för {year2} lägger stor vikt vid förebyggande arbete."),
        (Fact("Patientavgiften för ett besök på vårdcentral blir 200 kronor, och högkostnadsskyddet ligger kvar "
              "på 1 450 kronor.",
              "Vad kostar ett vårdcentralsbesök för patienten?"),
         Fact("På {place} fick 84 procent av patienterna en första bedömning inom tre dagar under {year}.",
              "Hur stor andel av patienterna på {place} bedömdes inom tre dagar?"),
         Fact("Hälso- och sjukvårdsnämnden beslutar att {place} får 14 nya vårdplatser från och med "
              "september {year2}.",
              "Hur många vårdplatser tillförs {place}?"),
         Fact("Mammografi erbjuds kvinnor mellan 40 och 74 år vartannat år, och undersökningen är avgiftsfri.",
              "Vilka åldrar omfattas av mammografiscreeningen?"),
         Fact("Akutmottagningens mediantid från ankomst till läkarbedömning var 68 minuter i {month}.",
              "Hur länge fick patienterna på akuten vänta på en läkare i mitten av fördelningen?")),
    ),
    Domain(
        "vatten", "Samhällsbyggnadsnämnden",
        ("Norrby", "Sjövik", "Kvarntorp", "Hagalund", "Berga", "Ängby", "Stensjö", "Lillån"),
        ("VA-taxa", "Ledningsnät", "Vattenverket", "Avloppsreningsverket", "Dagvatten", "Verksamhetsområde",
         "Läckor och avbrott", "Bevattningsförbud"),
        ("Förvaltningen redovisade arbetet med förnyelsen av ledningsnätet i {place}.",
         "Vattenverket har levererat vatten av god kvalitet under {month}.",
         "Ledamöterna diskuterade hur dagvattnet ska tas om hand i nya bostadsområden.",
         "Antalet läckor på huvudledningarna har minskat jämfört med {year}.",
         "Avloppsreningsverket klarade utsläppskraven under året.",
         "Förvaltningen informerade om planerna att utöka verksamhetsområdet till {place}.",
         "Fastighetsägare i {place} har fått information om anslutning till kommunalt vatten.",
         "Investeringsplanen för vatten och avlopp sträcker sig fram till {year2}.",
         "Kraftiga regn i somras ledde till översvämmade källare i några kvarter.",
         "Förvaltningen har börjat läsa av vattenmätarna på distans.",
         "Kunderna har kunnat följa driftstörningar på kommunens webbplats.",
         "En utredning om reservvatten för {place} har påbörjats."),
        (Fact("Brukningsavgiften i VA-taxan höjs med 8 procent, och den fasta avgiften blir 3 900 kronor per år "
              "för ett villahushåll.",
              "Hur stor blir den fasta vattenavgiften för en villa?"),
         Fact("Bevattningsförbudet i {place} gäller från den 15 juni till och med den 31 augusti.",
              "Under vilken period får man inte vattna i {place}?"),
         Fact("Anslutningsavgiften för de 46 fastigheterna i {place} är 165 000 kronor per fastighet.",
              "Vad kostar det för en fastighet i {place} att ansluta sig?"),
         Fact("Det nya reningssteget för läkemedelsrester i avloppsreningsverket ska tas i drift i mars {year2}.",
              "När börjar verket rena bort läkemedelsrester?"),
         Fact("Vid läckan på Stationsvägen var 320 hushåll utan vatten i nästan sju timmar.",
              "Hur många hushåll drabbades av vattenavbrottet vid Stationsvägen?")),
    ),
)

KINDS = ("protokoll", "beslut", "riktlinje", "anteckningar", "rapport")
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "augusti", "september", "oktober", "november")
MUNICIPALITIES = ("Åsby kommun", "Norrvik kommun", "Sjöstad kommun", "Ekeby kommun", "Dalsby kommun",
                  "Region Mellanland", "Bergå kommun", "Hammarö sjö kommun")

# Sentences any board's papers hold, mixed into every area's paragraphs.
GENERAL = (
    "Ärendet har beretts av förvaltningen i samråd med berörda enheter.",
    "Ordföranden konstaterade att ärendet kan avgöras vid dagens sammanträde.",
    "Förvaltningen återkommer med en fördjupad redovisning vid ett senare tillfälle.",
    "Samverkan har skett med de fackliga organisationerna enligt gällande avtal.",
    "Underlaget har skickats ut till ledamöterna i god tid före sammanträdet.",
    "Ekonomienheten har granskat kalkylen och har inga invändningar.",
    "Barnrättsperspektivet har beaktats i beredningen av ärendet.",
    "Ledamöterna tackade för informationen och ställde några kompletterande frågor.",
    "Uppföljning sker i samband med delårsrapporten i augusti.",
    "Förslaget bedöms inte påverka kommunens klimatmål negativt.",
    "Kommunens riktlinjer för dokumenthantering har följts.",
    "Synpunkter som kommit in via kommunens webbplats har sammanställts av förvaltningen.",
    "Förvaltningschefen föredrog ärendet och svarade på frågor.",
    "Frågan har tidigare behandlats av arbetsutskottet utan att något beslut fattades.",
    "Enligt delegationsordningen får förvaltningschefen besluta i liknande ärenden.",
    "Det finns inga jävsförhållanden att anmäla i ärendet.",
    "Information har lämnats till berörda medborgare genom brev och på webbplatsen.",
    "Kostnaderna ryms inom nämndens ram för innevarande år.",
    "Arbetet följer den plan som kommunfullmäktige antog förra året.",
    "En risk- och konsekvensanalys har genomförts inför förändringen.",
)
