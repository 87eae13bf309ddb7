"""Writes the Swedish and English training text for the test models' tokenizers.

All text is written for this project: hand-written sentences plus sentences composed from our own
word lists, so the corpus carries no third-party copyright. The output is deterministic.
"""

from __future__ import annotations

import random
from pathlib import Path

CORPUS_FILE = Path(__file__).resolve().parent / "corpus" / "sv_en.txt"

SWEDISH_PARAGRAPHS = (
    "Hej alla! Tack för ett bra möte i går. Här kommer en kort sammanfattning av vad vi kom överens om.",
    "Förvaltningen föreslår att nämnden godkänner den reviderade budgeten för nästa år.",
    "Ärendet gäller en ansökan om bygglov för en tillbyggnad av ett enbostadshus.",
    "Vi återkommer med ett beslut så snart handläggaren har gått igenom alla handlingar.",
    "Kan du skicka över underlaget innan fredag? Då hinner jag läsa det före sammanträdet.",
    "Mötet flyttas till torsdag klockan tio på grund av att flera ledamöter är sjuka.",
    "Socialtjänsten har tagit emot en orosanmälan och inleder nu en utredning.",
    "Skolan erbjuder läxhjälp på tisdagar och torsdagar i biblioteket efter lunch.",
    "Vänligen observera att ansökan måste vara inlämnad senast den sista mars.",
    "Vi beklagar dröjsmålet och tackar för ert tålamod under tiden ärendet handläggs.",
    "Överklagandet ska ha kommit in till förvaltningsrätten inom tre veckor från delgivningen.",
    "Kommunstyrelsen beslutade att ge förvaltningen i uppdrag att utreda frågan vidare.",
    "Årets medarbetarenkät visar att de flesta trivs på jobbet men att arbetsbelastningen är hög.",
    "Glöm inte att registrera din arbetstid i systemet före månadens slut.",
    "Äldreomsorgen behöver fler undersköterskor inför sommaren, särskilt på nätterna.",
    "Vattenledningen på Storgatan repareras under vecka tolv och trafiken leds om.",
    "Biblioteket är stängt under påskhelgen men öppnar som vanligt på tisdagen.",
    "Det är viktigt att personuppgifter hanteras enligt dataskyddsförordningen.",
    "Rektorn informerar om att utvecklingssamtalen hålls i början av nästa månad.",
    "Vi har tagit del av era synpunkter och kommer att beakta dem i det fortsatta arbetet.",
    "Enheten för ekonomi sammanställer bokslutet och lämnar en rapport i april.",
    "Trafiknämnden föreslår sänkt hastighet till trettio kilometer i timmen nära skolorna.",
    "Ansökan om försörjningsstöd ska lämnas med kontoutdrag för de senaste tre månaderna.",
    "Räddningstjänsten påminner om att brandvarnaren bör testas en gång i månaden.",
    "Hälsningar från oss på kundtjänsten. Hör av dig om du har fler frågor!",
    "Vi välkomnar dig till introduktionsdagen för nyanställda i stadshuset.",
    "Projektet är försenat eftersom leverantören inte har kunnat leverera i tid.",
    "Miljöförvaltningen genomför inspektioner av livsmedelsbutiker under hösten.",
    "Sammanfattningsvis ser läget ljust ut, men vi behöver följa kostnaderna noga.",
    "Protokollet justeras av ordföranden och en utsedd justerare inom en vecka.",
)

ENGLISH_PARAGRAPHS = (
    "Hello everyone, and thank you for a productive meeting yesterday. Here is a short summary.",
    "The department proposes that the board approves the revised budget for next year.",
    "This matter concerns an application for a building permit for an extension to a house.",
    "We will get back to you with a decision once the case officer has reviewed all documents.",
    "Could you send the material before Friday? That gives me time to read it before the meeting.",
    "The meeting has been moved to Thursday at ten because several members are ill.",
    "Please note that the application must be submitted no later than the end of March.",
    "We apologise for the delay and thank you for your patience while the case is handled.",
    "The council decided to ask the administration to look into the question further.",
    "This year's staff survey shows that most people enjoy their work but the workload is high.",
    "Do not forget to register your working hours in the system before the end of the month.",
    "The water main on the high street will be repaired next week and traffic will be diverted.",
    "It is important that personal data is handled in line with the data protection regulation.",
    "We have taken note of your comments and will consider them as the work continues.",
    "The finance unit is preparing the annual accounts and will report in April.",
    "Best regards from the customer service team. Let us know if you have any further questions!",
    "The project is delayed because the supplier has not been able to deliver on time.",
    "In summary, the outlook is positive, but we need to keep a close eye on costs.",
    "The minutes will be checked by the chair and an appointed adjuster within a week.",
    "Welcome to the introduction day for new employees at the city hall.",
)

SV_NAMES = (
    "Anna", "Erik", "Karin", "Lars", "Maria", "Johan", "Eva", "Anders", "Sofia", "Mikael", "Åsa", "Örjan",
    "Ingrid", "Björn", "Linnéa", "Göran", "Märta", "Henrik", "Elin", "Per", "Jönsson", "Ström",
)
SV_SURNAMES = (
    "Andersson", "Johansson", "Karlsson", "Nilsson", "Eriksson", "Larsson", "Olsson", "Persson",
    "Svensson", "Gustafsson", "Lindström", "Åberg", "Öberg", "Bäckström", "Sjögren", "Lundqvist",
)
SV_PLACES = (
    "Stockholm", "Göteborg", "Malmö", "Uppsala", "Västerås", "Örebro", "Linköping", "Jönköping",
    "Umeå", "Luleå", "Växjö", "Gävle", "Sundsvall", "Östersund", "Karlstad", "Kalmar", "Skövde",
)
SV_SUBJECTS = (
    "nämnden", "förvaltningen", "handläggaren", "kommunen", "regionen", "skolan", "enheten", "chefen",
    "socialtjänsten", "styrelsen", "projektgruppen", "kundtjänsten", "rektorn", "arbetsgruppen",
    "ordföranden", "myndigheten", "avdelningen", "sekreteraren", "den sökande", "medborgaren",
)
SV_VERBS = (
    "beslutar om", "utreder", "granskar", "godkänner", "skickar", "sammanfattar", "föreslår",
    "diskuterar", "avslår", "bereder", "följer upp", "planerar", "redovisar", "överklagar", "prövar",
    "kompletterar", "läser igenom", "återkommer om", "bekräftar", "förbereder",
)
SV_OBJECTS = (
    "ansökan", "budgeten", "ärendet", "beslutet", "rapporten", "protokollet", "yttrandet",
    "underlaget", "fakturan", "avtalet", "planen", "remissen", "utredningen", "bygglovet", "schemat",
    "verksamhetsplanen", "överenskommelsen", "förslaget", "handlingarna", "tidplanen",
)
SV_TIMES = (
    "i dag", "i morgon", "på måndag", "på tisdag", "på onsdag", "på torsdag", "på fredag",
    "nästa vecka", "före sommaren", "under hösten", "i slutet av månaden", "efter lunch",
    "innan årsskiftet", "vid nästa sammanträde", "så snart som möjligt", "senast i april",
)
SV_REASONS = (
    "eftersom underlaget är ofullständigt", "för att kostnaderna har ökat", "på grund av sjukdom",
    "eftersom fler remissvar behövs", "för att tidplanen ska hållas", "eftersom lagen har ändrats",
    "för att invånarna ska få bättre service", "eftersom personalen är på semester",
)
SV_OPENERS = ("Hej", "Hej hej", "God morgon", "Tjena", "Hejsan", "Välkommen")
SV_CLOSERS = (
    "Med vänliga hälsningar", "Vänliga hälsningar", "Hälsningar", "Tack på förhand", "Ha en fin dag",
)

# Swedish builds new words by compounding; these parts give thousands of real-looking words,
# which an 8k-token BPE vocabulary needs to fill up (the composed sentences alone saturate near 4k).
SV_COMPOUND_HEADS = (
    "bygg", "skol", "vård", "miljö", "trafik", "kultur", "fritids", "social", "ekonomi", "personal",
    "lokal", "vatten", "avfalls", "energi", "bostads", "park", "gatu", "idrotts", "biblioteks", "musik",
    "arbets", "läns", "kommun", "region", "stads", "by", "skogs", "jordbruks", "hälso", "tand",
    "barn", "ungdoms", "äldre", "familje", "integrations", "språk", "data", "informations", "säkerhets",
    "kris", "brand", "polis", "rätts", "skatte", "löne", "pensions", "semester", "utbildnings", "forsknings",
    "fastighets", "mark", "plan", "natur", "kust", "sjö", "väg", "järnvägs", "cykel", "buss",
    "flyg", "hamn", "turist", "närings", "handels", "företags", "förenings", "frivillig", "kyrko", "val",
    "sjuk", "akut", "hem", "tjänste", "besöks", "mottagnings", "kvalitets", "kompetens", "rekryterings",
    "upphandlings", "inköps", "leverantörs", "kund", "medborgar", "invånar", "demokrati", "jämställdhets",
    "tillgänglighets", "hållbarhets", "klimat", "avlopps", "el", "värme", "belysnings", "snöröjnings",
    "städ", "mat", "kost", "måltids", "förskole", "gymnasie", "vuxen", "sommar", "vinter", "höst", "vår",
)
SV_COMPOUND_TAILS = (
    ("nämnd", "nämnden"), ("förvaltning", "förvaltningen"), ("plan", "planen"), ("fråga", "frågan"),
    ("avgift", "avgiften"), ("ansökan", "ansökningen"), ("beslut", "beslutet"), ("budget", "budgeten"),
    ("rapport", "rapporten"), ("enhet", "enheten"), ("chef", "chefen"), ("strategi", "strategin"),
    ("program", "programmet"), ("policy", "policyn"), ("råd", "rådet"), ("kontor", "kontoret"),
    ("område", "området"), ("ärende", "ärendet"), ("tillstånd", "tillståndet"), ("tillsyn", "tillsynen"),
    ("samordnare", "samordnaren"), ("handläggare", "handläggaren"), ("utredning", "utredningen"),
    ("statistik", "statistiken"), ("register", "registret"), ("avtal", "avtalet"), ("kostnad", "kostnaden"),
    ("insats", "insatsen"), ("verksamhet", "verksamheten"), ("lokal", "lokalen"), ("resa", "resan"),
    ("kurs", "kursen"), ("dag", "dagen"), ("vecka", "veckan"), ("grupp", "gruppen"), ("möte", "mötet"),
    ("projekt", "projektet"), ("bidrag", "bidraget"), ("stöd", "stödet"), ("system", "systemet"),
    ("tjänst", "tjänsten"), ("uppdrag", "uppdraget"), ("karta", "kartan"), ("taxa", "taxan"),
    ("regel", "regeln"), ("lag", "lagen"), ("kö", "kön"), ("blankett", "blanketten"),
    ("avdelning", "avdelningen"), ("ledare", "ledaren"), ("personal", "personalen"), ("rutin", "rutinen"),
    ("bok", "boken"), ("ort", "orten"), ("hus", "huset"), ("skylt", "skylten"), ("väg", "vägen"),
    ("samtal", "samtalet"), ("termin", "terminen"), ("säsong", "säsongen"), ("förening", "föreningen"),
    ("nätverk", "nätverket"), ("mål", "målet"), ("underlag", "underlaget"), ("avdrag", "avdraget"),
    ("faktura", "fakturan"), ("kontroll", "kontrollen"), ("översyn", "översynen"), ("enkät", "enkäten"),
)

EN_NAMES = (
    "Alice", "Ben", "Clara", "David", "Emma", "Frank", "Grace", "Henry", "Isla", "Jack", "Lucy", "Oliver",
)
EN_SURNAMES = ("Smith", "Brown", "Taylor", "Wilson", "Evans", "Walker", "Wright", "Hughes", "Green")
EN_SUBJECTS = (
    "the board", "the department", "the case officer", "the council", "the school", "the team",
    "the manager", "the committee", "the project group", "the applicant", "the secretary", "the agency",
)
EN_VERBS = (
    "decides on", "reviews", "approves", "sends", "summarises", "proposes", "discusses", "rejects",
    "prepares", "follows up on", "plans", "reports on", "appeals against", "confirms", "completes",
)
EN_OBJECTS = (
    "the application", "the budget", "the case", "the decision", "the report", "the minutes",
    "the statement", "the invoice", "the agreement", "the plan", "the consultation", "the schedule",
    "the proposal", "the documents", "the building permit", "the timetable",
)
EN_TIMES = (
    "today", "tomorrow", "on Monday", "on Tuesday", "on Wednesday", "on Thursday", "on Friday",
    "next week", "before the summer", "in the autumn", "at the end of the month", "after lunch",
    "before the new year", "at the next meeting", "as soon as possible", "by April at the latest",
)
EN_REASONS = (
    "because the material is incomplete", "because costs have risen", "due to illness",
    "because more responses are needed", "to keep to the timetable", "because the law has changed",
    "so that residents get better service", "because the staff are on holiday",
)
EN_OPENERS = ("Hi", "Hello", "Good morning", "Dear colleagues", "Hi all")
EN_CLOSERS = ("Kind regards", "Best regards", "Many thanks", "Thanks in advance", "Have a nice day")


def _sv_sentence(rng: random.Random) -> str:
    subject = rng.choice(SV_SUBJECTS).capitalize()
    sentence = f"{subject} {rng.choice(SV_VERBS)} {rng.choice(SV_OBJECTS)} {rng.choice(SV_TIMES)}"
    if rng.random() < 0.4:
        sentence += f" {rng.choice(SV_REASONS)}"
    return sentence + rng.choice((".", ".", ".", "!", "?"))


def _en_sentence(rng: random.Random) -> str:
    subject = rng.choice(EN_SUBJECTS).capitalize()
    sentence = f"{subject} {rng.choice(EN_VERBS)} {rng.choice(EN_OBJECTS)} {rng.choice(EN_TIMES)}"
    if rng.random() < 0.4:
        sentence += f" {rng.choice(EN_REASONS)}"
    return sentence + rng.choice((".", ".", ".", "!", "?"))


def _sv_compound_line(rng: random.Random) -> str:
    """A short Swedish sentence naming three compound nouns, in forms that need no article."""

    def compound(definite: bool) -> str:
        return rng.choice(SV_COMPOUND_HEADS) + rng.choice(SV_COMPOUND_TAILS)[1 if definite else 0]

    if rng.random() < 0.5:
        first, second, third = (compound(True) for _ in range(3))
        return f"Vi ser över {first}, {second} och {third} {rng.choice(SV_TIMES)}."
    first, second, third = (compound(False) for _ in range(3))
    return f"Frågor om {first}, {second} eller {third} besvaras {rng.choice(SV_TIMES)}."


def _details(rng: random.Random, swedish: bool) -> str:
    """A line with numbers, dates, addresses and contact details, so digits and punctuation are seen."""
    first = rng.choice(SV_NAMES if swedish else EN_NAMES)
    last = rng.choice(SV_SURNAMES if swedish else EN_SURNAMES)
    day, month, year = rng.randint(1, 28), rng.randint(1, 12), rng.randint(2019, 2027)
    phone = f"07{rng.randint(0, 9)}-{rng.randint(100, 999)} {rng.randint(10, 99)} {rng.randint(10, 99)}"
    email = f"{first.lower()}.{last.lower()}@kommun.example".translate(str.maketrans("åäöé", "aaoe"))
    amount = f"{rng.randint(1, 999)} {rng.randint(0, 999):03d}"
    street = f"{rng.choice(('Storgatan', 'Kyrkvägen', 'Skolgatan', 'Ringvägen', 'Parkvägen'))} "
    street += str(rng.randint(1, 80))
    if swedish:
        return (f"Kontakt: {first} {last}, telefon {phone}, e-post {email}. "
                f"Datum: {year}-{month:02d}-{day:02d}. "
                f"Belopp: {amount} kronor. Adress: {street}, {rng.randint(100, 989)} {rng.randint(10, 99)} "
                f"{rng.choice(SV_PLACES)}. Diarienummer {rng.randint(1, 9999)}/{year}.")
    return (f"Contact: {first} {last}, phone {phone}, email {email}. Date: {day} "
            f"{('January', 'March', 'May', 'July', 'September', 'November')[month % 6]} {year}. "
            f"Amount: SEK {amount}. Reference {rng.randint(1, 9999)}/{year}.")


def _email(rng: random.Random, swedish: bool) -> str:
    names = SV_NAMES if swedish else EN_NAMES
    opener = rng.choice(SV_OPENERS if swedish else EN_OPENERS)
    closer = rng.choice(SV_CLOSERS if swedish else EN_CLOSERS)
    paragraphs = SWEDISH_PARAGRAPHS if swedish else ENGLISH_PARAGRAPHS
    sentence = _sv_sentence if swedish else _en_sentence
    body = [rng.choice(paragraphs)] + [sentence(rng) for _ in range(rng.randint(2, 6))]
    if rng.random() < 0.5:
        body.append(_details(rng, swedish))
    return f"{opener} {rng.choice(names)}!\n\n" + " ".join(body) + f"\n\n{closer},\n{rng.choice(names)}\n"


def corpus_text(seed: int = 2024, emails: int = 400, compounds: int = 3000) -> str:
    """The whole corpus: hand-written paragraphs, composed e-mails in both languages, compound words."""
    rng = random.Random(seed)
    parts = ["\n".join(SWEDISH_PARAGRAPHS), "\n".join(ENGLISH_PARAGRAPHS)]
    for i in range(emails):
        # Two Swedish e-mails for each English one: Swedish is what the product is for.
        parts.append(_email(rng, swedish=i % 3 != 2))
    parts.append("\n".join(_sv_compound_line(rng) for _ in range(compounds)))
    return "\n\n".join(parts) + "\n"


def write_corpus(path: Path = CORPUS_FILE) -> Path:
    """Regenerate the shipped corpus file (changing it changes the test models' tokenizers)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(corpus_text(), encoding="utf-8")
    return path
