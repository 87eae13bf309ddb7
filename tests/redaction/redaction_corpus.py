"""A seeded, generated Swedish personal-data corpus in the markup of ../shared/pii/dev.txt, and its scorer.

Values come from Faker (sv_SE and other locales) and from generators here; a share of the names is
built so that no list in backend/redaction/data has it, which is what a held-out corpus brings.
The scorer follows ../shared/tools/pii_eval.py: every letter and digit of a marked value must be
inside a predicted span, and a predicted span that touches nothing marked is a false positive.
"""

from __future__ import annotations

import random
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from faker import Faker

MARK = re.compile(r"\[\[([A-Z]+):(.+?)\]\]", re.S)
HERE = Path(__file__).resolve().parent


@dataclass
class Doc:
    id: str
    text: str
    gold: list[tuple[int, int, str, str]]


def build(doc_id: str, marked: str) -> Doc:
    """Strip the [[TYPE:value]] markup, keeping where each value was."""
    text: list[str] = []
    gold: list[tuple[int, int, str, str]] = []
    pos = 0
    length = 0
    for m in MARK.finditer(marked):
        piece = marked[pos:m.start()]
        text.append(piece)
        length += len(piece)
        gold.append((length, length + len(m.group(2)), m.group(1), m.group(2)))
        text.append(m.group(2))
        length += len(m.group(2))
        pos = m.end()
    text.append(marked[pos:])
    return Doc(doc_id, "".join(text), gold)


def parse_marked_file(path: Path) -> list[Doc]:
    """Documents of a file in dev.txt's format ('=== id title' lines, '#' header)."""
    docs: list[Doc] = []
    cur: str | None = None
    lines: list[str] = []
    for line in path.read_text(encoding="utf-8").splitlines(keepends=True):
        if line.startswith("#") and cur is None:
            continue
        if line.startswith("=== "):
            if cur:
                docs.append(build(cur, "".join(lines).strip("\n") + "\n"))
            cur, lines = line[4:].split()[0], []
        else:
            lines.append(line)
    if cur:
        docs.append(build(cur, "".join(lines).strip("\n") + "\n"))
    return docs


# -- values ---------------------------------------------------------------------------------

# Pieces of Swedish surnames: their products are mostly in no name list (Hällqvist, Asplöf).
_SUR_HEADS = ("Häll", "Lönn", "Asp", "Sälg", "Tall", "Hassel", "Ljung", "Vass", "Fjäll", "Mal", "Ros", "Sand",
              "Ny", "Kvarn", "Ekh", "Strand", "Åker", "Gran", "Sjö", "Björk", "Lind", "Ask", "Ber", "Holm")
_SUR_TAILS = ("qvist", "löf", "mark", "by", "stedt", "fors", "näs", "hed", "ström", "berg", "gren", "lund",
              "dahl", "blad", "man", "ell", "in", "ius", "ander", "borg", "vall", "hammar", "kvist", "sten")
# Given names from Faker locales that backend/redaction/data does not read.
_UNSEEN_LOCALES = ("sw", "zu_ZA", "yo_NG", "ig_NG", "tw_GH", "vi_VN", "ha_NG", "fr_CA", "es_MX", "es_CO")


@dataclass
class Values:
    """Random personal data, seeded."""

    rng: random.Random
    fake: Faker
    other: list[Faker]
    unseen: list[Faker]
    used: Counter[str] = field(default_factory=Counter)

    @classmethod
    def make(cls, seed: int) -> Values:
        rng = random.Random(seed)
        fake = Faker("sv_SE")
        fake.seed_instance(seed)
        other = [Faker(loc) for loc in ("fi_FI", "pl_PL", "de_DE", "en_GB", "tr_TR", "hr_HR", "es_ES")]
        unseen = [Faker(loc) for loc in _UNSEEN_LOCALES]
        for i, f in enumerate(other + unseen):
            f.seed_instance(seed + i + 1)
        return cls(rng, fake, other, unseen)

    def first(self) -> str:
        r = self.rng.random()
        if r < 0.7:
            return str(self.fake.first_name())
        if r < 0.85:
            return str(self.rng.choice(self.other).first_name())
        name = str(self.rng.choice(self.unseen).first_name())
        return name.split()[0]

    def last(self) -> str:
        r = self.rng.random()
        if r < 0.6:
            return str(self.fake.last_name())
        if r < 0.75:
            return str(self.rng.choice(self.other).last_name())
        if r < 0.9:
            return self.rng.choice(_SUR_HEADS) + self.rng.choice(_SUR_TAILS)
        return str(self.rng.choice(self.unseen).last_name()).split()[0]

    def full(self) -> str:
        r = self.rng.random()
        if r < 0.08:
            return f"{self.first()}-{self.first()} {self.last()}"
        if r < 0.14:
            return f"{self.first()} {self.last()}-{self.last()}"
        if r < 0.18:
            return f"{self.first()} {self.rng.choice(('von', 'af', 'de'))} {self.last()}"
        if r < 0.24:
            return f"{self.first()} {self.first()} {self.last()}"
        return f"{self.first()} {self.last()}"

    def personnummer(self) -> str:
        rng = self.rng
        year = rng.randint(1925, 2022)
        month, day = rng.randint(1, 12), rng.randint(1, 28)
        if rng.random() < 0.12:
            day += 60  # samordningsnummer
        yy, rest = f"{year % 100:02d}", f"{month:02d}{day:02d}"
        serial = f"{rng.randint(0, 999):03d}"
        body = yy + rest + serial
        check = _luhn_digit(body)
        if rng.random() < 0.06:
            check = (check + rng.randint(1, 9)) % 10  # a typo: still to be masked
        serial4 = serial + str(check)
        if rng.random() < 0.05:
            serial4 = rng.choice("TRSUWXJKLMN") + f"{rng.randint(0, 999):03d}"
        century = str(year // 100)
        sep = "+" if year < 1925 else "-"
        form = rng.random()
        if form < 0.45:
            return f"{yy}{rest}{sep}{serial4}"
        if form < 0.75:
            return f"{century}{yy}{rest}-{serial4}"
        if form < 0.9:
            return f"{century}{yy}{rest}{serial4}"
        return f"{yy}{rest}{serial4}"

    def phone(self) -> str:
        rng = self.rng
        form = rng.random()
        mobile = f"07{rng.choice('02369')}"
        a, b, c = rng.randint(100, 999), rng.randint(10, 99), rng.randint(10, 99)
        if form < 0.3:
            return f"{mobile}-{a} {b} {c}"
        if form < 0.4:
            return f"{mobile} {a} {b} {c}"
        if form < 0.47:
            return f"{mobile}{a}{b}{c}"
        if form < 0.57:
            return f"+46 {mobile[1:]} {a} {b} {c}"
        if form < 0.62:
            return f"0046 {mobile[1:]}-{a} {b} {c}"
        if form < 0.82:
            area = rng.choice(("08", "031", "040", "035", "0346", "0340", "0300", "0430", "018", "013", "090"))
            digits = 8 - len(area) + 2 if len(area) <= 3 else 6
            num = "".join(str(rng.randint(0, 9)) for _ in range(digits))
            num = str(rng.randint(1, 9)) + num[1:]
            groups = " ".join(num[i:i + 2] for i in range(0, len(num), 2))
            return f"{area}-{groups}" if rng.random() < 0.7 else f"{area} {groups}"
        if form < 0.9:
            return str(self.fake.phone_number())
        return rng.choice((
            f"+47 {rng.randint(400, 999)} {rng.randint(10, 99)} {rng.randint(100, 999)}",
            f"+49 30 {rng.randint(1000000, 9999999)}",
            f"+358 40 {rng.randint(100, 999)} {rng.randint(1000, 9999)}",
            f"+44 20 {rng.randint(1000, 9999)} {rng.randint(1000, 9999)}",
            f"+45 {rng.randint(20, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)} {rng.randint(10, 99)}",
        ))

    def email(self, name: str | None = None) -> str:
        rng = self.rng
        name = name or self.full()
        parts = [_ascii(p).lower() for p in re.split(r"[ \-]", name) if p and p[0].isupper()]
        local = rng.choice((".".join(parts[:2]), parts[0] + str(rng.randint(1, 99)),
                            parts[0][0] + parts[-1], "_".join(parts[-2:])))
        domain = rng.choice(("gmail.com", "hotmail.com", "outlook.com", "telia.com", "bredband.net",
                             "yahoo.se", "icloud.com", "live.se", "halmstad.se", "regionhalland.se"))
        return f"{local}@{domain}"

    def address(self, postcode: bool = True) -> str:
        rng = self.rng
        street = str(self.fake.street_name())
        if rng.random() < 0.1:
            street = rng.choice(("Stora ", "Lilla ", "Norra ", "Södra ")) + street
        if rng.random() < 0.08:
            street = f"{self.fake.first_name()} {self.fake.last_name()}s väg"
        out = f"{street} {rng.randint(1, 120)}"
        if rng.random() < 0.2:
            out += rng.choice("ABCD")
        r = rng.random()
        if r < 0.2:
            out += f", lgh {rng.randint(1001, 1604)}"
        elif r < 0.3:
            out += f", {rng.randint(1, 6)} tr"
        if postcode:
            out += f", {rng.randint(100, 984)} {rng.randint(10, 99)}"
        return out

    def bank(self) -> tuple[str, str]:
        """(lead-in words, number): the words that say what the number is stay unmasked."""
        rng = self.rng
        r = rng.random()
        if r < 0.3:
            bban = f"{rng.randint(100, 999)}" + "".join(str(rng.randint(0, 9)) for _ in range(17))
            iban = _iban("SE", bban)
            return "IBAN", " ".join(iban[i:i + 4] for i in range(0, len(iban), 4))
        if r < 0.5:
            body = f"{rng.randint(100, 9999)}{rng.randint(100, 999)}"
            num = body + str(_luhn_digit(body))
            return rng.choice(("bankgiro", "BG", "bankgironummer")), f"{num[:-4]}-{num[-4:]}"
        if r < 0.6:
            body = f"{rng.randint(10000, 999999)}"
            num = body + str(_luhn_digit(body))
            return rng.choice(("plusgiro", "PG")), f"{num[:-1]}-{num[-1]}"
        clearing = rng.choice(("6112", "8327-9", "3300", "5000", "1234", "9960", "8105-9"))
        account = "".join(str(rng.randint(0, 9)) for _ in range(rng.choice((7, 9, 10))))
        spaced = " ".join(account[i:i + 3] for i in range(0, len(account), 3))
        return rng.choice(("konto", "kontonummer", "bankkonto", "clearing- och kontonummer")), \
            f"{clearing}-{spaced if rng.random() < 0.5 else account}"

    def plate(self) -> str:
        rng = self.rng
        letters = "".join(rng.choice("ABCDEFGHJKLMNOPRSTUWXYZ") for _ in range(3))
        last = rng.choice("0123456789ABCDEFGHJKLMNPRSTUWXYZ") if rng.random() < 0.4 else str(rng.randint(0, 9))
        return f"{letters} {rng.randint(0, 9)}{rng.randint(0, 9)}{last}"


def _ascii(s: str) -> str:
    table = str.maketrans("åäöéüÅÄÖÉÜ", "aaoeuAAOEU")
    return re.sub(r"[^A-Za-z]", "", s.translate(table)) or "x"


def _luhn_digit(body: str) -> int:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch) * (2 if i % 2 == 0 else 1)
        total += d - 9 if d > 9 else d
    return (10 - total % 10) % 10


def _iban(country: str, bban: str) -> str:
    rearranged = bban + country + "00"
    num = int("".join(str(int(ch, 36)) for ch in rearranged))
    return f"{country}{98 - num % 97:02d}{bban}"


# -- templates ------------------------------------------------------------------------------

# Slots: {P} full name, {F} a given name alone, {L} a family name alone, {N} personnummer, {T} phone,
# {E} e-mail, {A} address with postcode, {S} street address without, {B} bank, {R} plate.
# Everything else is not personal data: dates, times, case and organisation numbers, places,
# authorities, medicines, amounts. Every template was written for this corpus.
TEMPLATES = (
    "Hej!\nJag heter {P} och undrar om min ansökan om bostadsanpassning, dnr SBN 2023/1187, är klar. "
    "Jag bor på {A} i Varberg.\nMed vänlig hälsning\n{P1}\n{T}",
    "Anteckning 2024-02-14 kl. 09.30\nHembesök hos {P} ({N}). Brukaren bor ensam i lägenhet och har "
    "hemtjänst två gånger per dag. Dottern {P2} närvarade och kan nås på {T}.\nSign. handläggare {P3}",
    "Från: {P}\nSkickat: den 3 maj 2024 14:12\nTill: Socialtjänsten\nÄmne: Angående min son\n\n"
    "Hej, min son {F2} har inte fått något besked om sin plats på gruppbostaden. Ring mig på {T}.\n/{F}",
    "Remiss till Akutmottagningen, Hallands sjukhus Varberg.\nPatient: {P}, {N}.\nAnamnes: 78-årig kvinna "
    "med hjärtsvikt, behandlas med Furosemid 40 mg x 1 och Eliquis 5 mg x 2. Blodtryck 145/90.\n"
    "Remitterande läkare: Dr {P2}, Vårdcentralen Falkenberg.",
    "Beslut om försörjningsstöd\nSökande: {P}\nPersonnummer: {N}\nAdress: {A}\nUtbetalning sker till "
    "{B0} {B}. Beviljat belopp 8 450 kronor för perioden 2024-05-01–2024-05-31.",
    "Hej {F}!\nTack för samtalet i morse. Som vi sa skickar du in intyget från Försäkringskassan senast "
    "fredag den 12 april. Jag finns på {T} eller {E}.\nHälsningar {P2}, socialsekreterare",
    "Parkeringsanmärkning nr 2024-55812\nFordon {R} stod parkerat på Stora Torget i Halmstad 2024-03-02 "
    "kl. 14.55–16.20. Ägare enligt vägtrafikregistret: {P}, {A}.",
    "ok! säg till {f} att mötet flyttas till 14.00. ring {t} om det strular /{i}",
    "Mötesanteckningar, arbetsgrupp IT-stöd, 2024-01-18\nNärvarande: {P}, {P2} och {P3}.\n"
    "1. Införandet av Microsoft Teams i förvaltningen skjuts upp till vecka 12.\n"
    "2. Budgeten för 2024 är 1 250 000 kr. Frågor till {E}.",
    "Orosanmälan\nEleven {P} i klass 4B har vid flera tillfällen berättat om bråk hemma. Mamma {P2} "
    "och pappa {P3} har kallats till möte. Mentor: {P4}. Anmälan görs enligt 14 kap. 1 § SoL.",
    "Ärende: Fakturafråga\nKund {P} ({N}) ringde om faktura 7734512 på 1 480 kr. Kunden bor på {S} och "
    "vill betala med {B0} {B}. Åtgärd: ny faktura skickas till {E}.",
    "Kära {F},\nvälkommen till Region Halland! Din första dag är måndag den 2 september kl. 08.30. "
    "Din chef {P2} möter dig i entrén på Lasarettsvägen. Vid frågor, ring {T}.\nVänliga hälsningar\n{P3}",
    "Protokoll fört vid sammanträde med Socialnämnden 2024-03-21, § 34–41.\nOrdförande: {P}\n"
    "Justerare: {P2}\nNämnden beslutar att bevilja insatsen enligt 9 § LSS. Ärendet har dnr SN 2024/0318.",
    "Hej,\nvi har tagit emot din anmälan om flytt. Ny adress: {A}. Nytt telefonnummer {T}. Kontakta oss på "
    "{O:0771-67 67 67} om något inte stämmer.\nMvh Kundtjänst",
    "Samordningsnummer {N} tilldelades {P} den 15 januari. Arbetsgivare: Vägbygg i Väst AB, "
    "org.nr 556677-8899.",
    "Sjukanmälan: {F} har feber och stannar hemma i dag. Hämtas av morfar {P2} kl. 15. /{F3}",
    "Uppföljning LSS\nDeltagare: {P} (brukare), {P2} (god man) och {P3} (boendestödjare).\n"
    "{F} trivs på daglig verksamhet i Laholm men vill ha fler timmar. God man nås på {T}.",
    "Dear {P},\nthank you for your application to the summer program in Halmstad. Please send your "
    "passport copy to {E} before 15 May.\nBest regards,\n{P2}\nInternational Office",
    "Till Polismyndigheten\nAnmälan om stöld av cykel. Anmälare: {P}, {N}, {A}, tel {T}. Cykeln stod "
    "vid Halmstad C mellan 07.45 och 17.10 den 8 april.",
    "Reseräkning\nNamn: {P}\nResa med egen bil {R} Halmstad–Göteborg t/r, 302 km à 2,50 kr.\n"
    "Ersättning betalas till {B0} {B}.",
    "Journalanteckning, Psykiatrin Halmstad\n{P}, {N}. Patienten berättar att {F2} (sambo) har lämnat "
    "henne. Ordineras Sertralin 50 mg. Återbesök om 4 veckor hos psykolog {P3}.",
    "Hej!\nKan ni skicka blanketten till min mamma {P} på {S}, {Z} Onsala? Hennes personnummer är {N}.\n"
    "Tack på förhand\n{P2}",
    "Inkommen synpunkt 2024-06-03: Medborgaren {P} klagar på snöröjningen på {S} i Falkenberg. Svar "
    "skickas till {E}. Handläggs av gatuenheten, tfn {O:0346-88 60 00}.",
    "Hyresavi\nHyresgäst: {P}\nLägenhet: {A}\nHyra juni: 7 845 kr. Betalas till bankgiro {O:5050-1055} "
    "senast 2024-05-31. Vid frågor ring {T}.",
    "{P} ringde kl 10.15 och ville prata med {F2}. Återkommer efter lunch på {T}.",
    "Intyg\nHärmed intygas att {P}, född {D}, har deltagit i kursen Svenska för invandrare vid Komvux "
    "Kungsbacka under perioden 2023-08-21–2024-01-19.\nKungsbacka 2024-01-22\n{P2}\nRektor",
    "Hej alla!\nPåminnelse: personalmöte torsdag kl. 13.00 i sal Tallen. {F} bjuder på fika. "
    "{F2} och {F3} är lediga.\n/{F4}",
    "Överklagande\nJag, {P}, {N}, överklagar beslutet från den 4 mars (dnr BUN 2024-112) om skolskjuts "
    "för min dotter {F2}. Vi bor på {A}, 12 km från skolan.\n{P1}",
    "Bilen {R} har stått på gästparkeringen sedan i måndags. Ägaren {P} bor enligt uppgift i [[ADDRESS:lgh 1203]]. "
    "Kontakta fastighetsskötaren på {O:035-17 50 00}.",
    "Kallelse till utvecklingssamtal\nElev: {P}\nVårdnadshavare: {P2}, {P3}\nTid: onsdag 13 mars kl. 15.40 "
    "i klassrum B12. Anmäl förhinder till mentor {P4}, {E}.",
)


def _fill(template: str, v: Values, rng: random.Random) -> str:
    people: dict[str, str] = {}

    def person(tag: str) -> str:
        if tag not in people:
            people[tag] = v.full()
        return people[tag]

    def sub(m: re.Match[str]) -> str:
        slot, num = m.group(1), m.group(2) or ""
        key = "P" + (num if num != "1" else "")
        if slot == "P" and num == "1":
            return f"[[PERSON:{person('P')}]]"
        if slot == "P":
            return f"[[PERSON:{person(key)}]]"
        if slot == "F":
            full = person(key)
            return f"[[PERSON:{full.split()[0]}]]"
        if slot == "L":
            return f"[[PERSON:{person(key).split()[-1]}]]"
        if slot == "f":
            name = person(key).split()[0].lower() if rng.random() < 0.5 else person(key).lower()
            return f"[[PERSON:{name}]]"
        if slot == "i":
            initials = "".join(p[0] for p in person(key).split() if p[0].isupper())
            return f"[[PERSON:{initials}]]"
        makers: dict[str, Callable[[], str]] = {
            "N": v.personnummer, "T": v.phone, "t": lambda: v.phone().replace(" ", ""),
            "E": lambda: v.email(person("P")), "A": v.address, "S": lambda: v.address(postcode=False),
            "R": v.plate, "Z": lambda: f"{rng.randint(100, 984)} {rng.randint(10, 99)}",
            "D": lambda: f"{rng.randint(1, 28)} {rng.choice(('januari', 'mars', 'juni', 'oktober'))} "
                         f"{rng.randint(1940, 2005)}",
        }
        types = {"N": "PERSONNUMMER", "T": "PHONE", "t": "PHONE", "E": "EMAIL", "A": "ADDRESS", "S": "ADDRESS",
                 "R": "PLATE", "Z": "IGNORE", "D": "IGNORE"}
        if slot == "B":
            return f"[[BANK:{people['bank']}]]"
        if slot == "B0":
            return m.group()
        value = makers[slot]()
        return f"[[{types[slot]}:{value}]]" if types[slot] != "IGNORE" else value

    def bank_first(m: re.Match[str]) -> str:
        lead, number = v.bank()
        people["bank"] = number
        return lead

    text = re.sub(r"\{O:([^}]*)\}", r"[[IGNORE:\1]]", template)
    text = re.sub(r"\{B0\}", bank_first, text)
    return re.sub(r"\{([A-Za-z])(\d?)\}", sub, text)


def generate(n_docs: int, seed: int = 20240501) -> list[Doc]:
    """n_docs documents from the templates, with fresh values each time; the same seed, the same corpus."""
    v = Values.make(seed)
    rng = random.Random(seed)
    docs = []
    for i in range(n_docs):
        template = TEMPLATES[i % len(TEMPLATES)]
        docs.append(build(f"g{i:04d}", _fill(template, v, rng)))
    return docs


def hard_cases() -> list[Doc]:
    """Handwritten hard cases and negatives (hard_cases.txt beside this file)."""
    return parse_marked_file(HERE / "hard_cases.txt")


# -- scoring --------------------------------------------------------------------------------


@dataclass
class Score:
    found: Counter[str] = field(default_factory=Counter)
    total: Counter[str] = field(default_factory=Counter)
    false_positives: list[tuple[str, str, str]] = field(default_factory=list)
    misses: list[tuple[str, str, str]] = field(default_factory=list)
    words: int = 0

    def recall(self, types: Iterable[str] | None = None) -> float:
        keys = list(types) if types is not None else list(self.total)
        return sum(self.found[t] for t in keys) / max(1, sum(self.total[t] for t in keys))

    @property
    def identifier_recall(self) -> float:
        return self.recall([t for t in self.total if t != "PERSON"])

    @property
    def name_recall(self) -> float:
        return self.recall(["PERSON"])

    @property
    def fp_per_kword(self) -> float:
        return 1000 * len(self.false_positives) / max(1, self.words)


def score(docs: list[Doc], outputs: list[dict[str, Any]]) -> Score:
    """Recall and false positives, by the rules of pii_eval.py."""
    s = Score()
    for doc, out in zip(docs, outputs, strict=True):
        text = doc.text
        s.words += len(text.split())
        covered = [False] * len(text)
        for e in out["entities"]:
            for i in range(max(0, e["start"]), min(len(text), e["end"])):
                covered[i] = True
        for start, end, typ, val in doc.gold:
            if typ == "IGNORE":
                continue
            s.total[typ] += 1
            chars = [i for i in range(start, end) if text[i].isalnum()]
            if all(covered[i] for i in chars) and val not in out["redacted"]:
                s.found[typ] += 1
            else:
                s.misses.append((doc.id, typ, val))
        for e in out["entities"]:
            if not any(e["start"] < ge and gs < e["end"] for gs, ge, _, _ in doc.gold):
                s.false_positives.append((doc.id, e["type"], text[e["start"]:e["end"]]))
    return s
