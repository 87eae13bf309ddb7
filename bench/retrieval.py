#!/usr/bin/env python3
"""Retrieval for POST /api/v1/ask: recall on a corpus of our own, with and without the Swedish stemmer,
and the time the step adds for a 200,000-character document.

    .venv/bin/python bench/retrieval.py [--budgets 1000,2000,3500] [--repeat 20]

Corpus: bench/ask/corpus.json (written by bench/ask/corpus.py from a seed): 30 long Swedish
documents (protocols, decisions, guidelines, case notes, reports), 3 questions each with the answering
sentence marked, and one question each from another area that the document does not answer.

Recall: the share of questions whose answering sentence lies in a passage that goes to the model, with
the product's own code (split_passages, rank, fit) and a prompt budget in tokens; tokens are counted
as characters / 3, about what a byte-level BPE tokenizer gives for Swedish. The goal is 90%.
"Not found": how often the product would answer "nothing in the text" without asking the model, for
the answerable questions (should be rare) and for the off-topic ones (should be most).

Overhead: the whole retrieval step for one question against a 200,000-character document (the corpus's
texts joined): splitting, ranking, cutting the masked passages out of the redacted text and counting
their tokens with a real tokenizer until the budget is full; median and 95th percentile of --repeat
runs, warm (the stemmer's cache in use), and the CPU time of ranking and fitting for the first question
in a fresh process (cold); side by side with redacting the same document, a step every request takes
anyway. The machine is shared while this runs: read the ratios, not the absolutes.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from backend.ask.answer import excerpts  # noqa: E402
from backend.ask.passages import split_passages  # noqa: E402
from backend.ask.retrieval import Ranking, fit, rank  # noqa: E402

CORPUS = ROOT / "bench" / "ask" / "corpus.json"
CHARS_PER_TOKEN = 3.0
GOAL_RECALL = 0.90
GOAL_MS = 50.0


def tokens(text: str) -> int:
    return int(len(text) / CHARS_PER_TOKEN) + 4  # and the passage's label


def recall(corpus: dict[str, Any], budgets: list[int], stem: bool) -> dict[str, Any]:
    hits = {b: 0 for b in budgets}
    first = 0
    reciprocal = 0.0
    refused = refused_off_topic = 0
    total = off_topic = 0
    for document in corpus["documents"]:
        text = document["text"]
        passages = split_passages(text)
        for item in document["questions"]:
            total += 1
            ranking = rank(passages, item["question"], stem)
            answer = item["answer"]["start"]
            position = next((i for i, r in enumerate(ranking.ranked)
                             if r.passage.start <= answer < r.passage.end), None)
            if position == 0:
                first += 1
            if position is not None and ranking.ranked[position].score > 0:
                reciprocal += 1 / (position + 1)
            refused += not ranking.found
            for budget in budgets:
                sent = fit(ranking, budget, lambda r: tokens(r.passage.text)) if ranking.found else []
                hits[budget] += any(r.passage.start <= answer < r.passage.end for r in sent)
        for question in document["unanswerable"]:
            off_topic += 1
            refused_off_topic += not rank(passages, question, stem).found
    return {
        "questions": total,
        "recall": {str(b): round(hits[b] / total, 3) for b in budgets},
        "top1": round(first / total, 3),
        "mrr": round(reciprocal / total, 3),
        "answerable_refused": round(refused / total, 3),
        "off_topic_refused": round(refused_off_topic / off_topic, 3),
    }


def one_pass(text: str, question: str, budget: int, redaction: Any = None,
             count: Callable[[str], int] | None = None) -> tuple[float, float, Ranking]:
    """Wall and CPU milliseconds of the step, and its ranking. With a redaction, the step as the product
    runs it: the chosen passages cut from the masked text and counted with the model's tokenizer."""
    started, cpu = time.perf_counter(), time.process_time()
    ranking = rank(split_passages(text), question)
    if redaction is not None and count is not None:
        excerpts(ranking, redaction, budget, count)
    else:
        fit(ranking, budget, lambda r: tokens(r.passage.text))
    return (time.perf_counter() - started) * 1000, (time.process_time() - cpu) * 1000, ranking


def tokenizer() -> tuple[str, Callable[[str], int]]:
    """The test model's tokenizer (make models), as the local engine counts; else characters / 3."""
    path = ROOT / "instance" / "models" / "small" / "tokenizer.json"
    if not path.exists():
        return "characters / 3", lambda t: int(len(t) / CHARS_PER_TOKEN) + 1
    from tokenizers import Tokenizer

    loaded = Tokenizer.from_file(str(path))
    return "the small test model's tokenizer", lambda t: len(loaded.encode(t, add_special_tokens=False).ids)


def overhead(corpus: dict[str, Any], repeat: int, budget: int) -> dict[str, Any]:
    text = "\n\n".join(d["text"] for d in corpus["documents"])[:200_000]
    questions = [q["question"] for d in corpus["documents"] for q in d["questions"]]
    cold = _cold(text, questions[0], budget)
    from backend.redaction import get_redactor

    redactor = get_redactor()
    redactor.redact(text[:2000])  # load the name model once, outside the timing
    redaction, redaction_cpu = [], []
    masked = None
    for _ in range(max(3, repeat // 5)):
        started, cpu = time.perf_counter(), time.process_time()
        masked = redactor.redact(text)
        redaction.append((time.perf_counter() - started) * 1000)
        redaction_cpu.append((time.process_time() - cpu) * 1000)
    counted_with, count = tokenizer()
    runs = [one_pass(text, questions[i % len(questions)], budget, masked, count) for i in range(repeat)]
    warm = sorted(r[0] for r in runs)
    warm_cpu = sorted(r[1] for r in runs)
    median = statistics.median(warm)
    return {
        "characters": len(text),
        "passages": len(split_passages(text)),
        "entities": len(masked.entities) if masked else 0,
        "tokens_counted_with": counted_with,
        "retrieval_ms_median": round(median, 1),
        "retrieval_ms_p95": round(warm[int(0.95 * (len(warm) - 1))], 1),
        "retrieval_cpu_ms_median": round(statistics.median(warm_cpu), 1),
        "retrieval_cpu_ms_cold": round(cold, 1),
        "redaction_ms_median": round(statistics.median(redaction), 1),
        "redaction_cpu_ms_median": round(statistics.median(redaction_cpu), 1),
        "retrieval_per_redaction": round(median / statistics.median(redaction), 3),
    }


def _cold(text: str, question: str, budget: int) -> float:
    """CPU ms of the first question in a fresh process: no stem cached (imports not timed)."""
    code = ("import json,sys,time; sys.path.insert(0, sys.argv[1]); sys.path.insert(0, sys.argv[1] + '/bench');"
            "import retrieval as r; d=json.load(sys.stdin);"
            "print(r.one_pass(d['text'], d['question'], d['budget'])[1])")
    out = subprocess.run([sys.executable, "-c", code, str(ROOT)], input=json.dumps(
        {"text": text, "question": question, "budget": budget}), capture_output=True, text=True, check=True)
    return float(out.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--budgets", default="1000,2000,3500",
                        help="prompt budgets for the passages, in tokens (3500: a 4,096-token model)")
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    budgets = [int(b) for b in args.budgets.split(",")]
    corpus = json.loads(CORPUS.read_text(encoding="utf-8"))
    result = {
        "documents": len(corpus["documents"]),
        "mean_characters": sum(len(d["text"]) for d in corpus["documents"]) // len(corpus["documents"]),
        "stemmed": recall(corpus, budgets, stem=True),
        "plain": recall(corpus, budgets, stem=False),
        "overhead": overhead(corpus, args.repeat, budgets[-1]),
    }
    print(json.dumps(result, indent=1, ensure_ascii=False))
    best = result["stemmed"]["recall"][str(budgets[-1])]
    ms = result["overhead"]["retrieval_cpu_ms_median"]
    print(f"recall_stemmed={best} recall_plain={result['plain']['recall'][str(budgets[-1])]} "
          f"goal_recall={'met' if best >= GOAL_RECALL else 'missed'} retrieval_cpu_ms={ms} "
          f"goal_ms={'met' if ms < GOAL_MS else 'missed'}")


if __name__ == "__main__":
    main()
