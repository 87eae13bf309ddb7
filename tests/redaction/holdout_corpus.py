"""The held-out corpus: 1,200 generated documents the name model never trained on, in dev.txt's markup.

    .venv/bin/python tests/redaction/holdout_corpus.py   # rewrites holdout_corpus.txt (seeded)

Names come from holdout_names.txt and from the fifth of Faker's names that training leaves out
(backend/redaction/names/train.py `held_out_by_hash`); the templates below share no sentence with the
training templates (backend/redaction/names/templates.py); organisations, products, rooms and
conditions are other ones than training uses. Identifiers come from redaction_corpus.Values (Faker)
and from forms that are easy to miss (rural and foreign addresses, plusgiro with spaces, two-field
clearing and account numbers, lower-case plates).
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
sys.path[:0] = [str(ROOT), str(HERE)]

from redaction_corpus import Values as FakerValues  # noqa: E402
from redaction_corpus import _luhn_digit  # noqa: E402

from backend.redaction.names.corpus import Filler, Pools, ascii_fold, lines  # noqa: E402
from backend.redaction.names.train import FAKER_LOCALES, _faker_names, held_out_by_hash  # noqa: E402

CORPUS = HERE / "holdout_corpus.txt"
SEED = 20261203
DOCS = 1200

TEMPLATES: tuple[str, ...] = (
    # e-mail and Outlook threads
    "Hejsan {P1.f},\nkan vi flytta vår avstämning till {DAY} eftermiddag? Jag sitter fast i ett ärende med "
    "{P2.f} hela förmiddagen.\nHälsningar\n{P3.f}",
    "Från: {P1.revc} <{EM1}>\nTill: {P2.revc}\nKopia: {P3.rev}\nÄmne: VB: Ledighetsansökan\n\n"
    "Godkänt från min sida. {P4.f} får lägga in det i systemet.\n\n{P1.f}",
    "Skickat från min iPhone\n\n> {P1.rev} skrev:\n> Har du hunnit titta på underlaget till nämnden?\n\n"
    "Ja, ser bra ut. /{P2.init}",
    "Hej {P1.f}!\nStort tack för hjälpen i går. {P2} på ekonomi bad mig hälsa att fakturan ({AMT}) nu är betald.\n"
    "Ha en fin helg!\n{P3.f} {P3.l}\nAdministratör\n{PH}",
    "Till: {P1.rev}\nÄmne: Frånvaro vecka 14\n\nHej! Jag är tjänstledig {DAY} och {DAY}. Brådskande frågor kan "
    "ställas till {P2.f} ({EM2}).\nMvh {P3.fl}",
    "Hej!\nMitt namn är {P1} och jag skriver å min pappas vägnar, {P2}, {PN}. Han bor på {AD} och har fått ett "
    "brev som han inte förstår. Kan någon ringa mig på {PH}?\nTack på förhand\n{P1.f}",
    "Good afternoon {P1.f},\nI am writing on behalf of {P2}, who has asked me to request a copy of the decision. "
    "Please send it to {EM}.\nKind regards,\n{P3}",
    "Hej igen!\nJag glömde nämna att {P1.f} slutar hos oss i {MONTH}. Avtackning i {ROOM} fredag kl {TIME}. "
    "{P2.f} samlar in till present, swisha {PH}.\n//{P3.f}",
    # case notes: socialtjänst, LSS, hemtjänst
    "Anteckning {DATE}. Telefonkontakt med {P1.gen} mamma {P2}. Hon berättar att {P1.f} sover dåligt och inte "
    "vill gå till daglig verksamhet. Överenskommet att {P3.f} från boendet ringer henne på {DAY}.\n/{P4.init}",
    "Utredning enligt {LAW}\nBarnets namn: {P1}\nPersonnummer: {PN}\nVårdnadshavare: {P2.revc} och {P3.revc}\n"
    "Utredare: {P4}",
    "Besök på {AD}. {P1.f} {P1.l}, född {P1.l2}, tog emot. Hon visade köket där spisen inte fungerar. "
    "Grannen {P2.f} hjälper till med handling. Bedömning: behov av matdistribution.\nAntecknat av: {P3.init}",
    "Hemtjänstgruppen Norr, överrapport kväll:\n- {P1.f} ({P1.l}) hade feber, ring sköterskan vid behov\n"
    "- {W1.f} {W1.l} vill ha dusch i morgon\n- nyckeln till {P2.gen} lägenhet hänger i skåpet\n/{N1.f}",
    "LSS-handläggare {P1} har {DATE} fattat beslut om korttidsvistelse för {P2} enligt {LAW}. Beslutet "
    "skickas till {AD}.",
    "Samtal med {P1} om skuldsanering. Skulder på {AMT}. Lön utbetalas till {BK}. {P1.f} har kontakt med "
    "budget- och skuldrådgivare {P2}.",
    "Orosanmälan mottagen {DATE} från skolkurator {P1}. Gäller {P2}, {PN}. Syskon: {P3.f} och {P4.f}. "
    "Pappan {P5} nås på {PH}. Skyddsbedömning görs samma dag.",
    "Kontaktpersonen {P1.f} rapporterar: vi var på bio och åt sedan pizza. {P2.f} pratade mycket om sin "
    "kompis {N1.f}. Nästa träff {DAY}.",
    "{W1} ({PN}) har ansökt om ledsagarservice. {W1.f} har en stark {W1.word} att klara sig själv men behöver "
    "stöd vid läkarbesök. Handläggare {P2.fl}.",
    "Vid hembesöket deltog {W1.f} {W1.l} och hennes dotter {P2.f}. Vi pratade om {W1.word} och framtiden. "
    "Sign. {P3.init}",
    # school
    "Hej vårdnadshavare!\nPå {DAY} har klass 3A friluftsdag. {P1.f} och {P2.f} behöver ha med matsäck. "
    "Frågor till mentor {P3} på {EM3}.",
    "Incidentrapport: {P1} (7B) och {P2} (7C) bråkade på rasten. Rektor {P3.l} har pratat med båda. "
    "Föräldrarna kontaktas av {P4.f}.",
    "Närvaro {DATE}: frånvarande {P1.rev}, {P2.rev}, {P3.rev}. Sen ankomst {P4.f}.",
    "Hej! {P1.f} har fått låna en {PROD} från skolan. Den ska lämnas tillbaka till {P2.f} i biblioteket "
    "senast {DATE}.",
    # healthcare
    "Inskrivningsanteckning. {P1}, {PN}, inkommer med ambulans. Anhörig: maken {P2.f}, tel {PH}. Känd "
    "{COND}. Tidigare behandlad på {ORG}.",
    "Läkarintyg. Undertecknad, leg. läkare {P1}, har {DATE} undersökt {P2} ({PN}).",
    "Telefonrådgivning: {P1.f} ringer om sin son {P2.f}, 4 år, som har feber. Råd givna. /ssk {P3.l}",
    "Fysioterapeut {P1} bokade {P2} till {DAY} kl {TIME} i {ROOM}.",
    # HR
    "Lönerevision: {P1.rev} höjs med {AMT} från 1 {MONTH}. Chef {P2.fl} har godkänt.",
    "Utvecklingssamtal med {P1.f}. Hon vill gå en kurs i {PROD}. {P2} återkommer med besked.",
    "Introduktionsschema för {P1}: {DAY} träffar hen {P2.f} och {P3.f} på {ORG}. Passerkort hämtas hos "
    "{N1.f}.",
    "Tjänsteresa: {P1.f} kör egen bil {PL} till {ORG}. Milersättning betalas till {BK}.",
    # chat, lower case, mentions
    "{P1.lf} har du nyckeln till förrådet? {P2.lf} letar",
    "kan nån ta {P1.lf}s tid kl {TIME}? jag blev sjuk /{P2.lf}",
    "{P1.at} tack för igår!! {P2.at} kommer du på fikat?",
    "vi ses i {ROOM} sen, {P1.lf} tar med kaka",
    "{N1.f} ringde, han är försenad. {P1.lf} vet mer",
    "skickade precis till {P1.lower}, hoppas det går bra",
    "{P1.at} kolla {EM1} i kväll",
    "har någon pratat med {P1.lf} om schemat? {N1.f} undrar",
    # protocols and negatives around names
    "Protokoll {DATE}\nNärvarande: {P1}, {P2}, {P3}\nFrånvarande: {P4}\n§ 5 {CASE}: beslut enligt {LAW}. "
    "Kostnad {AMT}.\nVid protokollet: {P5.init}",
    "Studiebesök på {ORG} på {DAY}. {P1.f} samordnar, {P2.f} bokar bussen. Samling i {ROOM}.",
    "Pappan har {COND}. {P1.f} tar hand om honom på kvällarna och {P2.f} på helgerna.",
    "Vi har köpt in en {PROD} till gruppen. {P1.f} har fått kvittot ({AMT}).",
    "Frågade {PROD2} om tiden, skrattade {P1.f}. {W1.f} tyckte inte det var roligt.",
    "Mötet hölls i {ROOM}. {P1} redovisade {CASE}. {ORG} deltog inte.",
    "{W1.f} har bott i Sverige sedan 2015. {W1.word} är ett ord hon ofta använder.",
)

NEGATIVES: tuple[str, ...] = (
    "Dag efter dag samma sak.", "Storm och regn väntas på {DAY}.", "Sommar på landet var hennes önskan.",
    "Vinter betyder ofta isolering för de äldre.", "Ros och ris till verksamheten i enkäten.",
    "Sol i sinne trots allt.", "Maj är månaden då planeringen görs.", "Vilja saknas inte.",
    "Stig in, sa hon.", "Hjort på vägen vid infarten.", "Bo kvar är målet.", "Rut-tjänster ingår inte.",
    "Frost i marken försenar bygget.", "Ek och bok står i parken.", "Höst innebär nya scheman.",
    "Möte {DAY} i {ROOM}.", "Enligt {LAW} ska beslutet motiveras.", "Kostnad {AMT} enligt {CASE}.",
    "{ORG} hör av sig.", "Hon fick diagnosen {COND} i {MONTH}.", "Bilen, en {PROD}, står på gården.",
    "Remiss till {ORG}.", "Lex Maria-anmälan har gjorts.", "Utbetalning sker den 25 {MONTH}.",
)

ORGS = ("Karolinska Universitetssjukhuset", "Sankt Görans gymnasium", "Anna Lindhs plats",
        "Dag Hammarskjölds bibliotek", "Stig Dagermans park", "Selma Lagerlöfs torg",
        "Ester Blenda Nordströms skola", "Jenny Nyströms förskola", "Ingrid Marie-gården", "Carl Larsson-gården",
        "Ulla Billquist-salen", "Rudbecksskolan", "Pripps bryggeri",
        "Lindex", "Ellos", "Coop", "Hemköp", "Biltema", "Jula", "Astrid Lindgrens barnsjukhus",
        "Raoul Wallenbergskolan", "Sophiahemmet", "Clas Ohlson", "Kjell & Company")
PRODUCTS = ("Toyota Corolla", "Peugeot Partner", "Hyundai Kona", "VW Passat", "Opel Astra", "Ford Mondeo",
            "Skoda Octavia", "Renault Zoe", "Chromebook", "Word", "Excel", "Outlook")
ASSISTANTS = ("Siri", "Alexa", "Google", "Bixby", "Copilot")
ROOMS = ("Lönnen", "Almen", "Boken", "Rönnen", "Hasseln", "Eken", "Linden", "rum Orion", "sal Nova")
CONDITIONS = ("Crohns sjukdom", "Parkinsons", "Parkinsons sjukdom", "Alzheimers sjukdom", "Downs syndrom",
              "Aspergers syndrom", "Tourettes syndrom")
WORD_NAMES = (("Vilja", "vilja", "f"), ("Dag", "dag", "f"), ("Bo", "bo", "f"), ("Sol", "sol", "f"),
              ("Maj", "maj", "f"), ("Stig", "stig", "f"), ("Rut", "rut", "f"), ("Vinter", "vinter", "l"),
              ("Sommar", "sommar", "l"), ("Storm", "storm", "l"), ("Hjort", "hjort", "l"), ("Ros", "ros", "l"),
              ("Frost", "frost", "l"), ("Flod", "flod", "l"), ("Vind", "vind", "l"), ("Höst", "höst", "l"),
              ("Lärka", "lärka", "f"), ("Svala", "svala", "f"), ("Sten", "sten", "f"), ("Ek", "ek", "l"))
WEIGHTS = {"swedish": 0.35, "arabic": 0.07, "somali": 0.06, "persian": 0.06, "kurdish": 0.05, "turkish": 0.05,
           "bosnian": 0.05, "polish": 0.05, "finnish": 0.05, "tigrinya": 0.05, "thai": 0.04, "vietnamese": 0.04,
           "chilean": 0.04}


def holdout_pools() -> Pools:
    first: dict[str, list[str]] = {}
    last: dict[str, list[str]] = {}
    group = ""
    for line in lines((HERE / "holdout_names.txt").read_text(encoding="utf-8")):
        if ":" in line:
            group = line
            continue
        kind, origin = (p.strip() for p in group.split(":"))
        if kind in ("first", "last"):
            (first if kind == "first" else last).setdefault(origin, []).extend(line.split())
    # The fifth of Faker's names that training never sees.
    for origin in ("swedish", "finnish", "polish", "turkish", "chilean", "vietnamese"):
        for table, attrs in ((first, ("first_names", "first_names_female", "first_names_male")),
                             (last, ("last_names", "last_names_female", "last_names_male"))):
            table.setdefault(origin, []).extend(n for n in _faker_names(FAKER_LOCALES[origin], attrs)
                                                if held_out_by_hash(n))
    nicknames = first.pop("nicknames")
    return Pools(first=first, last=last, origin_weights=WEIGHTS, nicknames=nicknames,
                 word_names=list(WORD_NAMES), orgs=list(ORGS), products=list(PRODUCTS) + list(ASSISTANTS),
                 rooms=list(ROOMS), conditions=list(CONDITIONS))


class HoldoutValues:
    """Faker-based identifiers (redaction_corpus.Values), plus the harder forms listed in the module docstring."""

    def __init__(self, seed: int) -> None:
        self.v = FakerValues.make(seed)
        self.rng = self.v.rng

    def personnummer(self) -> str:
        return self.v.personnummer()

    def phone(self) -> str:
        return self.v.phone()

    def email(self, name: str | None = None) -> str:
        rng = self.rng
        if name is None or rng.random() < 0.5:
            return self.v.email(ascii_fold(name) if name else None)
        parts = ascii_fold(name).lower().replace("-", " ").split()
        local = rng.choice((f"{parts[0]}.{parts[-1]}", f"{parts[0][0]}{parts[-1]}", f"{parts[-1]}.{parts[0]}"))
        return f"{local}@{rng.choice(('kommun.se', 'skola.se', 'regionhalland.se', 'gmail.com'))}"

    def address(self) -> str:
        rng = self.rng
        r = rng.random()
        if r < 0.08:  # a farm address without a street ending
            return f"{rng.choice(('Lövhult', 'Stora Hult', 'Björnstorp', 'Ekered', 'Västergård'))} " \
                   f"{rng.randint(1, 30)}, {rng.randint(300, 380)} {rng.randint(10, 99)}"
        if r < 0.11:  # a Finnish address
            return f"{rng.choice(('Hämeenkatu', 'Aleksanterinkatu', 'Mannerheimintie'))} {rng.randint(1, 40)} A " \
                   f"{rng.randint(1, 20)}, {rng.randint(10, 99)}100"
        return self.v.address()

    def bank(self) -> tuple[str, str]:
        rng = self.rng
        if rng.random() < 0.1:
            body = f"{rng.randint(10000, 999999)}"
            num = body + str(_luhn_digit(body))
            spaced = " ".join(num[i:i + 2] for i in range(0, len(num) - 1, 2)) + f"-{num[-1]}"
            return "plusgiro", spaced
        return self.v.bank()

    def plate(self) -> str:
        plate = self.v.plate()
        return plate.lower().replace(" ", "") if self.rng.random() < 0.1 else plate


def unmarked(marked: str) -> str:
    """A generated document's text without its [[TYPE:value]] markup: the values as written."""
    out, pos = [], 0
    while (i := marked.find("[[", pos)) >= 0:
        j = marked.find("]]", i)
        out.append(marked[pos:i])
        out.append(marked[marked.index(":", i) + 1:j])
        pos = j + 2
    out.append(marked[pos:])
    return "".join(out)


def generate(n: int = DOCS, seed: int = SEED) -> list[tuple[str, str]]:
    """(id, marked text) for n documents."""
    rng = random.Random(seed)
    filler = Filler(rng, holdout_pools(), HoldoutValues(seed))
    out: list[tuple[str, str]] = []
    for i in range(n):
        parts = [filler.fill(rng.choice(TEMPLATES)) for _ in range(rng.randint(1, 2))]
        if rng.random() < 0.6:
            parts.insert(rng.randint(0, len(parts)), filler.fill(rng.choice(NEGATIVES)))
        out.append((f"h{i + 1:04d}", "\n".join(parts)))
    return out


def write(path: Path = CORPUS) -> None:
    header = (
        "# Held-out corpus for Kollega's redaction (generated by holdout_corpus.py, seed "
        f"{SEED}; do not edit).\n"
        "# Markup as ../shared/pii/dev.txt: [[TYPE:text]]; everything unmarked is not personal data.\n"
    )
    body = "".join(f"=== {doc_id} generated\n{text}\n" for doc_id, text in generate())
    path.write_text(header + body, encoding="utf-8")


if __name__ == "__main__":
    write()
    print(CORPUS)
