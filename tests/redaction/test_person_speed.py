"""The person rules' speed tricks find exactly what their plain forms find.

Each pattern rewritten for speed is checked against the plain form it replaced, and each cheap test
made before a pattern (a gate) is checked never to skip a match of the pattern it guards: on the test
corpora, generated case notes, and random text built from the characters that matter to each.
"""

from __future__ import annotations

import random
import re
from itertools import pairwise
from pathlib import Path

from holdout_corpus import generate, unmarked
from pattern_checks import fuzz, same_matches, spans_and_groups

from backend.redaction.recognizers.person import classify, context, things, words, wordscan
from backend.redaction.text import CAP_WORD_RE, WORD_RE

HERE = Path(__file__).resolve().parent



# Generated case notes, e-mails and chat: short documents for the tests that try every position.
NOTES = [unmarked(marked) for _id, marked in generate(300, seed=4)]
CORPUS = [*(p.read_text(encoding="utf-8") for p in sorted(HERE.glob("*.txt"))), *NOTES]
# Letters, capitals of several scripts, combining marks and invisible joiners, hyphens and apostrophes.
WORD_PIECES = ("a", "A", "å", "Ö", "é", "É", "\u0301", "\u00ad", "\u200b", "Ω", "ω", "Ж", "ǅ", "-", "'", "’",
               " ", "\n", "1", "_", ".", "Anna", "Svensson-Berg", "O'Neil", "x", "\u2060", "ß", "İ")
FUZZ_WORDS = fuzz(random.Random(21), WORD_PIECES, 6000)



def test_word_patterns_match_text_py_patterns() -> None:
    hits = 0
    for text in [*CORPUS, *FUZZ_WORDS]:
        fast = spans_and_groups(wordscan.CAP_WORD.finditer(text))
        assert fast == spans_and_groups(CAP_WORD_RE.finditer(text)), text[:200]
        assert spans_and_groups(wordscan.WORD.finditer(text)) == spans_and_groups(WORD_RE.finditer(text)), text[:200]
        hits += len(fast)
    assert hits > 10_000


def test_capitalised_words_found_without_match_objects_where_finditer_finds_them() -> None:
    tricky = ["xAnna Anna", "_Anna Anna", "1Anna Anna", "e\u0301Anna Anna", "AnnaAnna Anna", "Anna-Anna Anna",
              "ÅsaÅsa Åsa", "²Anna Anna", "Anna\u0301Anna Anna", "a-Anna Anna", "'Anna Anna", "xÅ Å", "ŉAnna Anna"]
    rng = random.Random(34)
    pool = (*WORD_PIECES, "Anna", "xAnna", "_Anna", "1Anna", "\u0301Anna", "Å", "xÅ")
    texts = [*CORPUS, *FUZZ_WORDS, *tricky, *fuzz(rng, pool, 6000, 12)]
    found = 0
    for text in texts:
        got = wordscan.cap_words(text)
        assert got == [(m.start(), m.group()) for m in CAP_WORD_RE.finditer(text)], text[:200]
        found += len(got)
    assert found > 10_000


def test_slash_initials_open_with_the_slash_and_match_the_plain_form() -> None:
    plain = re.compile(r"(?:^|(?<=\s))/[ \t]?([A-ZÅÄÖ](?:\.?[ \t]?-?[A-ZÅÄÖ]){0,3}\.?)(?=[ \t]*(?:\r?\n|$))")
    pieces = ("/", " ", "\t", "\n", "\r\n", "A", "B.", "K-E", "HL", ".", "-", "x", "Å", "a", "/ ", "é", "1")
    texts = [*CORPUS, *fuzz(random.Random(22), pieces, 6000, 15)]
    hits = 0
    for text in texts:
        got = spans_and_groups(context.SLASH_INITIALS.finditer(text))
        assert got == spans_and_groups(plain.finditer(text)), text[:200]
        hits += len(got)
    assert hits > 200


def _positions(texts: list[str]) -> list[tuple[str, int]]:
    return [(text, i) for text in texts for i in range(len(text) + 1)]


def test_gated_matches_after_a_word_equal_the_patterns() -> None:
    pieces = (" ", "\u00a0", "\t", "\n", "-", "Anna", "Ek", "gården", "a", "Å", "x", ",", "1", "_", "é",
              "Marie-gården", " -skolan", "ö", "B")
    texts = [*NOTES[:150], *fuzz(random.Random(23), pieces, 3000, 12),
             "Anna " + "x" * 70 + "-gården", "Anna " + "x" * 63 + "-a", "Anna  " + "y" * 64, "a-" + " " * 80 + "-b"]
    caps = compounds = 0
    for text, end in _positions(texts):
        plain = things._CAP_AFTER.match(text, end)
        fast = things.cap_after(text, end)
        assert (fast and fast.span()) == (plain and plain.span()), (text[:200], end)
        compound = things._COMPOUND_AFTER.match(text, end) is not None
        assert things.compound_after(text, end) == compound, (text[:200], end)
        caps += plain is not None
        compounds += compound
    assert caps > 1000 and compounds > 1000


def test_regnal_numbers_only_where_i_v_or_x_stands() -> None:
    pieces = (" ", "\t", "\u00a0", "I", "II", "V", "X", "XII", ":s", "Karl", "a", "-", "\n")
    texts = [*NOTES[:150], *fuzz(random.Random(24), pieces, 3000, 10)]
    hits = 0
    for text in texts:
        for start in range(len(text)):
            for stop in (start + 4, start + 12, len(text)):
                if things._REGNAL.search(text, start, stop):
                    window = text[start:stop]
                    assert "I" in window or "V" in window or "X" in window, (text, start, stop)
                    hits += 1
    assert hits > 1000


def test_institution_endings_are_the_pattern() -> None:
    norms = {w.casefold() for text in CORPUS for w in text.split()}
    norms |= {stem + end for stem in ("raoul", "x", "") for end in words.LISTS["institution_endings"]}
    found = 0
    for norm in norms:
        plain = words.INSTITUTION_END.search(norm) is not None
        assert norm.endswith(words.INSTITUTION_ENDINGS) == plain, norm
        found += plain
    assert found > 50


def _responsible_plain(text: str) -> list[tuple[int, int]]:
    from backend.redaction.recognizers.person import marks

    return [m.span(1) for m in marks._INITIALS.finditer(text) if ":" in text and context.LINE_END.match(text, m.end())
            and marks._RESPONSIBLE.search(text, max(0, m.start() - 50), m.start())]


MARK_PIECES = (":", " ", "\t", "\n", "\r\n", "Ansvarig", "ansvarig för uppföljning", "Åtgärd av", "RF", "HM.", "ABC",
               "ABCD", "Anna", "Från", "till", "Cc", "stig", "@Dag", "-", "x", "é", "(", ")", "Ek (Berg)", " hade",
               "anna@x.se", "850101-1236", "(19850101-1236)", "( ", "Wilai ", "Å", "_", "1")
MARK_TEXTS = [*CORPUS, *fuzz(random.Random(25), MARK_PIECES, 8000, 20)]
# Labels, separators and initials in every combination: a line break after the colon too, where "$" lets
# the label's pattern end before it.
MARK_TEXTS += [f"{lead}{label}{sep}{initials}{end}" for lead in ("", "x ", "\n", "a:") for label in
               ("Ansvarig", "ANSVARIGA", "Åtgärd av", "kontaktperson", "Ansvarig för uppföljning", "Notering")
               for sep in (":", ": ", ":\n", ":\r\n", " : ", ":\t\n", "::", ":\n\n") for initials in ("RF", "HM.", "ÅÄ")
               for end in ("", "\n", ".\n", " x")]


def test_marks_scans_find_what_the_plain_scans_find() -> None:
    from backend.redaction.recognizers.person import marks

    hits = responsible = 0
    for text in MARK_TEXTS:
        for plain, after_break in ((marks._LABEL, marks._LABEL_LINE), (marks._HEADER_LINE, marks._HEADER_LINE_BREAK)):
            got = [(m.span(1), m.group(1)) for m in marks.line_starts(plain, after_break, text)]
            assert got == [(m.span(1), m.group(1)) for m in plain.finditer(text)], text[:200]
            hits += len(got)
        found = list(marks.responsible_initials(text))
        assert found == _responsible_plain(text), text[:200]
        responsible += len(found)
        if marks._BRACKET_ID.search(text):
            assert marks._BRACKET_ID_TAIL.search(text), text[:200]
        if marks._BRACKET_NAME.search(text):
            assert marks._BRACKET_CAP.search(text), text[:200]
    assert hits > 1000 and responsible > 100


def test_postcode_gate_passes_every_match() -> None:
    pieces = ("12345", "123 45", "SE-", "FI-", "33100", "2019", " ", "\t", "\u00a0", "\n", ",", "x", "Tampere", "A",
              "٣", "1", "-", "\r")
    texts = [*NOTES[:150], *fuzz(random.Random(26), pieces, 3000, 10)]
    hits = 0
    for text, start in _positions(texts):
        plain = bool(context._POSTCODE_BEFORE.search(text, max(0, start - 20), start))
        assert context.after_postcode(text, start) == plain, (text[:200], start)
        hits += plain
    assert hits > 150


def test_patterns_after_a_word_tried_only_where_they_can_match() -> None:
    from backend.redaction.recognizers.person import follows

    lists = words.LISTS
    phrases = [*lists["verbs_after"], *lists["speech_verbs"], *lists["possessions"], *lists["institutions_after"],
               *lists["organisation_words"], *(f"({r})" for r in words.ROLES[:50]),
               *(f", {r}" for r in words.ROLES[:50])]
    rng = random.Random(27)
    pieces = (" ", "  ", "\t", "\u00a0", "\n", "&", "Anna", "Bygg", "x", "Å", ".", ",", "(", "é", "ringde", "AB")
    texts = [*NOTES[:150], *fuzz(rng, pieces, 2000, 8),
             *(rng.choice(("", "Anna", "x")) + rng.choice((" ", "  ", "\t", "\u00a0", "", " & ", ", ", " ("))
               + rng.choice(phrases) + rng.choice(("", " ", ".", "a", "\n")) for _ in range(4000))]
    pairs = ((follows.verb_after, words.VERB_AFTER), (follows.speaks_after, words.SPEAKS_AFTER),
             (follows.possession_after, words.POSSESSION_AFTER), (follows.institution_after, words.INSTITUTION_AFTER),
             (follows.organisation_after, words.ORGANISATION_AFTER), (context.tense_after, context.TENSE_AFTER))
    hits = 0
    for text, pos in _positions(texts):
        for fast, plain in pairs:
            expected = plain.match(text, pos)
            got = fast(text, pos)
            assert (got and got.span()) == (expected and expected.span()), (plain.pattern[:40], text[:200], pos)
            hits += expected is not None
        after = text[pos:pos + 40]
        role = words.ROLE_AFTER.match(after)
        got_role = follows.role_after(after)
        assert (got_role and got_role.span()) == (role and role.span()), after
        hits += role is not None
    assert hits > 5000


def test_line_end_and_trailing_initial_gates() -> None:
    from backend.redaction.entities import Candidate
    from backend.redaction.recognizers.person import coreference

    pieces = (" ", "\t", "\u00a0", "\n", "\r\n", "\r", "!", ",", ".", "A", "Å", "É", "x", "-", "&", "/", "Anna")
    texts = [*NOTES[:150], *fuzz(random.Random(28), pieces, 3000, 8)]
    ends = initials = 0
    for text, pos in _positions(texts):
        plain = context.LINE_END.match(text, pos) is not None
        assert context.line_end(text, pos) == plain, (text[:200], pos)
        ends += plain
        found = [Candidate(0, pos, "PERSON", 0.8, ("x",))]
        coreference.extend_initials(text, found)
        trailing = coreference._TRAILING_INITIAL.match(text, pos)
        assert found[0].end == (trailing.end() if trailing else pos), (text[:200], pos)
        initials += trailing is not None
    assert ends > 1000 and initials > 100


def test_maiden_names_and_nicknames_open_with_a_character_and_match_their_plain_forms() -> None:
    from backend.redaction.recognizers.person import marks

    plain = {
        "maiden": (marks._MAIDEN, re.compile(r"(?<![\w-])(?i:född|flicknamn(?:et)?(?:[ \t]++(?:är|var))?:?)[ \t]++"
                                             r"([A-ZÅÄÖ][^\W\d_]++(?:-[A-ZÅÄÖ][^\W\d_]++)?)(?![\w-])")),
        "called after": (marks._CALLED_AFTER, re.compile(
            r"(?<![\w-])([A-ZÅÄÖ][^\W\d_]++)[ \t]*+\((?:som[ \t]++(?:hon|han|hen|de|vi)[ \t]++)?kallas\b")),
        "called before": (marks._CALLED_BEFORE, re.compile(
            r"(?<![\w-])(?:kallad|kallas|kallades|alias)[ \t]++\"?([A-ZÅÄÖ][^\W\d_]++)")),
    }
    pieces = ("född", "FÖDD", "Född", "flicknamn", "Flicknamnet", "FLICKNAMN är", " var", ":", " ", "\t", "\n", "Lund",
              "Ek-Berg", "-", "x", "1948", "Ros", "(", "(som hon ", "kallas", "kallad", "kallades", "alias", "Alias",
              "\"", "Jocke", "é", "_", "Å", "\u212aallas", "a", "k")
    texts = [*CORPUS, *fuzz(random.Random(29), pieces, 8000, 10)]
    texts += [f"{pre}{word}{sep}{name}{post}" for pre in ("", "x", " ", "-", "\n", "é") for word in
              ("född", "FÖDD", "flicknamnet är", "Flicknamn:", "kallad", "kallades", "alias", "Ros (som hon kallas",
               "Ros(kallas", "\u212aallas") for sep in (" ", "  ", "\t", " \"", "")
              for name in ("Lund", "Ek-Berg", "lund") for post in ("", " ", "-x", ")")]
    assert same_matches(plain, texts) > 1000


def test_header_search_from_the_last_line_and_surname_endings() -> None:
    from backend.redaction.recognizers.person.tokens import last_word

    headers = words.LISTS["headers"]
    rng = random.Random(30)
    windows = [text[max(0, m.start() - 80):m.start()] for text in NOTES for m in CAP_WORD_RE.finditer(text)]
    windows += ["".join(rng.choice(("x", "\n", ". ", "! ", ":", ", ", " och ", " ", "\t", "3", rng.choice(headers),
                                    "Anna", ";", "&")) for _ in range(rng.randint(1, 14))) for _ in range(6000)]
    hits = 0
    for before in windows:
        plain = bool(":" in before and words.HEADER.search(before))
        assert context.header(before) == plain, before
        hits += plain
    assert hits > 100
    norms = {last_word(w) for w in windows} | {"lind" + e for e in words.SURNAME_ENDINGS} | {"sson", "ssons", "x"}
    assert sum(n.endswith(words.SURNAME_ENDINGS) for n in norms) > 50
    for norm in norms:
        assert norm.endswith(words.SURNAME_ENDINGS) == bool(words.SURNAME_END.search(norm)), norm


def test_particle_gap_gate() -> None:
    from backend.redaction.recognizers.person.runs import particle_gap

    particles = words.LISTS["particles"]
    rng = random.Random(31)
    gaps = [rng.choice((" ", "\u00a0", "", "x")) + " ".join(rng.choice((*particles, "och", "Von", "x", "")) for _ in
            range(rng.randint(1, 4))) + rng.choice((" ", "\u00a0", "", ".")) for _ in range(20_000)]
    for text in NOTES:
        gaps += [text[a.end():b.start()] for a, b in pairwise(CAP_WORD_RE.finditer(text))]
    hits = 0
    for gap in gaps:
        plain = len(gap) <= words.PARTICLE_GAP_MAX and words.PARTICLE_GAP.fullmatch(gap) is not None
        assert particle_gap(gap) == plain, gap
        hits += plain
    assert hits > 1000


def test_tok_keeps_what_dataclass_gives_it() -> None:
    import dataclasses

    from backend.redaction.recognizers.person.tokens import Tok, TokenClass
    from backend.redaction.text import Word

    fields = [f.name for f in dataclasses.fields(Tok)]
    assert fields == ["word", "cls", "norm", "first", "genitive", "sentence_start"]
    a = Tok(Word(0, 4, "Anna", "anna"), TokenClass.STRONG, "anna", True, 0, False)
    b = Tok(*(getattr(a, f) for f in fields))
    assert a == b and a is not b and repr(a) == repr(b) and "norm='anna'" in repr(a)
    b.norm = "ann"
    assert a != b


def test_normalized_is_normalize_word() -> None:
    from backend.redaction.recognizers.person.tokens import normalized
    from backend.redaction.text import normalize_word

    samples = [w for text in CORPUS[:5] for w in text.split()] + ["Åsa", "A\u030asa", "STRAßE", "Jo\u00adhan", "ǅ"]
    for word in samples + samples:  # the second time from the cache
        assert normalized(word) == normalize_word(word), word


def test_end_patterns_start_at_the_last_spaces_and_match_as_from_the_start() -> None:
    patterns = (words.ROLE_BEFORE, words.GREETING, words.INTRODUCTION, words.SIGNOFF, words.BY)
    phrases = [*words.ROLES, *words.LISTS["greetings"], *words.LISTS["signoffs"], *words.LISTS["introductions"],
               *(f"{p} av" for p in words.LISTS["by"]), "GOD MAN", "Med Vänliga Hälsningar", "m.v.h.", "god  man"]
    rng = random.Random(32)
    leads = ("", "x", "x ", "  ", "Hej och ", "text. ", "a-", "god ", "med vänliga ", "\n", "(", "god man ")
    tails = ("", " ", "  ", ":", " : ", "\t", "!", ", ", ".", "\n", "\r\n", " \n  \n", ":\n", ". \n", "!\n\n\n ")
    windows = [rng.choice(leads) + rng.choice(leads) + rng.choice(phrases) + rng.choice(tails) for _ in range(20_000)]
    windows += [text[max(0, m.start() - 80):m.start()] for text in NOTES for m in CAP_WORD_RE.finditer(text)]
    hits = 0
    for before in windows:
        for pattern in patterns:
            fast, plain = pattern.search(before), pattern.rx.search(before)
            assert (fast and fast.span()) == (plain and plain.span()), (pattern, before)
            hits += plain is not None
    assert hits > 5000


def _chat_words_plain(classifier: classify.Classifier, text: str) -> tuple[list[object], list[tuple[int, int]]]:
    """Classifier.chat_words() as it was written first, with a match object per word."""
    toks: list[object] = []
    open_words: list[tuple[int, int]] = []
    for m in WORD_RE.finditer(text):
        raw = m.group()
        info = classifier._lower_info.get(raw)
        if info is None:
            if not raw[0].islower():
                continue
            info = classifier._lower(raw)
        name, needs_stop, model_open = info
        if name and (not needs_stop or text.startswith(".", m.end())):
            toks.append((m.span(), raw, name))
        if model_open:
            open_words.append(m.span())
    return toks, open_words


def test_chat_words_finds_each_word_where_finditer_does() -> None:
    from backend.redaction.lexicon import load_lexicon

    classifier = classify.Classifier(load_lexicon())
    pieces = ("anna", "j", ".", " ", "Anna", "x-anna", "é\u0301", "1", "annas", "\u00ad", "'", "åsa", "\n", "-")
    texts = [*NOTES, *FUZZ_WORDS, *fuzz(random.Random(33), pieces, 4000, 12)]
    found = 0
    for text in texts:
        toks, open_words = classifier.chat_words(text)
        got = [((t.word.start, t.word.end), t.word.raw, t.norm) for t in toks]
        assert (got, open_words) == _chat_words_plain(classifier, text), text[:200]
        found += len(toks) + len(open_words)
    assert found > 1000


def test_lex_gate_passes_every_lex() -> None:
    # tokens() asks text[start - 2] to be "x" or "X" before lowering the four characters before a word.
    assert {chr(c) for c in range(0x110000) if chr(c).lower() == "x"} == {"x", "X"}
    pieces = ("lex", "LEX", "Lex", "lEx", "İex", "le", "x", "X", " ", "a", "\u00a0", "İ")
    texts = [*NOTES[:100], *fuzz(random.Random(35), pieces, 3000, 6)]
    hits = 0
    for text, start in _positions(texts):
        plain = text[start - 1:start] == " " and text[max(0, start - 4):start].lower() == "lex "
        gated = text[start - 1:start] == " " and text[start - 2:start - 1] in ("x", "X") and plain
        assert gated == plain, (text, start)
        hits += plain
    assert hits > 100


def test_bracket_patterns_tried_on_the_lines_of_brackets_match_as_finditer() -> None:
    from backend.redaction.recognizers.person import marks

    pieces = ("(", ")", " (", "\n", " ", "\t", "Anna", "Wilai", "Jana Höst", "Ek-Berg", "x", "anna@x.se", "a.b@",
              "440922-7230", "19440922-7230)", "(Phanthong)", " hade", " feber", "é", "_", "-", "Å", "(Ek) ", "1")
    texts = [*MARK_TEXTS, *fuzz(random.Random(36), pieces, 8000, 14),
             *(f"{a}{b}{c}" for a in ("", "Anna ", "till Wilai ", "x\n", "(", "Jana Höst") for b in
               (" (", "(", "\t( ", " ((", "\n(") for c in ("wthongdee@outlook.com)", "440922-7230) har", "Ek) hade",
                                                           "Ek)hade", "19440922-7230)"))]
    hits = 0
    for text in texts:
        for rx, tail in ((marks._BRACKET_ID, marks._BRACKET_ID_TAIL), (marks._BRACKET_NAME, marks._BRACKET_CAP)):
            got = spans_and_groups(marks.before_brackets(rx, tail, text))
            assert got == spans_and_groups(rx.finditer(text)), (rx.pattern[:30], text[:200])
            hits += len(got)
    assert hits > 300
