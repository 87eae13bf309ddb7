"""A seeded corpus of identifiers in disguise and in unusual fields, with negatives around them.

    python tests/redaction/identifier_corpus.py OUT.txt [--docs 1000] [--seed 7]

writes it in the markup of ../shared/pii/dev.txt, so ../shared/tools/pii_eval.py can score it. Each
document mixes 3 to 6 sentences of case notes, e-mails, chat and protocols, with fresh valid
identifiers (check digits computed), each written in one of many forms: dashes of every kind, zero-
width characters and soft hyphens inside, spaced digits, no-break and narrow spaces, line breaks,
fullwidth and Arabic-Indic digits, lower-case IBANs, clearing and account numbers in two fields,
plusgiro in any grouping, plates in lower case, farm, village, Finnish and lower-case addresses,
sole traders' organisation numbers. Case numbers, amounts, dates, times, law references and
companies' organisation numbers stand beside them and must stay.
"""

from __future__ import annotations

import argparse
import random
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from redaction_corpus import Doc, _iban, _luhn_digit, build

FULLWIDTH = {ord(c): 0xFEE0 + ord(c) for c in "0123456789"}
ARABIC = {ord(c): 0x0660 + int(c) for c in "0123456789"}
PERSIAN = {ord(c): 0x06F0 + int(c) for c in "0123456789"}
DASHES = ["\u2013", "\u2212", "\u2014", "\u2012", "\u2011", "\u2010", "\u2015", "\ufe63", "\uff0d"]
INVISIBLE = ["\u200b", "\u00ad", "\u2060", "\u200c", "\u200d", "\ufeff"]
SPACES = ["\u00a0", "\u202f", "\u2009", "\u3000", "\u2007", "\u205f"]

NAMES = [
    "Amina Yusuf", "Hamid Rezaei", "Zeynep Kaya", "Emir Hodžić", "Agnieszka Nowak", "Mikko Virtanen",
    "Tesfay Gebremedhin", "Somchai Wongsakul", "Nguyen Thi Lan", "Camila Fuentes", "Dilan Ahmed", "Karin Lindholm",
    "Bo Vinter", "Rut Sommar", "Sara Al-Hassan", "Jonas Åberg", "Leyla Karimi", "Mehmet Yıldız", "Ewa Kowalska",
]
STREETS = ["Kvarngatan", "Almvägen", "Björkstigen", "Ekbacken", "Solrosgränd", "Sjöallén", "Tallvägen", "Lingonstigen"]
FARMS = ["Lövhult", "Ekeberga", "Hultsjö", "Björkelund", "Rävsnäs", "Östragård", "Tånga", "Ön", "Sörby"]
PREFIXES = ["Stora", "Lilla", "Norra", "Södra", "Västra", "Östra"]
FINNISH = ["Hämeenkatu", "Mannerheimintie", "Aleksanterinkatu", "Puistokatu", "Koivukuja"]
TOWNS = ["Varberg", "Heberg", "Tvååker", "Laholm", "Ljungby", "Hylte", "Tranås"]


def _pnr(rng: random.Random, twelve: bool = False) -> tuple[str, str]:
    """(date part, serial) of a valid personnummer; a samordningsnummer now and then."""
    year = rng.randint(1930, 2015)
    day = rng.randint(1, 28) + (60 if rng.random() < 0.1 else 0)
    body = f"{year % 100:02d}{rng.randint(1, 12):02d}{day:02d}{rng.randint(0, 999):03d}"
    serial = body[6:] + str(_luhn_digit(body))
    date = (f"{year // 100}" if twelve else "") + body[:6]
    return date, serial


def _spaced(s: str) -> str:
    return " ".join(s)


def _insert(s: str, rng: random.Random, ch: str) -> str:
    i = rng.randint(1, len(s) - 1)
    return s[:i] + ch + s[i:]


def personnummer(rng: random.Random) -> str:
    twelve = rng.random() < 0.35
    date, serial = _pnr(rng, twelve)
    form = rng.randrange(13)
    if form == 0:
        return f"{date}{rng.choice(DASHES)}{serial}"
    if form == 1:
        return _insert(f"{date}-{serial}", rng, rng.choice(INVISIBLE))
    if form == 2:
        return f"{_spaced(date)} - {_spaced(serial)}"
    if form == 3:
        return f"{_spaced(date)} {_spaced(serial)}"
    if form == 4:
        return f"{date}{rng.choice(SPACES)}{serial}"
    if form == 5:
        return f"{date}-\n{serial}" if rng.random() < 0.5 else f"{date[:4]}\n{date[4:]}-{serial}"
    if form == 6:
        return f"{date}-{serial}".translate(FULLWIDTH).replace("-", "\uff0d")
    if form == 7:
        return f"{date}-{serial}".translate(rng.choice([ARABIC, PERSIAN]))
    if form == 8:
        return f"{date}{rng.choice(SPACES)}-{rng.choice(SPACES)}{serial}"
    if form == 9:
        return f"{date}{serial}" if twelve else f"{date}-{serial}"
    if form == 10:
        return _insert(_insert(f"{date}{rng.choice(DASHES)}{serial}", rng, "\u00ad"), rng, "\u200b")
    if form == 11:
        return f"{date}\u00ad-\u00ad{serial}"
    return f"{date}-{serial}"


def phone(rng: random.Random) -> str:
    groups = ["07" + str(rng.choice([0, 2, 3, 6, 9])), f"{rng.randint(100, 999)}", f"{rng.randint(10, 99)}",
              f"{rng.randint(10, 99)}"]
    form = rng.randrange(8)
    if form == 0:
        return groups[0] + "-" + rng.choice(SPACES).join(groups[1:])
    if form == 1:
        return (groups[0] + "-" + " ".join(groups[1:])).translate(FULLWIDTH).replace("-", "\uff0d")
    if form == 2:
        return rng.choice(INVISIBLE).join(groups)
    if form == 3:
        return groups[0] + rng.choice(DASHES) + " ".join(groups[1:])
    if form == 4:
        return "+46" + "\u00a0" + groups[0][1:] + "\u00a0" + "\u00a0".join(groups[1:])
    if form == 5:
        return (groups[0] + "-" + " ".join(groups[1:])).translate(ARABIC)
    if form == 6:
        return "\u202f".join(groups)
    return groups[0] + "-" + " ".join(groups[1:])


def email(rng: random.Random, name: str) -> str:
    first, last = name.lower().split()[0], name.lower().split()[-1]
    table = str.maketrans("åäöéüıłęžćš", "aaoeuilezcs")
    local = f"{first}.{last}".translate(table)
    local = "".join(ch for ch in local if ch.isascii() and (ch.isalnum() or ch in ".-"))
    address = f"{local}@{rng.choice(['exempel.se', 'post.nu', 'mejl.com', 'kommun.se'])}"
    form = rng.randrange(4)
    if form == 0:
        return "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in address)
    if form == 1:
        at = address.index("@")
        return address[:at] + "\u200b@\u200b" + address[at + 1:]
    if form == 2:
        return _insert(address, rng, "\u00ad")
    return address


def iban(rng: random.Random) -> str:
    value = _iban("SE", f"{rng.randint(1000, 9999)}{rng.randint(10**15, 10**16 - 1)}")
    grouped = " ".join(value[i:i + 4] for i in range(0, len(value), 4))
    form = rng.randrange(3)
    if form == 0:
        return grouped.lower()
    if form == 1:
        return grouped.replace(" ", "\u00a0")
    return grouped


def plusgiro(rng: random.Random) -> str:
    body = str(rng.randint(10**5, 10**7 - 1))
    digits = body + str(_luhn_digit(body))
    head = digits[:-1]
    form = rng.randrange(3)
    if form == 0:  # pairs from the right: "48 81 98-5"
        pairs = [head[max(0, i - 2):i] for i in range(len(head), 0, -2)][::-1]
        return " ".join(pairs) + "-" + digits[-1]
    if form == 1:
        return f"{head[:3]} {head[3:]}-{digits[-1]}"
    return f"{head} - {digits[-1]}"


Fill = Callable[[random.Random], str]


def _sentences(rng: random.Random) -> list[str]:
    name = rng.choice(NAMES)
    other = rng.choice([n for n in NAMES if n != name])
    date, serial = _pnr(rng)
    company = "556" + str(rng.randint(100, 999))
    company += "-" + str(rng.randint(100, 999)) + str(_luhn_digit(company + "000"))  # shape only
    street = f"{rng.choice(STREETS)} {rng.randint(1, 60)}{rng.choice(['', 'B', ' A'])}"
    postcode = f"{rng.randint(100, 989)} {rng.randint(10, 99)}"
    farm = f"{rng.choice(PREFIXES) + ' ' if rng.random() < 0.3 else ''}{rng.choice(FARMS)} {rng.randint(1, 20)}"
    letters = "".join(rng.choice("abcdefghjklmnoprstuwxyz") for _ in range(3))
    plate = f"{letters}{rng.choice(['', ' '])}{rng.randint(10, 99)}{rng.choice('0123456789abcdefghjklmn')}"
    case = f"{rng.randint(2019, 2026)}/{rng.randint(100, 9999)}"
    amount = f"{rng.randint(1, 99)} {rng.randint(100, 999)} kr"
    return [
        f"Klienten [[PERSON:{name}]], född [[PERSONNUMMER:{personnummer(rng)}]], har sökt ekonomiskt bistånd, "
        f"dnr {case}.",
        f"Personnummer: [[PERSONNUMMER:{personnummer(rng)}]]",
        f"hej det är [[PERSON:{name.split()[0]}]] mitt pnr är [[PERSONNUMMER:{personnummer(rng)}]] ring mig",
        f"Du når mig på [[PHONE:{phone(rng)}]] efter klockan 15.00.",
        f"Mobil: [[PHONE:{phone(rng)}]]\nE-post: [[EMAIL:{email(rng, name)}]]",
        f"Skriv till [[EMAIL:{email(rng, other)}]] om du har frågor om beslutet den 2024-03-{rng.randint(10, 28)}.",
        f"Ersättningen betalas till [[BANK:{iban(rng)}]] senast den 25:e.",
        f"Utbetalning till clearingnummer [[BANK:{rng.choice(['8327-9', '84197', '6789', '8105-9'])}]], "
        f"kontonummer [[BANK:{rng.randint(100, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)}"
        f"-{rng.randint(0, 9)}]].",
        f"Gåvor tas emot på plusgiro [[BANK:{plusgiro(rng)}]], tack!",
        f"Pengarna sätts in på hennes personkonto [[BANK:3300 {date}-{serial}]] i Nordea.",
        f"Bilen, en blå volvo med reg nr [[PLATE:{plate}]], stod kvar över natten.",
        f"Hon bor på [[ADDRESS:{farm}, {postcode}]] {rng.choice(TOWNS)} sedan i somras.",
        f"Familjen bor på [[ADDRESS:{farm}]] utanför {rng.choice(TOWNS)}.",
        f"Ny adress: [[ADDRESS:{rng.choice(FINNISH)} {rng.randint(1, 90)} A {rng.randint(1, 40)}, "
        f"{rng.randint(10, 99)}{rng.randint(100, 999)}]] Tampere.",
        f"skickar papperen till [[ADDRESS:{street.lower()}]] i morgon",
        f"Kallelse skickas till [[ADDRESS:{street}, {postcode}]] {rng.choice(TOWNS)}.",
        f"Enskild firma, organisationsnummer [[PERSONNUMMER:{date}-{serial}]], momsreg.nr "
        f"[[PERSONNUMMER:SE{date}{serial}01]].",
        f"Avtalet gäller aktiebolaget med organisationsnummer {company}, beloppet {amount}.",
        f"Beslutet fattades {rng.randint(2019, 2025)}-0{rng.randint(1, 9)}-{rng.randint(10, 28)} enligt "
        f"4 kap. 1 § socialtjänstlagen (2001:453), ärende {case}.",
        f"Mötet pågår {rng.randint(8, 11):02d}.00\u2013{rng.randint(12, 16)}.30 i rum {rng.randint(1, 9)}.",
        f"Fakturan på {amount} bokförs på konto 4010, kostnadsställe {rng.randint(10000, 99999)}.",
        f"Saldot på kontot var {amount} den {rng.randint(1, 28)} mars.",
    ]


def generate_marked(n_docs: int, seed: int = 7) -> list[tuple[str, str]]:
    """(id, marked text) of n_docs documents."""
    rng = random.Random(seed)
    docs = []
    for i in range(n_docs):
        pool = _sentences(rng)
        picked = rng.sample(pool, rng.randint(3, 6))
        docs.append((f"id{i:04d}", "\n".join(picked)))
    return docs


def generate(n_docs: int, seed: int = 7) -> list[Doc]:
    return [build(doc_id, marked) for doc_id, marked in generate_marked(n_docs, seed)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    lines = ["# Generated by tests/redaction/identifier_corpus.py; every value is invented."]
    for doc_id, marked in generate_marked(args.docs, args.seed):
        lines += [f"=== {doc_id} generated", marked]
    args.out.write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
