"""Translation and lättläst at the engine seam (scripted engines, real redactor and readability check):
placeholders survive, formatting is kept, and write → check → revise runs exactly one revise round when
the draft still has findings, and none when it is clean."""

from __future__ import annotations

import pytest

from backend import readability
from backend.generation.events import Delta, Done, Meta, Progress, Revision
from backend.generation.pipeline import Pipeline
from backend.problems import Problem
from backend.settings import Settings
from backend.translation import lattlast
from backend.translation.plan import placeholders_kept
from tests.api.test_pipeline import job, pipeline
from tests.translation.scripted import RoundsEngine

TEXT = "Hej! Du kan ringa Anna Svensson på 070-123 45 67 om ansökan. Hon svarar på måndag."
# A draft that breaks the guidelines: one long sentence in the passive, officialese, nouns for verbs.
HARD_DRAFT = ("Ansökan om bidrag ska inlämnas till förvaltningen, varefter handläggning av ärendet sker i enlighet "
              "med gällande rutiner.")
CLEAN = "Du kan få pengar för att ändra ditt hem. Du skickar en ansökan till kommunen. Vi svarar dig inom fyra veckor."


def translator(settings: Settings, engine: RoundsEngine) -> Pipeline:
    p = pipeline(settings, engine)  # type: ignore[arg-type]
    p.readability = readability
    return p


def pieces(text: str, size: int = 7) -> list[str]:
    """A text as the engine streams it: short pieces that split words, placeholders and line breaks."""
    return [text[i:i + size] for i in range(0, len(text), size)]


def run(p: Pipeline, text: str, **options: str | None) -> tuple[list[object], str]:
    """All events, and the text a client shows: deltas, with everything before a revision replaced."""
    events = list(p.translate(job("translate", **options), text))  # type: ignore[arg-type]
    shown: list[str] = []
    for event in events:
        if isinstance(event, Revision):
            shown.clear()
        elif isinstance(event, Delta):
            shown.append(event.text)
    return events, "".join(shown)


def placeholders_of(p: Pipeline, text: str) -> list[str]:
    return [entity.placeholder for entity in p.redactor.redact(text).entities]


def test_translation_keeps_placeholders_and_restores_them(settings: Settings) -> None:
    engine = RoundsEngine([[]])
    p = translator(settings, engine)
    person, phone = placeholders_of(p, TEXT)[:2]
    engine.answers = [pieces(f"Hei! Soita {person} numeroon {phone} hakemuksesta. Hän vastaa maanantaina.", 3)]
    events, shown = run(p, TEXT, target="fi", source="sv")
    assert shown == "Hei! Soita Anna Svensson numeroon 070-123 45 67 hakemuksesta. Hän vastaa maanantaina."
    sent = engine.sent(0)
    assert "Anna Svensson" not in sent and "070-123" not in sent and person in sent and phone in sent
    # The model is told which language, from which, and to keep the placeholders as they are.
    assert "Finnish" in sent and "Swedish" in sent and "Never translate them" in sent
    done = events[-1]
    assert isinstance(done, Done) and done.extra["placeholders"] == {"sent": 2, "kept": 2}
    assert "readability" not in done.extra  # only lättläst is checked


def test_near_miss_placeholders_are_restored_and_lost_ones_counted(settings: Settings) -> None:
    engine = RoundsEngine([[]])
    p = translator(settings, engine)
    person, phone = placeholders_of(p, TEXT)[:2]
    number = phone.strip("[]").split("_")[1]
    # A model that lower-cases and unbrackets one placeholder and translates the other's name away.
    engine.answers = [pieces(f"Call {person.strip('[]').lower()} on [TELEFON_{number}] about the application.", 4)]
    events, shown = run(p, TEXT, target="en")
    assert shown.startswith("Call Anna Svensson on ")
    assert "070-123" not in shown  # nothing guessed into the mangled one
    done = events[-1]
    assert isinstance(done, Done) and done.extra["placeholders"] == {"sent": 2, "kept": 1}
    # The English prompt is the default for English.
    assert "Translate the text into English." in engine.sent(0)


def test_placeholders_kept_counts_each_form_the_restorer_takes() -> None:
    sent = frozenset({"[PERSON_1]", "[PHONE_1]", "[EMAIL_1]"})
    assert placeholders_kept("[PERSON_1] and [person 1], phone_1", sent) == 2
    assert placeholders_kept("nothing here", sent) == 0
    assert placeholders_kept("[[EMAIL_1]] [PERSON_1] [PHONE_1] [PERSON_9]", sent) == 3


def test_formatting_reaches_the_model_and_comes_back_unchanged(settings: Settings) -> None:
    source = ("Välkommen till mötet\n\nVi ses på tisdag. Ta med:\n- ansökan\n- kvitton\n\n"
              "Gör så här:\n1. Fyll i blanketten.\n2. Skicka den till oss.\n\nVänliga hälsningar från oss alla")
    answer = ("Welcome to the meeting\n\nSee you on Tuesday. Bring:\n- the application\n- receipts\n\n"
              "Do this:\n1. Fill in the form.\n2. Send it to us.\n\nKind regards from all of us")
    engine = RoundsEngine([pieces(answer, 5)])
    p = translator(settings, engine)
    _events, shown = run(p, source, target="en")
    assert shown == answer  # paragraphs, line breaks, bullets and numbers, exactly
    user = engine.requests[0].messages[-1].content
    assert source in user  # the model got the text with its form intact
    assert "same paragraphs, line breaks, headings and bulleted lists" in engine.requests[0].messages[0].content


def test_lattlast_draft_with_findings_gets_exactly_one_revise_round(settings: Settings) -> None:
    engine = RoundsEngine([pieces(HARD_DRAFT), pieces(CLEAN)])
    p = translator(settings, engine)
    events, shown = run(p, HARD_DRAFT, target="sv-lattlast", source="sv")
    assert len(engine.requests) == 2
    kinds = [type(event).__name__ for event in events if event is not None]
    assert kinds[0] == "Meta" and kinds[-1] == "Done" and kinds.count("Revision") == 1
    revision_at = kinds.index("Revision")
    assert "Delta" in kinds[:revision_at] and "Delta" in kinds[revision_at:]  # draft streams, then the revision
    draft = "".join(e.text for e in events[:revision_at + 1] if isinstance(e, Delta))
    assert draft == HARD_DRAFT and shown == CLEAN
    revision = next(e for e in events if isinstance(e, Revision))
    expected_before = lattlast.figures(*lattlast.check(HARD_DRAFT))
    assert revision.round == 1 and revision.findings == expected_before["findings"] > 0
    done = events[-1]
    assert isinstance(done, Done)
    figures = done.extra["readability"]
    assert figures["revised"] is True
    assert figures["before"] == expected_before == revision.readability
    assert figures["after"] == lattlast.figures(*lattlast.check(CLEAN)) and figures["after"]["findings"] == 0
    assert figures["source"] == lattlast.figures(*lattlast.check(HARD_DRAFT))
    assert figures["after"]["lix"] < figures["before"]["lix"]
    # Usage covers both rounds.
    assert done.prompt_tokens == 20 and done.completion_tokens == len(pieces(HARD_DRAFT)) + len(pieces(CLEAN))
    # The revise round got the draft and the findings as instructions, in the lättläst prompt.
    second = engine.sent(1)
    assert HARD_DRAFT in second and 'Byt "varefter" mot "och sedan"' in second
    assert "lättläst" in second


def test_lattlast_revises_once_even_when_the_revision_still_has_findings(settings: Settings) -> None:
    engine = RoundsEngine([pieces(HARD_DRAFT), pieces(HARD_DRAFT), pieces(CLEAN)])
    p = translator(settings, engine)
    events, shown = run(p, HARD_DRAFT, target="sv-lattlast")
    assert len(engine.requests) == 2 and shown == HARD_DRAFT
    assert sum(isinstance(e, Revision) for e in events) == 1
    figures = events[-1].extra["readability"]  # type: ignore[union-attr]
    assert figures["revised"] is True and figures["after"]["findings"] > 0
    assert figures["source"] is None  # the source language was not given


def test_lattlast_clean_draft_needs_no_revise_round(settings: Settings) -> None:
    engine = RoundsEngine([pieces(CLEAN), pieces(HARD_DRAFT)])
    p = translator(settings, engine)
    events, shown = run(p, HARD_DRAFT, target="sv-lattlast", source="sv")
    assert len(engine.requests) == 1 and shown == CLEAN
    assert not any(isinstance(e, Revision) for e in events)
    figures = events[-1].extra["readability"]  # type: ignore[union-attr]
    assert figures["revised"] is False and figures["before"] == figures["after"]
    assert figures["before"]["findings"] == 0 and figures["source"]["findings"] > 0
    assert "skipped" not in figures


def test_revise_round_quotes_placeholders_never_the_values(settings: Settings) -> None:
    text = "Handläggare Karin Lindholm nås på 070-123 45 67."
    engine = RoundsEngine([[]])
    p = translator(settings, engine)
    person, phone = placeholders_of(p, text)[:2]
    draft = (f"Du kan ringa {person} på {phone} om du har frågor om ansökan och om du vill veta mer om hur "
             "det går till hos oss och vad som händer sedan.")
    engine.answers = [pieces(draft), pieces(f"Ring {person} på {phone}. Hon svarar på dina frågor.")]
    events, shown = run(p, text, target="sv-lattlast")
    assert len(engine.requests) == 2
    assert shown == "Ring Karin Lindholm på 070-123 45 67. Hon svarar på dina frågor."
    second = engine.sent(1)
    assert f'"Du kan ringa {person} på {phone}' in second  # the hint quotes the masked draft
    for value in ("Karin", "Lindholm", "070", "123 45"):
        assert value not in second, value
    assert events[-1].extra["placeholders"] == {"sent": 2, "kept": 2}  # type: ignore[union-attr]


def test_refused_revise_round_leaves_the_draft_standing(settings: Settings) -> None:
    engine = RoundsEngine([pieces(HARD_DRAFT)], refuse_from=1)
    p = translator(settings, engine)
    events, shown = run(p, HARD_DRAFT, target="sv-lattlast")
    # The revision was announced, the engine refused it, and the draft came back in its place.
    assert len(engine.requests) == 2 and shown == HARD_DRAFT
    assert sum(isinstance(e, Revision) for e in events) == 1 and isinstance(events[-2], Delta)
    figures = events[-1].extra["readability"]  # type: ignore[union-attr]
    assert figures["revised"] is False and figures["skipped"] == "busy" and figures["before"]["findings"] > 0
    assert figures["after"] == figures["before"]


def test_first_round_refused_is_a_problem_before_the_stream(settings: Settings) -> None:
    p = translator(settings, RoundsEngine([[]], refuse_from=0))
    with pytest.raises(Problem) as raised:
        p.translate(job("translate", target="en"), TEXT)  # type: ignore[arg-type]
    assert raised.value.status == 503


def test_swedish_instructions_for_swedish_targets_and_names_in_swedish(settings: Settings) -> None:
    engine = RoundsEngine([pieces("Hello.")])
    p = translator(settings, engine)
    run(p, "Hej.", target="sv", source="en")
    assert "Översätt texten till svenska. Texten är skriven på engelska." in engine.sent(0)
    run(p, "Hej.", target="fi", language="sv")
    assert "Översätt texten till finska." in engine.sent(1)
    run(p, "Hello.", target="sv-lattlast", source="en", language="en")
    assert "Write the text in easy-to-read Swedish (lättläst). The text is written in English." in engine.sent(2)


def test_meta_counts_the_masked_values(settings: Settings) -> None:
    engine = RoundsEngine([pieces("Hi.")])
    events, _ = run(translator(settings, engine), TEXT, target="en")
    assert isinstance(events[0], Meta) and sum(events[0].redactions.values()) >= 2


@pytest.mark.parametrize("header", ["Here is the translation:", "Översättning:", "**Translation:**",
                                    "Lättläst version:"])
def test_a_header_before_the_translation_is_dropped(settings: Settings, header: str) -> None:
    engine = RoundsEngine([pieces(f"{header}\nHello, you can call us on Monday.", 4)])
    _events, shown = run(translator(settings, engine), "Hej, du kan ringa oss på måndag.", target="en")
    assert shown == "Hello, you can call us on Monday."


def test_a_long_text_is_translated_in_parts_with_its_paragraphs(settings: Settings) -> None:
    paragraphs = [f"Stycke {n}. Du kan ringa Anna Svensson om ansökan nummer {n} och om beslutet i ärendet."
                  for n in range(1, 9)]
    text = "\n\n".join(paragraphs)
    engine = RoundsEngine([[]], context_length=700)
    p = translator(settings.replace(max_output_tokens=96), engine)
    person = placeholders_of(p, text)[0]
    engine.answers = [pieces(f"Part translated; call {person}.", 6)]
    events, shown = run(p, text, target="en")
    progress = [e for e in events if isinstance(e, Progress)]
    assert len(engine.requests) == len(progress) >= 3
    assert [e.part for e in progress] == list(range(1, len(progress) + 1)) and progress[-1].parts == len(progress)
    # Each part's translation in turn, a blank line between them, every placeholder restored.
    assert shown == "\n\n".join(["Part translated; call Anna Svensson."] * len(progress))
    # The parts are whole paragraphs of the masked text, in order, all of them once.
    masked = p.redactor.redact(text).redacted.split("\n\n")
    sent_paragraphs = [paragraph for request in engine.requests
                       for paragraph in request.messages[-1].content.split("\n\n")[1:]]
    assert sent_paragraphs == masked
    for request in engine.requests:  # every prompt fits, with its cap under the server's
        assert request.max_new_tokens <= 96
        assert sum(engine.count_tokens(m.content) for m in request.messages) + request.max_new_tokens <= 700
    done = events[-1]
    assert isinstance(done, Done) and sum(isinstance(e, Done) for e in events) == 1
    assert done.completion_tokens == len(progress) * len(engine.answers[0])
    assert done.extra["placeholders"] == {"sent": 1, "kept": 1}


def test_lattlast_in_parts_keeps_the_draft_when_a_revision_would_be_cut(settings: Settings) -> None:
    text = "\n\n".join([HARD_DRAFT] * 6)
    engine = RoundsEngine([pieces(HARD_DRAFT)], context_length=900)
    p = translator(settings.replace(max_output_tokens=96), engine)
    events, shown = run(p, text, target="sv-lattlast")
    parts = sum(isinstance(e, Progress) for e in events)
    assert parts >= 2 and len(engine.requests) == parts  # no revise round
    assert shown == "\n\n".join([HARD_DRAFT] * parts)
    figures = events[-1].extra["readability"]  # type: ignore[union-attr]
    assert figures["revised"] is False and figures["skipped"] == "text_too_long" and figures["before"]["findings"] > 0
