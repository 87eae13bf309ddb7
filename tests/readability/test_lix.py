"""LIX against hand counts on the shipped texts, the long-word rule and the bands.

Each count below was made by hand from the text file, following the rules in docs/readability.md:
a word is a run of letters and digits (hyphen, colon, apostrophe and a period or comma between digits
keep it together; "1 000" and an abbreviation such as "t.ex." are one word); a long word has more than
six letters, digits and punctuation not counted; headings, list items and lines ending in a colon are
sentences of their own. LIX = words / sentences + 100 × long words / words, rounded to one decimal.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from backend.readability import analyze, lix
from backend.readability.lix import band_for, is_long_word

TEXTS = Path(__file__).parent / "texts"

# beslut_bostadsbidrag.txt, 5 sentences:
#   "Beslut angående bostadsbidrag" (heading)                          3 words, long: angående, bostadsbidrag
#   "Försäkringskassan har prövat er ansökan om bostadsbidrag."        7, long: Försäkringskassan, ansökan,
#                                                                         bostadsbidrag ("prövat" has 6)
#   "Ansökan beviljas från och med den 1 mars 2024."                   9, long: Ansökan, beviljas
#   "Bidraget utbetalas månadsvis till det konto som ni har anmält."   10, long: Bidraget, utbetalas, månadsvis
#   "Om era förhållanden ändras ska ni omgående meddela detta till     11, long: förhållanden, omgående,
#    Försäkringskassan."                                                   meddela, Försäkringskassan
#   40 words, 5 sentences, 14 long: 40/5 + 100 × 14/40 = 8 + 35 = 43.0 → medium
#
# anmalan_forskoleklass.txt (abbreviations, numbers and a list), 10 sentences:
#   "Anmälan till förskoleklass"                                  3, long: Anmälan, förskoleklass
#   "Alla barn som fyller 6 år i år ska börja i förskoleklass."    12 ("6" is a word), long: förskoleklass
#   "Du anmäler ditt barn senast den 15 februari, t.ex. via        11 ("t.ex." one word), long: anmäler,
#    e-tjänsten."                                                     februari, e-tjänsten (9 letters)
#   "Avgiften för fritidshem är ca 1 000 kr per månad, bl.a.       14 ("1 000" one word), long: Avgiften,
#    beroende på din inkomst."                                        fritidshem, beroende, inkomst
#   "Informationsmötet börjar kl. 18.30 i aula nr 2."               8 (kl, 18.30, nr, 2), long: Informationsmötet
#   "Ta med:"                                                      2
#   "barnets personnummer"                                         2, long: barnets, personnummer
#   "namn på vårdnadshavare"                                       3, long: vårdnadshavare
#   "eventuella intyg om särskilt stöd, s.k. stödintyg, m.m."      8, long: eventuella, särskilt, stödintyg
#   "Frågor besvaras av skolkontoret, dvs. rektor Lena Ek."        8, long: besvaras, skolkontoret
#   71 words, 10 sentences, 19 long: 7.1 + 1900/71 = 7.1 + 26.76 = 33.86 → 33.9 → easy
#
# sophamtning.txt (plain, addresses the reader), 6 sentences:
#   "Så hämtar vi ditt avfall"                                5, no long word (hämtar, avfall have 6)
#   "Vi hämtar soporna varannan vecka."                       5, long: soporna, varannan
#   "Ställ kärlet vid vägen senast kl. 7 på morgonen."        9, long: morgonen
#   "Locket ska gå att stänga."                               5
#   "Om vi inte kan tömma kärlet får du en lapp."             10
#   "Ring oss om du har frågor!"                              6
#   40 words, 6 sentences, 3 long: 6.667 + 7.5 = 14.17 → 14.2 → very easy
#
# kallelse_namnd.txt (headings and a numbered list), 9 sentences:
#   "KALLELSE"                                                       1, long: KALLELSE
#   "Socialnämnden sammanträder tisdagen den 12 mars 2024 kl. 13.00   13, long: Socialnämnden, sammanträder,
#    i Stadshuset, sal 3."                                               tisdagen, Stadshuset
#   "Ärenden"                                                        1, long: Ärenden
#   "Val av justerare" ("1." is a list marker, not a word)           3, long: justerare
#   "Godkännande av dagordningen"                                    3, long: Godkännande, dagordningen
#   "Information om ekonomiskt bistånd"                              4, long: Information, ekonomiskt, bistånd
#   "Delegationsbeslut"                                              1, long: Delegationsbeslut
#   "Handlingarna finns på kommunens webbplats."                     5, long: Handlingarna, kommunens, webbplats
#   "Förhinder anmäls till nämndsekreteraren."                       4, long: Förhinder, nämndsekreteraren
#   35 words, 9 sentences, 18 long: 3.889 + 51.429 = 55.32 → 55.3 → difficult
#
# forelaggande_bygglov.txt (one very long legal sentence), 2 sentences:
#   "Med anledning av att byggnadsnämnden ... avlägsna byggnaden."   38, long (20): anledning, byggnadsnämnden,
#       tillsyn, konstaterat, fastigheten, uppförda, komplementbyggnaden, erforderligt, bygglov,
#       förelägger, nämnden, fastighetsägaren, månader, delgivningen, inkomma, ansökan, bygglov,
#       alternativt, avlägsna, byggnaden
#   "Föreläggandet förenas med ett löpande vite om 5 000 kronor       12, long: Föreläggandet, förenas,
#    per påbörjad månad."                                                löpande, påbörjad
#   50 words, 2 sentences, 24 long: 25 + 48 = 73.0 → very difficult
#
# mejl_komplettering.txt (greeting, wrapped lines, signature), 7 sentences:
#   "Hej Anna,"                                                    2
#   "Tack för ditt mejl."                                          4
#   "Jag har gått igenom underlagen och / ser att intyget från      12 (the line break before "ser" is a
#    arbetsgivaren saknas."                                            wrapped line), long: underlagen,
#                                                                      intyget, arbetsgivaren
#   "Kan du skicka / det till mig senast fredag?"                   8
#   "Med vänlig hälsning"                                          3, long: hälsning
#   "Per Holm"                                                     2
#   "Handläggare"                                                  1, long: Handläggare
#   32 words, 7 sentences, 5 long: 4.571 + 15.625 = 20.20 → 20.2 → very easy
HAND_COUNTS = [
    # file, words, sentences, long words, LIX, band
    ("beslut_bostadsbidrag.txt", 40, 5, 14, 43.0, "medium"),
    ("anmalan_forskoleklass.txt", 71, 10, 19, 33.9, "easy"),
    ("sophamtning.txt", 40, 6, 3, 14.2, "very_easy"),
    ("kallelse_namnd.txt", 35, 9, 18, 55.3, "difficult"),
    ("forelaggande_bygglov.txt", 50, 2, 24, 73.0, "very_difficult"),
    ("mejl_komplettering.txt", 32, 7, 5, 20.2, "very_easy"),
]


def read(name: str) -> str:
    return (TEXTS / name).read_text(encoding="utf-8")


@pytest.mark.parametrize(("name", "words", "sentences", "long_words", "score", "band"), HAND_COUNTS)
def test_lix_matches_hand_count(
    name: str, words: int, sentences: int, long_words: int, score: float, band: str
) -> None:
    report = analyze(read(name))
    assert (report.words, report.sentences, report.long_words) == (words, sentences, long_words)
    assert report.lix == pytest.approx(score, abs=0.01)
    assert report.band == band
    assert report.mean_sentence_length == pytest.approx(round(words / sentences, 1), abs=0.01)


@pytest.mark.parametrize(("name", "words", "sentences", "long_words", "score", "band"), HAND_COUNTS)
def test_lix_convenience_agrees(
    name: str, words: int, sentences: int, long_words: int, score: float, band: str
) -> None:
    assert lix(read(name)) == pytest.approx(score, abs=0.01)


@pytest.mark.parametrize("newline", ["\r\n", "\r", "\u2029"])
def test_line_endings_do_not_change_the_count(newline: str) -> None:
    # Word hands the add-in paragraphs separated by "\r"; Windows mail uses "\r\n".
    report = analyze(read("mejl_komplettering.txt").replace("\n", newline))
    assert (report.words, report.sentences, report.long_words, report.lix) == (32, 7, 5, 20.2)


@pytest.mark.parametrize(
    ("score", "band", "label"),
    [
        (0.0, "very_easy", "Mycket lätt"),
        (29.9, "very_easy", "Mycket lätt"),
        (30.0, "easy", "Lätt"),
        (39.9, "easy", "Lätt"),
        (40.0, "medium", "Medelsvår"),
        (49.9, "medium", "Medelsvår"),
        (50.0, "difficult", "Svår"),
        (59.9, "difficult", "Svår"),
        (60.0, "very_difficult", "Mycket svår"),
        (95.0, "very_difficult", "Mycket svår"),
    ],
)
def test_bands(score: float, band: str, label: str) -> None:
    assert band_for(score) == (band, label)


@pytest.mark.parametrize(
    ("word", "long"),
    [
        ("bostadsbidrag", True),
        ("ansökan", True),  # 7 letters
        ("prövat", False),  # 6 letters: not more than six
        ("EU-medborgare", True),  # 12 letters; the hyphen does not count
        ("e-post", False),  # 5 letters
        ("t.ex.", False),
        ("1 000 000", False),  # no letters at all
        ("EU:s", False),
        ("abc1234", False),  # digits are not letters
        ("Informationsmötet", True),
        ("hand\u00adläggning", True),  # a soft hyphen is not a letter
    ],
)
def test_long_word_rule(word: str, long: bool) -> None:
    assert is_long_word(word) is long


def test_text_without_words_has_lix_zero() -> None:
    for text in ["", "   \n\n\t", "— … ***", "- \n- \n"]:
        report = analyze(text)
        assert (report.lix, report.words, report.sentences, report.long_words) == (0.0, 0, 0, 0)
        assert report.band == "very_easy"


def test_text_without_end_punctuation_is_one_sentence() -> None:
    # 4 words, 1 sentence, long: "handläggare" → 4 + 25 = 29.0
    report = analyze("Ring din handläggare idag")
    assert (report.words, report.sentences, report.long_words, report.lix) == (4, 1, 1, 29.0)
