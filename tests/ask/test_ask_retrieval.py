"""Retrieval: BM25 with the Swedish stemmer finds the passage, budgets hold, off-topic questions are told so."""

from __future__ import annotations

from backend.ask.passages import split_passages
from backend.ask.retrieval import fit, rank, words

FILLER = [
    "Ordföranden öppnade sammanträdet och hälsade ledamöterna välkomna till dagens möte.",
    "Protokollet från föregående sammanträde lades till handlingarna utan anmärkningar.",
    "Förvaltningen informerade om arbetet med den digitala anslagstavlan och om nya rutiner för arkivet.",
    "Ledamöterna diskuterade lokalfrågor i allmänhet utan att något förslag lades fram.",
]
ANSWER = ("§ 14 Renovering av förskolan Solrosen. Tekniska nämnden beslutar att förskolans kök ska "
          "renoveras under hösten 2027 och att kostnaden får uppgå till 3,2 miljoner kronor.")


def _protocol() -> str:
    paragraphs = [f"§ {i} Information. " + " ".join(FILLER[(i + k) % 4] for k in range(3)) for i in range(1, 14)]
    paragraphs.append(ANSWER)
    paragraphs += [f"§ {i} Övrigt. " + " ".join(FILLER[(i + k) % 4] for k in range(2)) for i in range(15, 40)]
    return "\n\n".join(paragraphs)


def test_stemming_finds_inflected_forms_that_plain_words_miss() -> None:
    text = _protocol()
    passages = split_passages(text, min_chars=0)
    question = "När renoveras köket på förskolorna, och vad får renoveringen kosta?"
    stemmed = rank(passages, question)
    assert ANSWER in stemmed.ranked[0].passage.text
    assert stemmed.found
    assert words("förskolorna förskolor förskola") == ["förskol"] * 3
    plain = rank(passages, question, stem=False)
    assert plain.coverage < stemmed.coverage


def test_a_question_the_text_does_not_answer_is_not_found() -> None:
    passages = split_passages(_protocol())
    assert not rank(passages, "Hur mycket kostar en tågbiljett till Kiruna i juli?").found
    assert rank(passages, "Vad beslutade tekniska nämnden om förskolan Solrosen?").found


def test_a_question_of_only_general_words_is_about_the_whole_text() -> None:
    ranking = rank(split_passages(_protocol()), "Vad handlar texten om?")
    assert ranking.question_words == 0 and ranking.found


def test_fit_takes_the_best_passages_that_fit_in_text_order() -> None:
    passages = split_passages(_protocol(), min_chars=0)
    ranking = rank(passages, "renovering förskolan Solrosen kök kostnad")
    cost = {r.index: len(r.passage.text) // 4 for r in ranking.ranked}
    budget = cost[ranking.ranked[0].index] + 60
    chosen = fit(ranking, budget, lambda r: cost[r.index])
    assert ranking.ranked[0] in chosen
    assert sum(cost[r.index] for r in chosen) <= budget
    assert [r.index for r in chosen] == sorted(r.index for r in chosen)
    assert all(r.score > 0 for r in chosen)  # passages without a word of the question stay out
    # A text that fits goes whole.
    everything = fit(ranking, sum(cost.values()), lambda r: cost[r.index])
    assert len(everything) == len(passages)
    assert fit(ranking, 0, lambda r: cost[r.index]) == []


def test_a_compound_in_the_question_finds_its_parts_in_the_text() -> None:
    from backend.ask.passages import Passage

    texts = ["Avgiften för bygglov följer den taxa som fullmäktige har antagit.",
             "Avgiften för tillsyn inom miljö och hälsoskydd höjs från den 1 januari.",
             "Livsmedelskontrollen sker enligt den plan som nämnden beslutar.",
             "Miljönämnden sammanträder fyra gånger om året i kommunhuset."]
    passages = [Passage(i * 200, i * 200 + len(t), t) for i, t in enumerate(texts)]
    question = "Höjs avgiften för miljötillsynen?"
    ranking = rank(passages, question)
    assert ranking.ranked[0].index == 1 and ranking.found
    plain = rank(passages, question, stem=False)
    assert plain.coverage < ranking.coverage


def test_stemming_from_many_threads_gives_the_same_stems() -> None:
    import sys
    import threading

    import snowballstemmer

    from backend.ask import retrieval

    vocabulary = sorted({w.lower() for w in _protocol().split() if w.isalpha()} |
                        {f"{stem}{end}" for stem in ("förskol", "beslut", "nämnd", "renover", "kommun")
                         for end in ("", "en", "ens", "er", "erna", "ade", "ande", "ing", "ingen", "ar", "arna")})
    expected = {w: snowballstemmer.stemmer("swedish").stemWord(w) for w in vocabulary}
    failures: list[str] = []

    def work(offset: int) -> None:
        for i in range(len(vocabulary)):
            word = vocabulary[(i + offset) % len(vocabulary)]
            try:
                if retrieval._swedish().stemWord(word) != expected[word]:
                    failures.append(word)
            except IndexError:  # what a stemmer shared between threads raises, mid-word
                failures.append(word)

    # Switching threads every microsecond: one stemmer shared by all threads fails this at once.
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        for _ in range(3):
            threads = [threading.Thread(target=work, args=(n * 7,)) for n in range(8)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
    finally:
        sys.setswitchinterval(interval)
    assert failures == []
