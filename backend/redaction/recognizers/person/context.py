"""What stands around a word: greetings, roles, headers, sign-offs, verbs, and things named after people."""

from __future__ import annotations

import re
from typing import Final

from ...lexicon import Lexicon
from ...text import normalize_word
from .follows import LOWER_FIRST, after_blanks, possession_after, speaks_after, verb_after
from .things import cap_after
from .things import names_a_thing as names_a_thing  # model_spans.py imports it from here
from .tokens import AMBIGUOUS, INITIAL, STRONG, Tok, last_word, previous_word
from .words import (
    BY,
    DEFINITE,
    GREETING,
    GREETING_WORDS,
    HEADER,
    INTRODUCTION,
    INTRODUCTION_WORDS,
    NOUN_ENDINGS,
    PERSON_PREPOSITION,
    PLACE_PREPOSITION,
    ROLE_BEFORE,
    ROLE_WORDS,
    SIGNOFF,
    SIGNOFF_WORDS,
    VERBS_AFTER,
)

SLASH: Final = re.compile(r"(?:^|\s)/[ \t]?$")
_CO: Final = re.compile(r"c/o[ \t]+$", re.I)
# Initials as a signature: "/A.B.", "/HL", "/ K-E". Opens with the "/" and checks the character before
# it right after (at the text's start the two-character lookbehind cannot match, as "^" did): the plain
# form, (?:^|(?<=\s))/..., is tried at every position of the text (tests/redaction/test_person_speed.py).
SLASH_INITIALS: Final = re.compile(
    r"/(?<![^\s]/)[ \t]?([A-ZÅÄÖ](?:\.?[ \t]?-?[A-ZÅÄÖ]){0,3}\.?)(?=[ \t]*(?:\r?\n|$))"
)
NUMBER_AFTER: Final = re.compile(r"[ \t]+\d")
# A verb in the present or past tense after a word ("Bardia samordnar", "Sasithorn pratade"). Some
# everyday words end the same way and are no verb: "Dödsbo efter ...", "Ansökan under ...".
TENSE_AFTER: Final = re.compile(
    r"[ \t]+(?!(?:efter|under|över|eller|heller|inte|åter|vidare|sedan|ner|mer|fler)\b)"
    r"[a-zåäö]{2,}(?:ar|er|ade|de|te)\b"
)
LINE_END: Final = re.compile(r"[ \t]*+[!,.]?[ \t]*+(?:\r?\n|\Z)")  # possessive: linear on a run of spaces


def line_end(text: str, pos: int) -> bool:
    """Whether LINE_END matches at pos, tried only where, after blanks, "!", ",", ".", a line break or the
    text's end stands (what each of its matches holds there)."""
    i, n = pos, len(text)
    while i < n and text[i] in " \t":
        i += 1
    return (i == n or text[i] in "!,.\r\n") and LINE_END.match(text, pos) is not None


def tense_after(text: str, pos: int) -> re.Match[str] | None:
    """TENSE_AFTER.match(text, pos), tried only where blanks and a lower-case letter stand (follows.py)."""
    return TENSE_AFTER.match(text, pos) if after_blanks(text, pos, LOWER_FIRST) else None


JOIN_BEFORE: Final = re.compile(r"(?:[ \t]+och[ \t]+|,[ \t]*)$")
JOIN_AFTER: Final = re.compile(r"(?:[ \t]+och[ \t]+|,[ \t]*|[ \t]*\()")  # "Bardia (Nikpour)" too


# A postcode ending an address line: the word after it is the town ("Hämeenkatu 14 A 5, 33100 Tampere").
# Four digits alone are more often a year ("Storgatan 12, 2019 Anna Berg flyttade in"): only with a prefix.
_POSTCODE_BEFORE: Final = re.compile(
    r"(?:^|[,\n])[ \t]*(?:[A-Z]{1,2}-\d{4,5}|(?:[A-Z]{1,2}-)?\d{3} ?\d{2})[ \t\u00a0]+$"
)


def after_postcode(text: str, start: int) -> bool:
    """Whether a postcode after a comma or at a line's start stands right before: a town, not a person."""
    # The pattern ends in a digit and blanks at start ("$" also before a line break there): a cheap test of
    # those first, the pattern only then (most words follow a letter and a space).
    before = text[max(0, start - 20):start]
    if before.endswith("\n"):
        before = before[:-1]
    if not before.endswith((" ", "\t", "\u00a0")) or not before.rstrip(" \t\u00a0")[-1:].isdecimal():
        return False
    return bool(_POSTCODE_BEFORE.search(text, max(0, start - 20), start))


def context(text: str, start: int) -> bool:
    """Whether a greeting, role, header, sign-off, introduction or "bokad av" stands right before."""
    before = text[max(0, start - 80):start]
    stripped = before.rstrip(" \t")
    end = stripped[-1:]
    last = last_word(stripped.rstrip(".,!:"))
    # Each pattern ends in known words or characters: test those first, the regex only then.
    return bool(
        (last in ROLE_WORDS and ROLE_BEFORE.search(before))
        or (last in GREETING_WORDS and GREETING.search(before))
        or (last in INTRODUCTION_WORDS and INTRODUCTION.search(before))
        or ((end in (":", ",") or last == "och") and header(before))
        or (last in ("av", "by") and BY.search(before))
        or ((end == "\n" or last in SIGNOFF_WORDS) and SIGNOFF.search(before))
        or (end == "/" and SLASH.search(before))
        or (last == "o" and _CO.search(before))
    )


def header(before: str) -> bool:
    """Whether HEADER.search(before) finds a header ending at before's end.

    After its first character (the text's start, a line break, or ".", "!" or "?") a match holds no line
    break, ends at the end or before a final line break, and holds a colon: it starts on the last line (the
    line break that opens it included), so the search starts there, where a colon must stand."""
    body = before[:-1] if before.endswith("\n") else before
    start = max(0, body.rfind("\n"))
    return ":" in before[start:] and HEADER.search(before, start) is not None


def signature(lex: Lexicon, text: str, tok: Tok) -> bool:
    """A word lists call ordinary, alone after a greeting or as a signature ("Hej Danne!", "/Kenta",
    "Mvh\nPutte"): a nickname, unless it is an everyday word."""
    start = tok.word.start
    return bool(
        tok.norm not in lex.top_common and tok.norm not in ROLE_WORDS and "-" not in tok.norm
        and line_end(text, tok.word.end)
        and (SLASH.search(text[max(0, start - 3):start])
             or SIGNOFF.search(text[max(0, start - 80):start])
             or GREETING.search(text[max(0, start - 20):start]))
    )


def after_role(lex: Lexicon, text: str, tok: Tok) -> bool:
    """A rare word with a capital right after a role or relation, inside a sentence ("sin kompis Putte",
    "sjuksköterska Lärka"): a nickname or a name that is also a word, unless it is an everyday word."""
    norm = tok.norm
    if (tok.sentence_start or norm in lex.top_common or norm in ROLE_WORDS or "-" in norm or len(norm) < 3
            or not tok.word.raw[1:].islower()):
        return False
    before = text[max(0, tok.word.start - 80):tok.word.start]
    return last_word(before) in ROLE_WORDS and bool(ROLE_BEFORE.search(before))


def nickname_speaks(lex: Lexicon, text: str, tok: Tok) -> bool:
    """A rare word with a capital, without a definite ending, that rings, asks or says something
    ("Kenta undrar", "Danne ringde"): a nickname the word lists hold by mistake. "Skolan ringde"
    and "Kommunen undrar" have a definite ending."""
    norm = tok.norm
    # In the word lists, not only ordinary by its shape: "Kundtjänst svarar" is a compound noun.
    return bool(
        norm in lex.common and norm not in lex.top_common and norm not in ROLE_WORDS and "-" not in norm
        and len(norm) >= 3 and tok.word.raw[1:].islower() and not norm.endswith(DEFINITE)
        and speaks_after(text, tok.word.end)
    )


def word_name_acts(lex: Lexicon, text: str, tok: Tok) -> bool:
    """An everyday word that name lists also hold, with a capital inside a sentence and a verb after it
    ("när Vinter kom", "att Sommar ringde"): Swedish writes nouns in lower case, so it is the name."""
    norm = tok.norm
    return bool(
        not tok.sentence_start and lex.is_name(norm) and tok.word.raw[1:].islower() and len(norm) >= 3
        and not norm.endswith(DEFINITE) and previous_word(text, tok.word.start) not in PLACE_PREPOSITION
        and (verb_after(text, tok.word.end) or speaks_after(text, tok.word.end))
    )


# "säg till Tompa", "hälsa till Nettan": after a verb of saying, "till" stands before a person, not a place.
_SPOKEN_TO: Final = re.compile(
    r"(?:^|[^\w])(?i:säg|säger|sa|sade|hälsa|hälsar|hälsade|skriv|skriver|skrev|berätta|berättar|berättade|"
    r"förklara|förklarar|förklarade|svara|svarar|svarade)[ \t]+till[ \t]+$"
)
# Verbs after a word opening a sentence that make it the acting subject ("Ros fick en ros", "Dag ringde"),
# without the auxiliaries a bare noun may stand before too ("Storm är att vänta", "Frost kan bildas").
_AUXILIARIES: Final = frozenset(("är", "var", "har", "hade", "ska", "skulle", "kan", "kunde", "kommer", "blir", "får",
                          "måste", "brukar", "verkar", "vill", "ville", "vet", "själv", "och jag", "is", "was",
                          "has", "will"))
_ACTS_AFTER: Final = re.compile(r"[ \t]+(?:" + "|".join(re.escape(v) for v in sorted(
    (v for v in VERBS_AFTER if v not in _AUXILIARIES and " " not in v), key=len, reverse=True)) + r")\b")


_NOUN_SUFFIXES: Final = ("ning", "ingen", "het", "heten", "tion", "ande", "ende", "else", "skap", "arna", "erna",
                         "orna")
# "Sten har bott i Sverige sedan 2015": the perfect tense after a given name that is also a word.
_PERFECT_AFTER: Final = re.compile(r"[ \t]+(?:har|hade)[ \t]+[a-zåäö]{2,}t\b")


# "Skicka en ros till Ros", "lämna nyckeln till": a verb of giving or sending, a few words, then "till".
SENT_TO: Final = re.compile(
    r"(?<![\w])(?i:skicka|skickar|skickade|skickat|mejla|mejlade|maila|mailade|sms:a|sms:ade|ge|ger|gav|"
    r"lämna|lämnar|lämnade|överlämna|överlämnade)(?:[ \t]++[a-zåäö]++){0,3}?[ \t]++till[ \t]++$"
)


def spoken_to(text: str, start: int) -> bool:
    """Whether "till" after a verb of saying stands right before ("säg till Tompa"): a person, not a place."""
    return bool(_SPOKEN_TO.search(text, max(0, start - 25), start))


def pet_form(lex: Lexicon, norm: str) -> bool:
    """A given name's pet form in -an ("Mickan", "Kickan", "Lottan"), which reads as a definite noun: the
    stem with -e, -i, -a or -ie is a given name ("micke", "kicki", "lotta"). "Kassan" and "Planen" are not."""
    if len(norm) < 5 or not norm.endswith("an"):
        return False
    stem = norm[:-2]
    return any(stem + end in lex.first_names for end in ("e", "i", "a", "ie", "y"))


def word_name_opens(lex: Lexicon, text: str, tok: Tok) -> bool:
    """A name that is also a word, opening a sentence and acting ("Ros fick en ros", "Storm ringde"): a bare
    noun in the singular is no subject in Swedish, which says "En ros" or "Rosen"."""
    norm = tok.norm
    return bool(
        tok.sentence_start and lex.is_name(norm) and norm in lex.common and norm not in lex.top_common
        and len(norm) >= 3 and tok.word.raw[1:].islower() and not norm.endswith(DEFINITE)
        and (_ACTS_AFTER.match(text, tok.word.end)
             or (norm in lex.first_names and _PERFECT_AFTER.match(text, tok.word.end)))
    )


def definite_of_common(lex: Lexicon, norm: str) -> bool:
    """Whether the word is the definite form of an ordinary word ("Gåvan", "Firman", "Planeringen")."""
    return any(norm.endswith(e) and len(norm) - len(e) >= 4 and norm[:-len(e)] in lex.common
               for e in ("n", "en", "et"))


def noun_shaped(lex: Lexicon, norm: str) -> bool:
    """Whether a word with a noun's ending is a noun, not a name that ends the same way: the definite form
    of an ordinary word ("Planeringen", "Gåvan"), a long compound ("Medarbetarenkäten") or a noun's own
    suffix ("Samordning"). "Yamen", "Hiwet" and "Rezhna" only end like nouns."""
    if not norm.endswith(NOUN_ENDINGS):
        return False
    # "-an" is the definite of the many nouns in -a ("Fakturan", "Blanketten" has -en): always a noun here.
    return norm.endswith("an") or definite_of_common(lex, norm) or len(norm) >= 10 or norm.endswith(_NOUN_SUFFIXES)


def after_hos(lex: Lexicon, text: str, tok: Tok) -> bool:
    """A rare word with a capital after "hos" inside a sentence ("Passerkort hämtas hos Putte."), after
    "till" after a verb of saying ("Säg till Putte att"), or in the genitive before a person's own
    ("nyckeln till Sajas lägenhet"): one is "hos" a person; an authority or a place
    is a listed word ("hos Skatteverket")."""
    norm = tok.norm
    return bool(
        not tok.sentence_start and norm not in lex.top_common and norm not in lex.allow_words and len(norm) >= 3
        and tok.word.raw[1:].islower() and not norm.endswith(DEFINITE)
        and (previous_word(text, tok.word.start) == "hos"
             or (previous_word(text, tok.word.start) == "till" and spoken_to(text, tok.word.start))
             or (tok.word.raw.endswith("s") and bool(possession_after(text, tok.word.end))))
    )


def start_trigger(lex: Lexicon, text: str, t: Tok) -> bool:
    """Whether a capitalised word opening a sentence may be a name worth the model's time."""
    norm = t.norm
    if norm in lex.top_common:
        return False  # "Den", "Vi"; "Dag har" and "Vilja har" are the rules' (a name and a verb)
    if t.cls in (STRONG, AMBIGUOUS, INITIAL) or cap_after(text, t.word.end):
        return True
    if norm.endswith(NOUN_ENDINGS):
        return False  # "Samverkan", "Medarbetarenkäten", "Planeringen": nouns in the definite form
    return solo_start_support(lex, text, t.word.start, t.word.end)


def solo_start_support(lex: Lexicon, text: str, start: int, end: int) -> bool:
    """What makes one capitalised word opening a sentence a name: a name list, a verb after it
    ("Abdiwali ringde"), or a greeting, sign-off, header or "/" before it."""
    norm = normalize_word(text[start:end].rstrip("."))
    if lex.is_name(norm) or (end - start <= 3 and text[start:end].isupper()):
        return True
    return bool(verb_after(text, end) or speaks_after(text, end) or tense_after(text, end)
                or context(text, start))


def compound_support(text: str, start: int, end: int, found: list[tuple[int, int]]) -> bool:
    """What makes a word that reads as a compound ("Farshid": fars + hid) a name: a verb after it,
    "med", "hos" or "för" before it, a header, or a found name joined to it by "och" or a comma."""
    if verb_after(text, end) or speaks_after(text, end):
        return True
    if previous_word(text, start) in PERSON_PREPOSITION or header(text[max(0, start - 80):start]):
        return True
    before = JOIN_BEFORE.search(text, max(0, start - 8), start)
    after = JOIN_AFTER.match(text, end)
    ends = {e for _, e in found}
    starts = {s for s, _ in found}
    return bool((before and before.start() in ends) or (after and after.end() in starts))


def initials_place(text: str, start: int, end: int) -> bool:
    """Where two or three capitals are initials: after "/", ":" or "Sign.", or alone at a line's end
    ("/AK", "Antecknat av: FA", "Sign. LG"); elsewhere they are an acronym ("enligt LOU")."""
    before = text[max(0, start - 8):start].rstrip(" \t\u00a0")
    return (not before or before[-1] in "/:.\n") or line_end(text, end)
