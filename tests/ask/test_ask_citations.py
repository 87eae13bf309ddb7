"""Citations: the quote list is held back from the stream, and only quotes found in the text survive."""

from __future__ import annotations

import random

from backend.ask.citations import QuoteSplitter, build, locate, parse_quotes
from backend.ask.passages import split_passages

TEXT = ("§ 1 Budget\n\nNämnden beslutar att budgeten för 2027 ska vara 12 miljoner kronor.\n\n"
        "§ 2 Förskola\n\nAnna Svensson redovisade att förskolan ska renoveras\nunder våren 2027.")
ANSWER = "Förskolan ska renoveras under våren 2027 [2]. Budgeten är 12 miljoner [1]."
SECTION = ('\n\nCitat:\n[1] "budgeten för 2027 ska vara 12 miljoner kronor"\n'
           '[2] "förskolan ska renoveras under våren 2027"\n')


def _split(pieces: list[str]) -> tuple[str, str, str]:
    splitter = QuoteSplitter()
    shown = "".join(splitter.feed(p) for p in pieces) + splitter.finish()
    return shown, splitter.shown, splitter.section


def test_the_quote_list_is_held_back_wherever_the_stream_splits() -> None:
    whole = ANSWER + SECTION
    rng = random.Random(7)
    for _ in range(200):
        cuts = sorted(rng.sample(range(1, len(whole)), rng.randint(1, 30)))
        pieces = [whole[a:b] for a, b in zip([0, *cuts], [*cuts, len(whole)], strict=True)]
        shown, kept, section = _split(pieces)
        assert shown == ANSWER == kept
        assert "[1] \"budgeten" in section and "Citat" in section


def test_the_list_is_found_under_other_headers_and_without_one() -> None:
    for header in ("Quotes:", "**Källor:**", "## Citat", "Sources:\n"):
        shown, _, section = _split([ANSWER, "\n\n", header, "\n", '[1] "x y z"'])
        assert shown == ANSWER, header
        assert parse_quotes(section) == [(1, "x y z")]
    shown, _, section = _split([ANSWER, "\n", '[1]: “budgeten för 2027”'])
    assert shown == ANSWER and parse_quotes(section) == [(1, "budgeten för 2027")]


def test_answer_lines_that_only_look_like_a_header_pass_through_at_once() -> None:
    splitter = QuoteSplitter()
    assert splitter.feed("[1] Nämnden beslutade") == "[1] Nämnden beslutade"
    assert splitter.feed("\nKällan är protokollet") == "\nKällan är protokollet"
    assert splitter.feed("\nCitat från mötet visar") == "\nCitat från mötet visar"
    assert splitter.finish() == ""


def test_quotes_are_found_exactly_or_across_white_space_and_nothing_else() -> None:
    start = TEXT.index("förskolan ska")
    assert locate("förskolan ska renoveras under våren 2027", TEXT) == (start, TEXT.index("2027.", start) + 4)
    assert locate("Nämnden beslutar", TEXT) == (TEXT.index("Nämnden"), TEXT.index("Nämnden") + 16)
    assert locate("nämnden beslutar", TEXT) is None  # case must match
    assert locate("förskolan ska byggas om", TEXT) is None
    assert locate("2027", TEXT) is None  # too short to say anything checkable


def test_invented_quotes_are_dropped_and_every_citation_is_an_exact_substring() -> None:
    passages = split_passages(TEXT, min_chars=0)
    section = ('Citat:\n[1] "budgeten för 2027 ska vara 12 miljoner kronor"\n'
               '[2] "förskolan ska rivas och byggas upp på nytt"\n'
               '[3] "Anna Svensson redovisade"\n[9] "Nämnden beslutar"')
    answer = "Budget [1]. Förskolan [2]. Anna [3]. Mer [4]."
    citations = build(answer, section, TEXT, passages)
    assert [c.id for c in citations] == [1, 3, 4]  # [2] invented, [9] no such passage
    for c in citations:
        assert TEXT[c.start:c.end] == c.quote
    by_id = {c.id: c for c in citations}
    assert by_id[1].quote == "budgeten för 2027 ska vara 12 miljoner kronor"
    # A marker without a quote cites its whole passage.
    assert (by_id[4].start, by_id[4].end) == (passages[3].start, passages[3].end)


def test_random_quotes_never_yield_a_citation_that_is_not_in_the_text() -> None:
    passages = split_passages(TEXT, min_chars=0)
    rng = random.Random(3)
    vocabulary = [*TEXT.split(), "rivas", "Erik", "2028", "nya", "beslutade"]
    for _ in range(300):
        lines = []
        for n in range(1, 5):
            words = rng.sample(vocabulary, rng.randint(2, 8))
            lines.append(f'[{n}] "{" ".join(words)}"')
        for c in build("Svar [1] [2] [3] [4].", "Citat:\n" + "\n".join(lines), TEXT, passages):
            assert TEXT[c.start:c.end] == c.quote
