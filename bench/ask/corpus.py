#!/usr/bin/env python3
"""Writes the retrieval corpus (bench/ask/corpus.json): 30 long Swedish public-sector documents of five
kinds (protocols, decisions, guidelines, case notes, reports), three questions each with the sentence
that answers it marked by its offsets, and one question each that the document does not answer.

    .venv/bin/python bench/ask/corpus.py        # the same seed writes the same file

The words come from bench/ask/domains.py: ten areas of work, each with everyday sentences that mention
the same places and subjects as its facts, so that the answering passage has many near neighbours.
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from domains import DOMAINS, GENERAL, KINDS, MONTHS, MUNICIPALITIES, Domain, Fact  # noqa: E402

OUT = HERE / "corpus.json"
SEED = 17
DOCUMENTS = 30
QUESTIONS_PER_DOCUMENT = 3


class Writer:
    """Builds one document's text and remembers where each fact sentence landed."""

    def __init__(self, rng: random.Random, domain: Domain, year: int) -> None:
        self.rng, self.domain, self.year = rng, domain, year
        self.parts: list[str] = []
        self.length = 0
        self.answers: dict[int, tuple[int, int]] = {}

    def fill(self, template: str, place: str | None = None) -> str:
        return template.format(place=place or self.rng.choice(self.domain.places), month=self.rng.choice(MONTHS),
                               year=self.year - 1, year2=self.year + 1)

    def add(self, text: str) -> None:
        if self.parts:
            self.parts.append("\n\n")
            self.length += 2
        self.parts.append(text)
        self.length += len(text)

    def paragraph(self, sentences: int | None = None, fact: tuple[int, str] | None = None) -> None:
        count = sentences or self.rng.randint(3, 6)
        general = sum(1 for _ in range(count) if self.rng.random() < 0.35)
        pool = self.rng.sample(self.domain.sentences, count - general) + self.rng.sample(GENERAL, general)
        self.rng.shuffle(pool)
        chosen = [self.fill(s) for s in pool]
        if fact is None:
            self.add(" ".join(chosen))
            return
        number, sentence = fact
        at = self.rng.randint(0, len(chosen))
        before = " ".join(chosen[:at])
        start = self.length + (2 if self.parts else 0) + (len(before) + 1 if before else 0)
        self.add(" ".join([*chosen[:at], sentence, *chosen[at:]]))
        self.answers[number] = (start, start + len(sentence))

    def text(self) -> str:
        return "".join(self.parts)


def protocol(w: Writer, org: str, facts: dict[int, list[tuple[int, str]]], sections: int) -> None:
    board = w.domain.board
    w.add(f"{org}\n{board}\nSammanträdesprotokoll {w.rng.randint(2, 27)} {w.rng.choice(MONTHS)} {w.year}")
    w.add("Plats och tid: Kommunhuset, sammanträdesrummet Ekan, klockan 13.00–16.30\n"
          "Beslutande: ordförande, vice ordförande och sju ledamöter enligt närvarolistan\n"
          "Övriga: förvaltningschef, nämndsekreterare och tjänstepersoner under respektive paragraf")
    w.add("§ 1 Val av justerare\n\nNämnden utser en ledamot att jämte ordföranden justera protokollet. "
          "Justeringen sker på förvaltningens kansli inom en vecka.")
    for n in range(2, sections + 2):
        w.add(f"§ {n} {w.rng.choice(w.domain.headings)}")
        w.paragraph()
        for fact in facts.get(n - 2, []):
            w.add("Beslut")
            w.paragraph(2, fact)
        if n % 3 == 0:
            w.add(f"Beslut\n\n{board} beslutar att lägga informationen till handlingarna.")


def decision(w: Writer, org: str, facts: dict[int, list[tuple[int, str]]], sections: int) -> None:
    number = f"{w.domain.name.upper()[:3]} {w.year}/{w.rng.randint(10, 999)}"
    w.add(f"{org}\n{w.domain.board}\nBeslut\nDiarienummer {number}")
    headings = ("Ärendet", "Bakgrund", "Utredning", "Yttranden", "Förvaltningens bedömning", "Skäl för beslutet",
                "Ekonomiska konsekvenser", "Uppföljning")
    for n in range(sections):
        if n % 4 == 0:
            w.add(headings[(n // 4) % len(headings)])
        w.paragraph(fact=None)
        for fact in facts.get(n, []):
            w.paragraph(3, fact)
    w.add("Hur man överklagar\n\nBeslutet kan överklagas hos förvaltningsrätten. Överklagandet ska ha kommit in "
          "till kommunen inom tre veckor från den dag då klaganden fick del av beslutet.")


def guideline(w: Writer, org: str, facts: dict[int, list[tuple[int, str]]], sections: int) -> None:
    w.add(f"{org}\nRiktlinje för {w.rng.choice(w.domain.headings).lower()}\nAntagen av {w.domain.board.lower()} "
          f"{w.rng.randint(1, 28)} {w.rng.choice(MONTHS)} {w.year}. Gäller till och med {w.year + 3}.")
    chapter = 0
    for n in range(sections):
        if n % 3 == 0:
            chapter += 1
            w.add(f"{chapter}. {w.rng.choice(w.domain.headings)}")
        w.add(f"{chapter}.{n % 3 + 1} " + " ".join(w.fill(s) for s in w.rng.sample(w.domain.sentences, 2)))
        w.paragraph()
        for fact in facts.get(n, []):
            w.paragraph(2, fact)


def notes(w: Writer, org: str, facts: dict[int, list[tuple[int, str]]], sections: int) -> None:
    w.add(f"{org}\n{w.domain.board}\nTjänsteanteckningar i ärende {w.rng.randint(100, 999)}-{w.year}")
    day = 10
    for n in range(sections):
        day += w.rng.randint(1, 9)
        month = min(12, 1 + day // 30)
        w.add(f"{w.year}-{month:02d}-{day % 28 + 1:02d} Anteckning, handläggare")
        w.paragraph(w.rng.randint(2, 4))
        for fact in facts.get(n, []):
            w.paragraph(2, fact)


def report(w: Writer, org: str, facts: dict[int, list[tuple[int, str]]], sections: int) -> None:
    w.add(f"{org}\nVerksamhetsberättelse {w.year}\n{w.domain.board}")
    headings = ("Sammanfattning", "Viktiga händelser under året", "Måluppfyllelse", "Ekonomi", "Personal",
                "Kvalitet och uppföljning", "Framtid")
    for n in range(sections):
        if n % 5 == 0:
            w.add(headings[(n // 5) % len(headings)])
        w.paragraph(w.rng.randint(4, 7))
        for fact in facts.get(n, []):
            w.paragraph(3, fact)


LAYOUTS = {"protokoll": protocol, "beslut": decision, "riktlinje": guideline, "anteckningar": notes,
           "rapport": report}


def build(seed: int = SEED) -> dict[str, Any]:
    rng = random.Random(seed)
    documents = []
    for d in range(DOCUMENTS):
        domain = DOMAINS[d % len(DOMAINS)]
        kind = KINDS[(d + d // len(DOMAINS)) % len(KINDS)]
        year = rng.choice((2025, 2026, 2027))
        w = Writer(rng, domain, year)
        sections = rng.randint(40, 60)
        picked: list[Fact] = rng.sample(domain.facts, QUESTIONS_PER_DOCUMENT)
        places = [rng.choice(domain.places) for _ in picked]
        where = rng.sample(range(sections), QUESTIONS_PER_DOCUMENT)
        sentences = [w.fill(fact.sentence, place) for fact, place in zip(picked, places, strict=True)]
        facts: dict[int, list[tuple[int, str]]] = {}
        for number, (sentence, section) in enumerate(zip(sentences, where, strict=True)):
            facts.setdefault(section, []).append((number, sentence))
        LAYOUTS[kind](w, rng.choice(MUNICIPALITIES), facts, sections)
        text = w.text()
        questions = []
        for number, (fact, place) in enumerate(zip(picked, places, strict=True)):
            start, end = w.answers[number]
            questions.append({"question": w.fill(fact.question, place), "answer": {"start": start, "end": end}})
            assert text[start:end] == sentences[number]
        other = DOMAINS[(d + 3 + d // len(DOMAINS)) % len(DOMAINS)]
        off_topic = rng.choice(other.facts).question.format(place=rng.choice(other.places), year=year - 1,
                                                            year2=year + 1, month=rng.choice(MONTHS))
        documents.append({"id": f"{d + 1:02d}-{domain.name}-{kind}", "kind": kind, "text": text,
                          "questions": questions, "unanswerable": [off_topic]})
    return {"seed": seed, "documents": documents}


def main() -> None:
    corpus = build()
    OUT.write_text(json.dumps(corpus, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    sizes = [len(d["text"]) for d in corpus["documents"]]
    print(f"{OUT.relative_to(HERE.parent.parent)}: {len(sizes)} documents, {min(sizes):,}–{max(sizes):,} characters "
          f"(mean {sum(sizes) // len(sizes):,}), {sum(len(d['questions']) for d in corpus['documents'])} questions")


if __name__ == "__main__":
    main()
