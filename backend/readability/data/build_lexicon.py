"""Rebuild pos_lexicon.tsv, the word-class lexicon behind the nominal ratio, from open sources.

A maintainer's tool, not used at run time. Needs hunspell-sv==2026.10.25 and wordfreq==3.1.1:
    python -m backend.readability.data.build_lexicon

How it works (docs/readability.md, "Word classes"):
- every entry of the Swedish Hunspell dictionary (sv_SE.dic, LGPL-3.0) is classed as a noun, a verb or
  an adjective by its affix flags: the flags say which inflections a word takes, and the inflections
  say what it is (a word that takes "-r" and "-de" is a verb, one that takes "-en" and "-ar" a noun);
- its inflected forms are generated from the affix rules (sv_SE.aff) and each form gets a tag from the
  shape of its ending (a verb's "-ande" is a participle, "-ade" a past tense, "-ad" a participle);
- only forms among the most frequent Swedish words (wordfreq) are kept, which bounds the file;
- the closed word classes (pronouns, prepositions, conjunctions, adverbs, auxiliaries) come from
  closed_classes.tsv, written by hand, and override the dictionary.
"""

from __future__ import annotations

import re
import sys
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
OUT = HERE / "pos_lexicon.tsv"
TOP_WORDS = 150_000

# What the flags of sv_SE.aff generate, read from its comments: definite and plural noun forms;
# verb forms (present, past, supine, passive, imperative); adjective forms (neuter, plural, comparison).
NOUN_FLAGS = frozenset("CDEFGHI")
VERB_FLAGS = frozenset("KmMN")  # on other words these make adjective forms
ADJECTIVE_FLAGS = frozenset("OQ")
# Entries flagged "k" are adjectives (all 9,500 of them), whatever their inflection flags.
ADJECTIVE_MARK = "k"
VOWELS = ("a", "å", "e", "o", "y", "ä", "ö", "i", "u")


@dataclass(frozen=True)
class Rule:
    strip: str
    add: str
    condition: re.Pattern[str]


def read_rules(aff: Path) -> dict[str, list[Rule]]:
    """The suffix rules per flag; continuation flags after "/" are dropped (compounding only)."""
    rules: dict[str, list[Rule]] = defaultdict(list)
    for line in aff.read_text(encoding="utf-8").splitlines():
        parts = line.split()
        if len(parts) < 5 or parts[0] != "SFX":
            continue
        flag, strip, add, condition = parts[1], parts[2], parts[3], parts[4]
        strip = "" if strip == "0" else strip
        add = add.split("/")[0]
        add = "" if add == "0" else add
        rules[flag].append(Rule(strip, add, re.compile(f"(?:{condition})$")))
    return rules


def read_dictionary(dic: Path) -> Iterable[tuple[str, str]]:
    """(word, flags) for each entry; the first line is the count."""
    lines = dic.read_text(encoding="utf-8").splitlines()[1:]
    for line in lines:
        word, _, flags = line.partition("/")
        word = word.strip()
        if word and " " not in word and word[0].isalpha():
            yield word, flags.strip()


def lemma_classes(word: str, flags: str) -> set[str]:
    """NN, VB and/or JJ from the inflections a dictionary entry takes; empty when the flags don't say."""
    present = set(flags)
    if ADJECTIVE_MARK in present:
        return {"JJ"}
    # The flags are spelling rules, not word classes: on a verb, D makes "-nde" and A the passive "-s".
    # So a verb (it takes the present "-r") is a verb only, and all its forms are verb forms.
    if "m" in present or ("K" in present and word.endswith("a")):
        return {"VB"}
    classes: set[str] = set()
    if present & NOUN_FLAGS or "B" in present:
        classes.add("NN")
    if present & ADJECTIVE_FLAGS or ("P" in present and "VB" not in classes):
        classes.add("JJ")
    return classes


def form_tag(flag: str, classes: set[str], lemma: str, form: str) -> str | None:
    """The tag of a form that one flag's rule made from a lemma of the given classes."""
    if classes == {"VB"}:
        return verb_form_tag(lemma, form)
    if flag == "A":  # genitive -s of a noun or a name
        return "NN" if "NN" in classes else None
    if classes == {"JJ"}:
        return "JJ"
    if flag == "T":
        return "JJ" if form.endswith(("isk", "iska", "iskt")) else "NN"
    if flag in NOUN_FLAGS or flag in "BJ":
        return "NN" if "NN" in classes else None
    if flag in ADJECTIVE_FLAGS or flag in "LP":
        return "JJ" if "JJ" in classes else None
    if flag in VERB_FLAGS:
        return None
    return None


def verb_form_tag(lemma: str, form: str) -> str | None:
    """A verb form's tag from its ending: participles are counted apart in the nominal ratio."""
    if form == lemma:
        return "VB"
    if form.endswith(("an", "ans", "ens", "ars", "ors")):
        return None  # a noun rule's spelling applied to a verb: no such verb form exists
    if form.endswith(("ndet", "ndets", "ndena", "ndenas")):
        return "NN"  # "lidandet": a noun made from the verb
    if form.endswith(("nde", "ende")):
        return "PC"  # present participle: "sökande", "gående"
    if form.endswith(("ad", "ada", "dd", "dda", "en", "na", "ne", "pta", "kta", "sta")) or (
        form.endswith("da") and not form.endswith(("nda", "rda", "lda"))
    ) or (
        form.endswith("d") and not form.endswith("nd")
    ):
        return "PC"  # past participle: "beviljad", "skriven", "gjord"
    return "VB"  # present "-r", past "-de/-te", supine "-t", passive "-s", imperative


def build(aff: Path, dic: Path, keep: set[str]) -> dict[str, set[str]]:
    rules = read_rules(aff)
    tags: dict[str, set[str]] = defaultdict(set)
    for word, flags in read_dictionary(dic):
        classes = lemma_classes(word, flags)
        if not classes:
            continue
        lemma = word.lower()
        name = word[0].isupper()
        if lemma in keep:
            tags[lemma].update({"PM"} if name else classes)
        for flag in flags:
            for rule in rules.get(flag, ()):
                if not (rule.condition.search(word) and word.endswith(rule.strip)):
                    continue
                form = (word[: len(word) - len(rule.strip)] if rule.strip else word) + rule.add
                lowered = form.lower()
                tag = form_tag(flag, classes, lemma, lowered)
                if tag is not None and lowered in keep:
                    tags[lowered].add("PM" if name else tag)
    return tags


def main() -> None:
    import wordfreq

    share = Path(sys.prefix) / "share" / "hunspell"
    keep = set(wordfreq.top_n_list("sv", TOP_WORDS, wordlist="large"))
    tags = build(share / "sv_SE.aff", share / "sv_SE.dic", keep)
    lines = [f"{form}\t{'|'.join(sorted(found))}" for form, found in sorted(tags.items())]
    header = (
        "# Word classes of frequent Swedish word forms, generated by build_lexicon.py from the Swedish Hunspell\n"
        "# dictionary hunspell-sv 2026.10.25 (LGPL-3.0, see SOURCES.md) and wordfreq 3.1.1's frequency list.\n"
        "# Tags: NN noun, VB verb, PC participle, JJ adjective, PM proper noun. Closed classes: closed_classes.tsv.\n"
    )
    OUT.write_text(header + "\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} forms to {OUT}")


if __name__ == "__main__":
    main()
