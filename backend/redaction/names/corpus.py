"""Filling marked-up templates with people and values: shared by the training corpus and the test corpus.

A template is text with slots; filling it gives text in the markup of ../shared/pii/dev.txt
(`[[PERSON:Anna Berg]]`). Training (train.py) and the held-out test corpus
(tests/redaction/holdout_corpus.py) use this engine with separate templates and separate name lists.

Slots: `{P1}` a person (`{P1.f}` given name, `.l` family name, `.rev` "Berg Anna", `.revc` "Berg, Anna",
`.init` "AB", `.lower` "anna berg", `.lf` "anna", `.at` "@Anna B", `.fl` "Anna B", `.gen` "Annas",
`.nick` a nickname, `.l2` a maiden name), `{W1}` a person whose given name is also a Swedish word
(`{W1.word}` the word),
`{N1}` a person known by a nickname, `{PN}` personnummer, `{PH}` phone, `{EM1}` P1's e-mail address
(`{EM}` anyone's), `{AD}` address, `{BK}` bank account, `{PL}` plate, and unmarked fillers `{ORG}`,
`{PROD}`, `{ROOM}`, `{COND}`, `{DAY}`, `{MONTH}`, `{CASE}`, `{AMT}`, `{LAW}`, `{DATE}`, `{TIME}`.
"""

from __future__ import annotations

import random
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Protocol

SLOT = re.compile(r"\{([A-Z]+)(\d?)(?:\.(\w+))?\}")
MARKUP = re.compile(r"\[\[([A-Z]+):(.+?)\]\]", re.S)
DAYS = ("måndag", "tisdag", "onsdag", "torsdag", "fredag", "lördag", "söndag")
MONTHS = ("januari", "februari", "mars", "april", "maj", "juni", "juli", "augusti", "september", "oktober",
          "november", "december")


class Values(Protocol):
    def personnummer(self) -> str: ...
    def phone(self) -> str: ...
    def email(self, name: str | None = None) -> str: ...
    def address(self) -> str: ...
    def bank(self) -> str | tuple[str, str]: ...
    def plate(self) -> str: ...


@dataclass
class Pools:
    """Where names and unmarked fillers come from; the training and test corpora each have their own."""

    first: dict[str, list[str]]  # origin -> given names
    last: dict[str, list[str]]  # origin -> family names
    origin_weights: dict[str, float]
    nicknames: list[str]
    word_names: list[tuple[str, str, str]]  # ("Vilja", "vilja", "f"): a given ("f") or family ("l") name
    orgs: list[str]
    products: list[str]
    rooms: list[str]
    conditions: list[str]
    mixed_origin: float = 0.2  # a Swedish family name with a foreign given name, or the other way


@dataclass
class Person:
    first: str
    last: str
    nick: str = ""
    word: str = ""
    maiden: str = ""

    def form(self, kind: str, rng: random.Random) -> str:
        f, lst = self.first, self.last
        if kind == "f":
            return f
        if kind == "l":
            return lst
        if kind == "rev":
            return f"{lst} {f}"
        if kind == "revc":
            return f"{lst}, {f}"
        if kind == "init":
            return (f[0] + lst[0]).upper()
        if kind == "lower":
            return f"{f} {lst}".lower()
        if kind == "lf":
            return f.lower()
        if kind == "at":
            return f"@{f} {lst[0]}" if rng.random() < 0.6 else f"@{f}"
        if kind == "fl":
            return f"{f} {lst[0]}"
        if kind == "gen":
            return f if f.endswith(("s", "x", "z")) else f + "s"
        if kind == "nick":
            return self.nick or f
        if kind == "word":
            return self.word
        if kind == "l2":
            return self.maiden
        return f"{f} {lst}"


# Forms of which only part is the name: the markup must not include the "@" or the genitive s.
def _mark(kind: str, value: str) -> str:
    if kind == "at":
        return "@" + f"[[PERSON:{value[1:]}]]"
    if kind == "gen" and value.endswith("s"):
        return f"[[PERSON:{value[:-1]}]]s"
    if kind == "revc":
        last, first = value.split(", ", 1)
        return f"[[PERSON:{last}, {first}]]"
    return f"[[PERSON:{value}]]"


@dataclass
class Filler:
    rng: random.Random
    pools: Pools
    values: Values
    people: dict[str, Person] = field(default_factory=dict)

    def _origin(self) -> str:
        origins = list(self.pools.origin_weights)
        return self.rng.choices(origins, weights=[self.pools.origin_weights[o] for o in origins])[0]

    def _name(self, table: dict[str, list[str]], origin: str) -> str:
        names = table.get(origin) or table["swedish"]
        return self.rng.choice(names)

    def person(self, slot: str) -> Person:
        if slot in self.people:
            return self.people[slot]
        rng, pools = self.rng, self.pools
        origin = self._origin()
        first = self._name(pools.first, origin)
        last_origin = self._origin() if rng.random() < pools.mixed_origin else origin
        last = self._name(pools.last, last_origin)
        r = rng.random()
        if r < 0.06:
            last = f"{last}-{self._name(pools.last, self._origin())}"
        elif r < 0.1:
            first = f"{first}-{self._name(pools.first, origin)}" if origin == "swedish" else first
        p = Person(first, last, nick=rng.choice(pools.nicknames), maiden=self._name(pools.last, self._origin()))
        if slot.startswith("W"):
            name, word, where = rng.choice(pools.word_names)
            if where == "f":
                p.first, p.word = name, word
            else:
                p.last, p.word = name, word
        if slot.startswith("N"):
            p.first = p.nick
        self.people[slot] = p
        return p

    def fill(self, template: str) -> str:
        self.people = {}
        return SLOT.sub(self._slot, template)

    def _slot(self, m: re.Match[str]) -> str:
        kind, num, form = m.group(1), m.group(2), m.group(3) or "full"
        rng, v = self.rng, self.values
        if kind in ("P", "W", "N"):
            person = self.person(kind + num)
            value = person.form(form, rng)
            if form == "word":
                return value
            return _mark(form, value)
        if kind == "EM":
            name = None
            if num:
                p = self.person("P" + num)
                name = f"{p.first} {p.last}"
            return f"[[EMAIL:{v.email(name)}]]"
        simple: dict[str, Callable[[], str]] = {
            "PN": lambda: f"[[PERSONNUMMER:{v.personnummer()}]]",
            "PH": lambda: f"[[PHONE:{v.phone()}]]",
            "AD": lambda: f"[[ADDRESS:{v.address()}]]",
            "BK": lambda: _bank(v.bank()),
            "PL": lambda: f"[[PLATE:{v.plate()}]]",
            "ORG": lambda: rng.choice(self.pools.orgs),
            "PROD": lambda: rng.choice(self.pools.products),
            "ROOM": lambda: rng.choice(self.pools.rooms),
            "COND": lambda: rng.choice(self.pools.conditions),
            "DAY": lambda: rng.choice(DAYS),
            "MONTH": lambda: rng.choice(MONTHS),
            "CASE": lambda: rng.choice(("Dnr", "dnr", "Ärende", "ärendenr", "SN", "BUN", "KS")) + " "
            + f"{rng.randint(2019, 2026)}{rng.choice(('/', '-', '.'))}{rng.randint(10, 9999):04d}",
            "AMT": lambda: f"{rng.randint(1, 99)} {rng.randint(0, 999):03d} kr" if rng.random() < 0.5
            else f"{rng.randint(50, 9999)} kronor",
            "LAW": lambda: rng.choice(("4 kap. 1 § SoL", "9 § LSS", "11 kap. 1 § SoL", "SFS 2001:453", "3 § LVU",
                                       "5 kap. 1 § SoL", "7 § LSS", "17 kap. 9 § skollagen", "6 kap. 1 § LSS")),
            "DATE": lambda: rng.choice((f"{rng.randint(1, 28)} {rng.choice(MONTHS)}",
                                        f"2025-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}",
                                        f"{rng.randint(1, 28)}/{rng.randint(1, 12)}")),
            "TIME": lambda: f"{rng.randint(8, 16)}.{rng.choice(('00', '15', '30', '45'))}",
        }
        if kind in simple:
            return simple[kind]()
        raise KeyError(f"unknown slot {m.group()}")


def _bank(value: str | tuple[str, str]) -> str:
    """A number, or (the words that say what it is, the number): only the number is marked."""
    if isinstance(value, tuple):
        return f"{value[0]} [[BANK:{value[1]}]]"
    return f"[[BANK:{value}]]"


def unmark(marked: str) -> tuple[str, list[tuple[int, int, str]]]:
    """Plain text and the (start, end, type) of each marked value."""
    out: list[str] = []
    spans: list[tuple[int, int, str]] = []
    pos = length = 0
    for m in MARKUP.finditer(marked):
        piece = marked[pos:m.start()]
        out.append(piece)
        length += len(piece)
        spans.append((length, length + len(m.group(2)), m.group(1)))
        out.append(m.group(2))
        length += len(m.group(2))
        pos = m.end()
    out.append(marked[pos:])
    return "".join(out), spans


def ascii_fold(text: str) -> str:
    """The letters an e-mail address would use: "Łukasz Öztürk" -> "lukasz ozturk"."""
    text = text.replace("ł", "l").replace("Ł", "L").replace("ı", "i").replace("đ", "d").replace("ß", "ss")
    return "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))


def lines(text: str) -> list[str]:
    """Non-empty, non-comment lines of a data file."""
    return [x.strip() for x in text.splitlines() if x.strip() and not x.startswith("#")]


def origin_lists(text: str) -> dict[str, list[str]]:
    """The `origin: name` groups of world_first_names.txt and world_last_names.txt."""
    out: dict[str, list[str]] = {}
    origin = ""
    for line in lines(text):
        if line.startswith("origin:"):
            origin = line.split(":", 1)[1].strip()
            continue
        out.setdefault(origin, []).extend(line.split())
    return out


def pick(rng: random.Random, options: Sequence[str]) -> str:
    return rng.choice(list(options))
