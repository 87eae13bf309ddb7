"""findings_for_prompt(): the bullets that tell the model what the "plain" rewrite must fix."""

from __future__ import annotations

import pytest

from backend.readability import analyze, findings_for_prompt

LEGAL = (
    "Med anledning av att nämnden konstaterat att erforderligt bygglov saknas förelägger nämnden "
    "fastighetsägaren att inom tre månader från delgivningen av detta beslut inkomma med en ansökan "
    "om bygglov alternativt avlägsna byggnaden. Föreläggandet förenas med vite."
)


def test_bullets_for_a_legal_text() -> None:
    prompt = findings_for_prompt(analyze(LEGAL), LEGAL)
    assert prompt.splitlines() == [
        '- Tilltala läsaren direkt med "du" eller "ni".',
        '- Dela upp meningen som börjar "Med anledning av att nämnden konstaterat …" (31 ord) i kortare meningar.',
        '- Byt "Med anledning av att" mot "Eftersom".',
        '- Förklara "delgivningen" med enkla ord: att du formellt får ta del av beslutet.',
        '- Skriv "förenas" i aktiv form om det framgår vem som gör något.',
        '- Byt "konstaterat" mot "slagit fast".',
        '- Förklara "Föreläggandet" med enkla ord: ett beslut om att du måste göra något.',
        '- Byt "erforderligt" mot "nödvändigt".',
        '- Förklara "vite" med enkla ord: en summa pengar som du måste betala om du inte gör det som beslutet säger.',
        '- Byt "förelägger" mot "kräver".',
        '- Byt "inkomma med" mot "skicka".',
    ]


def test_bullets_in_english() -> None:
    text = "Du kommer att erhålla ett beslut t.ex. via CSN."
    assert findings_for_prompt(analyze(text), text, language="en").splitlines() == [
        '- Replace "erhålla" with "få".',
        '- Write out "t.ex." as "till exempel".',
        '- Explain the abbreviation "CSN" or write it out.',
    ]


def test_noun_heavy_bullet_names_the_nouns() -> None:
    text = "Handläggningen av ansökningar sker i ordning. Du får svar."
    assert findings_for_prompt(analyze(text), text) == (
        '- Skriv meningen som börjar "Handläggningen av ansökningar sker i ordning." med verb i stället '
        'för substantiv som "Handläggningen", "ansökningar", "ordning".'
    )


def test_the_same_fix_is_asked_once() -> None:
    text = "Du ska erhålla beslutet. Du ska erhålla pengarna. Du ska erhålla svaret."
    assert findings_for_prompt(analyze(text), text) == '- Byt "erhålla" mot "få".'


def test_limit_and_kinds_take_turns() -> None:
    text = "Vi erhöll samt erhåller. Beslutet skickas och betalas. Ta t.ex. bl.a. med dig det."
    lines = findings_for_prompt(analyze(text), text, limit=4).splitlines()
    assert lines == [
        '- Byt "erhöll" mot "fick".',
        '- Skriv "skickas" i aktiv form om det framgår vem som gör något.',
        '- Skriv ut "t.ex." som "till exempel".',
        '- Byt "samt" mot "och".',
    ]
    assert findings_for_prompt(analyze(text), text, limit=0) == ""


def test_nothing_to_fix() -> None:
    text = "Vi hämtar dina sopor på måndag. Ställ ut kärlet kvällen före."
    assert findings_for_prompt(analyze(text), text) == ""


def test_quotes_in_the_text_do_not_break_the_bullet() -> None:
    text = 'Med anledning av "beslutet" ' + " ".join(["ord"] * 30) + "."
    opening = findings_for_prompt(analyze(text), text).splitlines()[1]
    assert opening.startswith("- Dela upp meningen som börjar \"Med anledning av 'beslutet' ord ord …\"")


def test_bad_language_and_wrong_text_are_refused() -> None:
    report = analyze(LEGAL)
    with pytest.raises(ValueError, match="language"):
        findings_for_prompt(report, LEGAL, language="de")
    with pytest.raises(ValueError, match="do not fit"):
        findings_for_prompt(report, "En annan, kortare text.")
