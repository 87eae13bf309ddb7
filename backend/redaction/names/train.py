"""Train the name model from a generated corpus: `make name-model` (or `python -m backend.redaction.names.train`).

A maintainer's tool (needs faker, a dev dependency); the product only reads name_crf.crfsuite.
The same seed gives the same corpus and the same model file, byte for byte.

Names come from Faker's person providers (MIT) and data/world_*_names.txt, less every name in
tests/redaction/holdout_names.txt and a fixed fifth of the Faker names (by CRC32), which the test corpus
keeps for itself. A third of the names in training have their list features hidden, so that the
model learns to judge a name that no list has by its shape and its context.
"""

from __future__ import annotations

import argparse
import importlib
import random
import zlib
from pathlib import Path

import pycrfsuite

from ..data import DATA
from .corpus import Filler, Pools, ascii_fold, lines, origin_lists, unmark
from .features import Featurizer, line_tokens
from .model import MODEL_PATH
from .templates import NEGATIVE_SENTENCES, TEMPLATES

ROOT = Path(__file__).resolve().parents[3]
HOLDOUT = ROOT / "tests" / "redaction" / "holdout_names.txt"
FAKER_LOCALES = {
    "swedish": ("sv_SE",),
    "finnish": ("fi_FI",),
    "polish": ("pl_PL",),
    "turkish": ("tr_TR",),
    "chilean": ("es_CL",),
    "bosnian": ("hr_HR",),
    "thai": ("en_TH",),
    "arabic": ("fr_DZ",),
    "vietnamese": ("vi_VN",),
    "european": ("de_DE", "en_GB", "fr_FR", "es_ES", "it_IT", "nl_NL", "da_DK", "no_NO"),
}
ORIGIN_WEIGHTS = {
    "swedish": 0.38, "arabic": 0.07, "somali": 0.05, "persian": 0.05, "kurdish": 0.04, "turkish": 0.04,
    "bosnian": 0.04, "polish": 0.04, "finnish": 0.04, "tigrinya": 0.04, "thai": 0.03, "vietnamese": 0.03,
    "chilean": 0.03, "european": 0.06, "unseen": 0.06,
}
WORD_NAMES = (
    ("Vilja", "vilja", "f"), ("Dag", "dag", "f"), ("Bo", "bo", "f"), ("Sol", "sol", "f"), ("Maj", "maj", "f"),
    ("Stig", "stig", "f"), ("Rut", "rut", "f"), ("Vinter", "vinter", "l"), ("Sommar", "sommar", "l"),
    ("Storm", "storm", "l"), ("Hjort", "hjort", "l"), ("Ros", "ros", "l"), ("Lilja", "lilja", "l"),
    ("Björk", "björk", "l"), ("Ljung", "ljung", "l"), ("Falk", "falk", "l"), ("Frid", "frid", "l"),
    ("Glad", "glad", "l"), ("Alm", "alm", "l"), ("Strand", "strand", "l"), ("Blom", "blom", "l"),
    ("Saga", "saga", "f"), ("Liv", "liv", "f"), ("Signe", "signe", "f"), ("Tor", "tor", "f"), ("Iris", "iris", "f"),
)
ORGS = ("Astrid Lindgrens barnsjukhus", "Raoul Wallenbergskolan", "Sophiahemmet", "Clas Ohlson", "Kjell & Company",
        "Dag Hammarskjöldskolan", "Ersta sjukhus", "Selma Lagerlöfs förskola", "Carl Malmstens verkstad",
        "Olof Palmes internationella center", "Ingvar Kamprads stiftelse", "Max Hamburgerrestauranger",
        "Anna Lindhs minnesfond", "Ronald McDonald Hus", "Sankt Eriks ögonsjukhus", "Birgittaskolan",
        "Johan Skytteskolan", "Gustav Vasa kyrka", "Ann-Sofies hemtjänst AB", "Lilla Erstagården")
PRODUCTS = ("Skoda Octavia", "Renault Zoe", "Siri", "Alexa", "Volvo XC60", "Tesla Model Y", "Nissan Leaf",
            "Kia Ceed", "Google Home", "Cortana", "Teams", "Zoom", "iPad")
ROOMS = ("Eken", "Linden", "Björken", "Aspen", "Tallen", "Granen", "rum Vega", "sal Ekorren", "Stora salen")
CONDITIONS = ("Parkinsons", "Alzheimers", "Aspergers syndrom", "lex Sarah", "Parkinsons sjukdom", "Downs syndrom",
              "Huntingtons sjukdom")
NICKNAMES = ("Jocke", "Mo", "Lasse", "Micke", "Kicki", "Nisse", "Pelle", "Bosse", "Janne", "Tobbe", "Sussie",
             "Lotta", "Kalle", "Hasse", "Stoffe", "Fredde", "Jossan", "Kattis", "Mackan", "Robban", "Ludde")
# Given names from Faker locales that no shipped list reads: names the model must judge by shape.
UNSEEN_LOCALES = ("sw", "zu_ZA", "yo_NG", "ig_NG", "ha_NG", "tw_GH", "uz_UZ")


def holdout_names(path: Path = HOLDOUT) -> set[str]:
    held: set[str] = set()
    for line in lines(path.read_text(encoding="utf-8")):
        if ":" not in line:
            held.update(w.casefold() for w in line.split())
    return held


def held_out_by_hash(name: str) -> bool:
    """A fixed fifth of the Faker names is the test corpus's: never trained on."""
    return zlib.crc32(name.casefold().encode()) % 5 == 0


def _faker_names(locales: tuple[str, ...], attrs: tuple[str, ...]) -> list[str]:
    out: set[str] = set()
    for loc in locales:
        provider = importlib.import_module(f"faker.providers.person.{loc}").Provider
        for attr in attrs:
            names = getattr(provider, attr, ())
            if not isinstance(names, (list, tuple, dict)):
                continue  # a computed attribute, not a list
            for name in names:
                for part in str(name).split():
                    if part.isalpha() and part[:1].isupper() and len(part) > 1 and max(part) <= "ɏ":
                        out.add(part)
    return sorted(out)


def training_pools() -> Pools:
    held = holdout_names()
    first_attrs = ("first_names", "first_names_female", "first_names_male")
    last_attrs = ("last_names", "last_names_female", "last_names_male")
    world_first = origin_lists((DATA / "world_first_names.txt").read_text(encoding="utf-8"))
    world_last = origin_lists((DATA / "world_last_names.txt").read_text(encoding="utf-8"))
    first: dict[str, list[str]] = {}
    last: dict[str, list[str]] = {}
    for origin, locales in FAKER_LOCALES.items():
        first[origin] = _faker_names(locales, first_attrs)
        last[origin] = _faker_names(locales, last_attrs)
    first["unseen"] = _faker_names(UNSEEN_LOCALES, first_attrs)
    last["unseen"] = _faker_names(UNSEEN_LOCALES, last_attrs)
    for origin, names in world_first.items():
        if origin != "nicknames":
            first[origin] = first.get(origin, []) + names
    for origin, names in world_last.items():
        last[origin] = last.get(origin, []) + names

    def keep(names: list[str]) -> list[str]:
        return sorted({n for n in names if n.casefold() not in held and not held_out_by_hash(n)})

    first = {o: keep(v) for o, v in first.items() if keep(v)}
    last = {o: keep(v) for o, v in last.items() if keep(v)}
    nicknames = [n for n in NICKNAMES + tuple(world_first.get("nicknames", ())) if n.casefold() not in held]
    return Pools(first=first, last=last, origin_weights={o: w for o, w in ORIGIN_WEIGHTS.items() if o in first},
                 nicknames=sorted(set(nicknames)), word_names=list(WORD_NAMES), orgs=list(ORGS),
                 products=list(PRODUCTS), rooms=list(ROOMS), conditions=list(CONDITIONS))


class TrainValues:
    """Identifiers for training text: their only job there is to be not-a-name."""

    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def personnummer(self) -> str:
        r = self.rng
        date = f"{r.randint(19, 20)}{r.randint(0, 99):02d}{r.randint(1, 12):02d}{r.randint(1, 28):02d}"
        return f"{date}-{r.randint(0, 9999):04d}"

    def phone(self) -> str:
        r = self.rng
        return f"07{r.choice('0236')}-{r.randint(100, 999)} {r.randint(10, 99)} {r.randint(10, 99)}"

    def email(self, name: str | None = None) -> str:
        r = self.rng
        if name:
            parts = ascii_fold(name).lower().replace("-", " ").split()
            local = r.choice((".".join(parts[:2]), parts[0] + str(r.randint(1, 99)), parts[0][0] + parts[-1]))
        else:
            local = r.choice(("info", "kontakt", "anna.b", "x23"))
        return f"{local}@{r.choice(('gmail.com', 'hotmail.com', 'kommun.se', 'telia.com'))}"

    def address(self) -> str:
        r = self.rng
        return f"{r.choice(('Storgatan', 'Björkvägen', 'Lövhult', 'Kyrkbacken'))} {r.randint(1, 40)}, " \
               f"{r.randint(100, 999)} {r.randint(10, 99)}"

    def bank(self) -> str:
        r = self.rng
        return f"{r.randint(3000, 9999)}-{r.randint(100000, 999999)}"

    def plate(self) -> str:
        r = self.rng
        return "".join(r.choice("ABCDEFGHJKLMNPRSTUWXYZ") for _ in range(3)) + f" {r.randint(100, 999)}"


def generate(n: int, seed: int) -> list[str]:
    """n marked-up training documents."""
    rng = random.Random(seed)
    filler = Filler(rng, training_pools(), TrainValues(rng))
    docs: list[str] = []
    for _ in range(n):
        parts = [filler.fill(rng.choice(TEMPLATES)) for _ in range(rng.randint(1, 3))]
        for _ in range(rng.randint(0, 2)):
            parts.insert(rng.randint(0, len(parts)), filler.fill(rng.choice(NEGATIVE_SENTENCES)))
        docs.append(rng.choice(("\n", " ", "\n\n")).join(parts))
    return docs


def examples(featurizer: Featurizer, marked: str, rng: random.Random) -> list[tuple[list[list[str]], list[str]]]:
    """(features, labels) for each line of a marked-up document."""
    text, spans = unmark(marked)
    people = [(s, e) for s, e, t in spans if t == "PERSON"]
    out: list[tuple[list[list[str]], list[str]]] = []
    for toks in line_tokens(text):
        labels: list[str] = []
        hidden: dict[int, int] = {}
        for i, t in enumerate(toks):
            label = "O"
            for s, e in people:
                if s <= t.start and t.end <= e and t.raw[:1].isalnum():
                    # Adjacent marks ("[[PERSON:Ali]] [[PERSON:Vallin]]") are one name to the model.
                    label = "I-PER" if labels and labels[-1] != "O" else "B-PER"
                    break
            labels.append(label)
            r = rng.random()
            if label != "O" and r < 0.35:
                hidden[i] = 3 if r < 0.08 else 2 if r < 0.15 else 1
        out.append((featurizer.sequence(text, toks, hidden=hidden), labels))
    return out


def featurizer() -> Featurizer:
    from ..recognizers.person import PersonRecognizer

    return PersonRecognizer(load_model=False).featurizer


def train(n: int, seed: int, out: Path, iterations: int = 150) -> Path:
    rng = random.Random(seed + 1)
    feat = featurizer()
    trainer = pycrfsuite.Trainer(verbose=False)
    for doc in generate(n, seed):
        for xs, ys in examples(feat, doc, rng):
            trainer.append(xs, ys)
    trainer.set_params({"c1": 0.05, "c2": 0.01, "max_iterations": iterations,
                        "feature.possible_transitions": True, "feature.minfreq": 2})
    trainer.train(str(out))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--docs", type=int, default=10000)
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--iterations", type=int, default=150)
    ap.add_argument("--out", type=Path, default=MODEL_PATH)
    args = ap.parse_args()
    path = train(args.docs, args.seed, args.out, args.iterations)
    print(f"{path}: {path.stat().st_size / 1e6:.2f} MB")


if __name__ == "__main__":
    main()
