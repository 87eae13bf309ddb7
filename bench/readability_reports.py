"""Every readability report for a fixed set of varied texts, one JSON line per text, to compare two trees.

    .venv/bin/python bench/readability_reports.py OUT.jsonl [--texts-from OTHER_TREE]

A change that should not change behaviour (a speed-up) is checked by running this on main and on the
branch and comparing the two files byte for byte (`cmp`). The texts come from this tree's tests and
docs, or from OTHER_TREE's, so that two trees whose docs or tests differ read the same texts.

The texts: the test texts and decision letters, the hand-tagged samples, every string constant in
the readability, pathological and API tests, docs/readability.md (whole, by paragraph, each quoted
example), the pathological inputs at three lengths, documents built like bench/readability.py's, and
3,000 random mixtures of pieces that sit on the rules' edges (abbreviations, acronyms, passives, list
markers, line breaks, odd case folds). Each line holds analyze()'s report, lix(), findings_for_prompt()
in both languages, and hashes of the sentences and the tags.
"""

from __future__ import annotations

import argparse
import ast
import hashlib
import importlib.util
import json
import random
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(REPO_ROOT), str(REPO_ROOT / "tests" / "pathological")]

from pathological_inputs import INPUTS, KNOWN_SLOW  # noqa: E402

from backend.readability import analyze, findings_for_prompt, lix  # noqa: E402
from backend.readability.splitting import split_sentences  # noqa: E402
from backend.readability.tagger import tag_words  # noqa: E402


def texts(src: Path) -> list[tuple[str, str]]:
    """(name, text) for every text, always in the same order, read from the tree at src."""
    spec = importlib.util.spec_from_file_location("readability_bench", src / "bench" / "readability.py")
    assert spec is not None and spec.loader is not None
    bench = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(bench)

    texts: list[tuple[str, str]] = []
    for path in sorted((src / "tests" / "readability" / "texts").glob("*.txt")):
        texts.append((path.name, path.read_text(encoding="utf-8")))
    dec = (src / "tests" / "readability" / "decisions" / "decisions.txt").read_text(encoding="utf-8")
    for block in dec.split("\n=== ")[1:]:
        name, _, body = block.partition("\n")
        head, _, rest = body.partition("--- appeal\n")
        appeal, _, tail = rest.partition("--- rest\n")
        texts.append((f"decision:{name}:with", head + appeal + tail))
        texts.append((f"decision:{name}:without", head + tail))
    texts.append(("decisions.txt", dec))
    for name in ("sample.txt", "heldout.txt"):
        tagged = (src / "tests/readability/tagged" / name).read_text(encoding="utf-8").splitlines()
        lines = [line for line in tagged if line and not line.startswith("#")]
        sents = [" ".join(token.rpartition("/")[0] for token in line.split()) for line in lines]
        texts.append((f"tagged:{name}", ". ".join(sents) + "."))
        texts.append((f"tagged-lines:{name}", "\n".join(sents)))
    # every string constant in the readability/pathological tests and the API tests
    sources = [*(src / "tests" / "readability").glob("*.py"), *(src / "tests" / "pathological").glob("*.py"),
               src / "tests/api/test_requests.py", src / "tests/generation/test_pipeline.py"]
    for path in sorted(sources):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for i, node in enumerate(ast.walk(tree)):
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and node.value.strip():
                texts.append((f"const:{path.name}:{i}", node.value))
    # docs: each paragraph, each quoted example, and the whole file
    doc = (src / "docs" / "readability.md").read_text(encoding="utf-8")
    texts.append(("docs:whole", doc))
    for i, para in enumerate(doc.split("\n\n")):
        texts.append((f"docs:para:{i}", para))
    for i, q in enumerate(re.findall(r"[\"”“]([^\"”“\n]{3,})[\"”“]", doc)):
        texts.append((f"docs:quote:{i}", q))
    for name, make in {**INPUTS, **KNOWN_SLOW}.items():
        for n in (7, 50, 3000):
            texts.append((f"patho:{name}:{n}", make(n)))
    for seed in range(1, 6):
        texts.append((f"bench:seed{seed}:60k", bench.document(60_000, seed)))
    texts.append(("bench:1MB", bench.document(1_000_000)))
    # fuzz: pieces that sit on the rules' edges, glued at random
    pieces = ["Beslut", "beslutet", "t.ex.", "t. ex.", "t ex", "bl.a.", "m.m.", "CSN", "SoL", "LSS", "XIV", "(CSN)",
              "Centrala studiestödsnämnden", "står för", "blir beviljad", "blev inte avslagen", "är", "var", "Är",
              "VAR",
              "inte", "beviljad", "fattat", "nöjd", "ansökan", "om", "bidrag", "till", "anpassning", "av", "bostad",
              "sökanden", "du", "Du", "ni", "er", "Dina-Lena", "delgivning", "laga kraft", "vite", "vilket betyder",
              "handläggningen", "ansökningar", "utredningen", "tjänsteskrivelse", "kommunernas", "lämnas", "skickades",
              "finnas", "plats", "insats", "hoppas", "tas", "gas", "att", "som", "eftersom", "när", "där",
              "1 000", "12 500,50", "3.5", "08.30", "2025-03-14", "https://www.example.se/a.b", "www.kommun.se",
              "anna.svensson@kommun.se", "e-post", "EU:s", "Anna K. Svensson", "s. 12", "vitamin C", "enl. lag",
              "İstanbul", "ÅÄÖ", "Överklagande", "angående", "Angående", "ANGÅENDE", "erhålla", "i syfte att",
              "bostadsbidraget", "arbetsbelastning", "hög", "den", "det", "de", "en", "har", "skickat", "frågor",
              "förvaltningsrätten", "överklaga", "inom tre veckor", "Skäl", "Motivering", "avslår", "x" * 60,
              "abcdef.abcdef", "a\u00ad b", "\u2028", "\u00a0", "\u202f"]
    seps = [" ", " ", " ", " ", ", ", ". ", "! ", "? ", "… ", ":\n", "\n", "\n\n", "\r\n", "\r", "\v", " - ", "\n- ",
            "\n1. ", "\na) ", "\n(2) ", "\n• ", "...", " (", ") ", "”", " »", "\t", ": ", ";"]
    rng = random.Random(18)
    for i in range(3000):
        n = rng.randint(1, 120)
        parts = []
        for _ in range(n):
            parts.append(rng.choice(pieces))
            parts.append(rng.choice(seps))
        texts.append((f"fuzz:{i}", "".join(parts)))
    return texts


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="the JSON lines file to write")
    parser.add_argument("--texts-from", type=Path, default=REPO_ROOT, help="the tree to read the texts from")
    args = parser.parse_args()
    all_texts = texts(args.texts_from.resolve())
    with args.out.open("w", encoding="utf-8") as out:
        for name, text in all_texts:
            report = analyze(text)
            sentences = split_sentences(text)
            record = {
                "name": name,
                "sha": _digest(text),
                "report": report.to_json(),
                "lix": lix(text),
                "sentences": _digest(json.dumps([list(sentence) for sentence in sentences], ensure_ascii=False)),
                "tags": _digest(json.dumps([tag_words(sentence.words) for sentence in sentences])),
            }
            try:
                record["prompt_sv"] = findings_for_prompt(report, text)
                record["prompt_en"] = findings_for_prompt(report, text, "en", limit=5)
            except Exception as error:
                record["prompt_error"] = repr(error)
            out.write(json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n")
    print(len(all_texts), "texts")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
