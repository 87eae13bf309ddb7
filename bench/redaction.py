"""Redaction throughput (MB/s) and memory, Kollega beside Presidio, on case notes and e-mails and on plain prose.

    .venv/bin/python bench/redaction.py [--mb 1.0] [--repeat 3] [--no-presidio]

Two corpora of at least --mb megabytes each, seeded:
- "case": case notes, e-mails, chat and protocols with 3-5 personal-data entities per 100 words
  (tests/redaction/holdout_corpus.py and redaction_corpus.py generators);
- "prose": plain office prose with no personal data (handwritten sentences, shuffled).

Kollega (rules and the trained name model; and the rules alone, to show what the model costs) and
Presidio run on the same documents in the same process, interleaved, best of --repeat, in CPU time.
Presidio 2.2.366 runs with its Swedish-capable pattern recognizers (personnummer, phone, e-mail,
IBAN, credit card) and a blank Swedish spaCy pipeline as its NLP engine: no Swedish spaCy model can
be installed from PyPI, so Presidio's own name detection has no model to use. Memory: a child
process per side reads the same texts and
reports how much its resident set grew (VmRSS after, less VmRSS before loading) and its peak (VmHWM).
"""

from __future__ import annotations

import argparse
import json
import random
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "tests" / "redaction")]

MARK = re.compile(r"\[\[([A-Z]+):(.+?)\]\]", re.S)

PROSE = (
    "Kommunen ansvarar för att den som vistas i kommunen får det stöd och den hjälp som behövs.",
    "Nämnden ska verka för att äldre människor får möjlighet att leva och bo självständigt under trygga former.",
    "Handlingarna finns tillgängliga på kommunens webbplats och i receptionen i stadshuset.",
    "Budgeten för nästa år innebär en ökning av ramarna för förskola och skola med två procent.",
    "Arbetet med den nya översiktsplanen fortsätter under hösten med samråd i flera kommundelar.",
    "Förvaltningen föreslår att nämnden godkänner rapporten och lägger den till handlingarna.",
    "Syftet med insatsen är att stärka den enskildes förmåga att klara sin vardag.",
    "Enligt skollagen ska varje elev ges den ledning och stimulans som hen behöver.",
    "Vi har under året sett ett ökat behov av hemtjänst i de norra delarna av kommunen.",
    "Den digitala utvecklingen ställer nya krav på både medarbetare och chefer.",
    "Rutinen gäller från och med den första mars och ersätter tidigare rutiner på området.",
    "Samverkan med regionen sker inom ramen för den gemensamma ledningsgruppen.",
    "Medarbetarenkäten visar att de flesta trivs på jobbet men upplever hög arbetsbelastning.",
    "Ansökan ska lämnas senast den sista i månaden för att behandlas vid nästa sammanträde.",
    "Kostnaderna för lokaler har ökat mer än beräknat på grund av högre energipriser.",
    "Uppföljningen visar att målen för året i huvudsak har uppnåtts.",
    "Den som är missnöjd med beslutet kan överklaga det till förvaltningsrätten inom tre veckor.",
    "Ett nytt verksamhetssystem upphandlas under våren och beräknas vara i drift nästa år.",
    "Personalen har fått utbildning i lågaffektivt bemötande och i dokumentation.",
    "Det förebyggande arbetet mot våld i nära relationer är en prioriterad fråga.",
    "Biblioteket har utökat sina öppettider under sommaren och ordnar läsfrämjande aktiviteter.",
    "Trafiksäkerheten kring skolorna ses över tillsammans med trafikverket.",
    "Internkontrollplanen beskriver vilka risker som ska följas upp och hur det ska gå till.",
    "Ekonomiskt bistånd prövas utifrån den enskildes behov och förutsättningar.",
    "Måltiderna i förskolan ska vara näringsriktiga och anpassade efter barnens behov.",
    "Arbetsmiljöverket har genomfört en inspektion och lämnat några synpunkter.",
    "Planen antas av kommunfullmäktige och gäller i fyra år.",
    "Verksamheten bedrivs i enlighet med gällande lagar, föreskrifter och riktlinjer.",
    "Samråd med de boende har skett vid två tillfällen under våren.",
    "Frågan återkommer till nämnden efter sommaren med ett förslag till beslut.",
)


def case_corpus(min_mb: float) -> tuple[list[str], float]:
    """Generated case notes and e-mails until min_mb megabytes, and their entities per 100 words."""
    from holdout_corpus import generate as holdout_generate
    from redaction_corpus import generate as office_generate

    rng = random.Random(3)
    texts: list[str] = []
    size, entities, words, seed = 0, 0, 0, 1

    def add(text: str, found: int) -> None:
        # The generated notes are dense; running text around them ("Bakgrund", "Bedömning") brings a
        # document to about 4 entities per 100 words, as real case notes and e-mails have.
        nonlocal size, entities, words
        parts = [text]
        count = len(text.split())
        while count < found * 25:
            sentence = rng.choice(PROSE)
            parts.append(sentence)
            count += len(sentence.split())
        doc = "\n".join(parts) if rng.random() < 0.5 else " ".join(parts)
        texts.append(doc)
        entities += found
        words += count
        size += len(doc.encode())

    while size < min_mb * 1e6:
        for _doc_id, marked in holdout_generate(300, seed=seed):
            add(MARK.sub(lambda m: m.group(2), marked), len(MARK.findall(marked)))
        for doc in office_generate(150, seed=seed):
            add(doc.text, len(doc.gold))
        seed += 1
    return texts, 100 * entities / max(1, words)


def prose_corpus(min_mb: float) -> list[str]:
    rng = random.Random(7)
    texts: list[str] = []
    size = 0
    while size < min_mb * 1e6:
        paragraphs = [" ".join(rng.sample(PROSE, rng.randint(3, 6))) for _ in range(rng.randint(2, 5))]
        text = "\n\n".join(paragraphs)
        texts.append(text)
        size += len(text.encode())
    return texts


def kollega() -> Callable[[str], Any]:
    from backend.redaction import get_redactor

    redactor = get_redactor()
    redactor.redact("Hej Anna!")  # load the lists and the model before timing
    return redactor.redact


def kollega_rules_only() -> Callable[[str], Any]:
    """Kollega without the trained name model: what the model costs."""
    from backend.redaction import Redactor
    from backend.redaction.recognizers import PersonRecognizer
    from backend.redaction.redactor import default_recognizers
    from backend.redaction.registry import RecognizerRegistry

    redactor = Redactor()
    redactor.registry = RecognizerRegistry(
        PersonRecognizer(load_model=False) if isinstance(r, PersonRecognizer) else r for r in default_recognizers()
    )
    redactor.redact("Hej Anna!")
    return redactor.redact


def presidio() -> Callable[[str], Any] | None:
    """Presidio's pattern recognizers with a blank Swedish spaCy pipeline, or None if not installed."""
    try:
        import spacy
        import tldextract
        from presidio_analyzer import AnalyzerEngine, RecognizerRegistry
        from presidio_analyzer.nlp_engine import SpacyNlpEngine
        from presidio_analyzer.predefined_recognizers import (
            CreditCardRecognizer,
            EmailRecognizer,
            IbanRecognizer,
            PhoneRecognizer,
            SePersonnummerRecognizer,
        )
    except ImportError:
        return None
    # Presidio's e-mail check calls tldextract, which would fetch the suffix list over the network.
    offline = tldextract.TLDExtract(suffix_list_urls=())
    tldextract.extract = offline
    import presidio_analyzer.predefined_recognizers.generic.email_recognizer as email_module

    email_module.tldextract = tldextract  # type: ignore[attr-defined]
    blank = Path(tempfile.mkdtemp(prefix="sv-blank-"))
    spacy.blank("sv").to_disk(blank)
    engine = SpacyNlpEngine(models=[{"lang_code": "sv", "model_name": str(blank)}])
    registry = RecognizerRegistry(supported_languages=["sv"])
    for recognizer in (
        SePersonnummerRecognizer(supported_language="sv"),
        PhoneRecognizer(supported_language="sv", supported_regions=("SE", "NO", "DK", "FI", "DE", "GB", "US")),
        EmailRecognizer(supported_language="sv"),
        IbanRecognizer(supported_language="sv"),
        CreditCardRecognizer(supported_language="sv"),
    ):
        registry.add_recognizer(recognizer)
    analyzer = AnalyzerEngine(registry=registry, nlp_engine=engine, supported_languages=["sv"])

    def analyze(text: str) -> Any:
        return analyzer.analyze(text=text, language="sv")

    analyze("Hej Anna!")
    return analyze


def seconds(fn: Callable[[str], Any], texts: list[str]) -> float:
    """CPU seconds of this process for one pass: steadier than wall time on a shared machine."""
    start = time.process_time()
    for text in texts:
        fn(text)
    return time.process_time() - start


def _status_kb(field: str) -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1])
    return 0


def memory_child(side: str, path: str) -> None:
    """Run in a child: load one side, redact every text, print how much the resident set grew."""
    texts = json.loads(Path(path).read_text(encoding="utf-8"))
    before = _status_kb("VmRSS")
    fn = kollega() if side == "kollega" else presidio()
    if fn is None:
        print(json.dumps({"side": side, "skipped": True}))
        return
    for text in texts:
        fn(text)
    print(json.dumps({"side": side, "grew_mb": (_status_kb("VmRSS") - before) / 1024,
                      "peak_mb": _status_kb("VmHWM") / 1024, "before_mb": before / 1024}))


def memory(side: str, texts: list[str]) -> dict[str, Any]:
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8", delete=False) as f:
        json.dump(texts, f)
    try:
        out = subprocess.run([sys.executable, __file__, "--memory-child", side, f.name], capture_output=True,
                             text=True, check=True, timeout=1800)
        result: dict[str, Any] = json.loads(out.stdout.strip().splitlines()[-1])
        return result
    finally:
        Path(f.name).unlink()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--mb", type=float, default=1.0, help="size of each corpus in megabytes (at least 1)")
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-presidio", action="store_true")
    ap.add_argument("--memory-child", nargs=2, metavar=("SIDE", "TEXTS"), help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.memory_child:
        memory_child(*args.memory_child)
        return
    mb = max(1.0, args.mb)
    case, density = case_corpus(mb)
    corpora = {"case": case, "prose": prose_corpus(mb)}
    print(f"case notes and e-mails: {len(case)} documents, {sum(len(t.encode()) for t in case) / 1e6:.2f} MB, "
          f"{density:.1f} entities per 100 words")
    print(f"plain prose: {len(corpora['prose'])} documents, "
          f"{sum(len(t.encode()) for t in corpora['prose']) / 1e6:.2f} MB")
    redact = kollega()
    rules = kollega_rules_only()
    analyze = None if args.no_presidio else presidio()
    for name, texts in corpora.items():
        size = sum(len(t.encode()) for t in texts) / 1e6
        # Interleaved, best of --repeat: a burst of load elsewhere hits both sides alike.
        best_k, best_r, best_p = float("inf"), float("inf"), float("inf")
        for _ in range(args.repeat):
            best_k = min(best_k, seconds(redact, texts))
            best_r = min(best_r, seconds(rules, texts))
            if analyze is not None:
                best_p = min(best_p, seconds(analyze, texts))
        line = f"{name:6s} kollega {size / best_k:6.2f} MB/s (rules only {size / best_r:5.2f})"
        if analyze is not None:
            line += f"   presidio {size / best_p:6.2f} MB/s   ratio {best_p / best_k:5.1f}x"
        print(line)
    sides = ["kollega"] + ([] if args.no_presidio or analyze is None else ["presidio"])
    for side in sides:
        m = memory(side, case)
        if m.get("skipped"):
            continue
        print(f"memory {side:8s} +{m['grew_mb']:.0f} MB resident after loading and redacting the case corpus "
              f"(peak {m['peak_mb']:.0f} MB, bare interpreter with the texts {m['before_mb']:.0f} MB)")
    if analyze is None and not args.no_presidio:
        print("presidio: not installed (pip install -e '.[bench]' to compare)")


if __name__ == "__main__":
    main()
