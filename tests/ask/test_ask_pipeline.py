"""Ask through the pipeline with scripted engines: the model sees masked passages that fit, quotes it
invents are dropped, quotes with placeholders come back restored and point into the original text, and a
question the text does not answer never reaches the model."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from backend.ask.passages import split_passages
from backend.auth.principal import Principal
from backend.engine import GenerationRequest
from backend.generation.errors import TextTooLong
from backend.generation.events import Citations, Delta, Done, Meta
from backend.generation.pipeline import Job, Pipeline
from backend.settings import Settings
from tests.fakes import ScriptedEngine as SharedEngine
from tests.fakes import make_pipeline as real_pipeline

NAME, PHONE = "Karin Lindholm", "070-123 45 67"
TOPICS = ["parkering", "snöröjning", "bibliotek", "simhall", "gatubelysning", "återvinning", "cykelbanor",
          "lekplatser", "kollektivtrafik", "kulturskolan", "äldreboende", "vattenledningar"]


def protocol() -> str:
    """A long protocol: one paragraph answers the test's question, the rest are about other things."""
    paragraphs = []
    for i, topic in enumerate(TOPICS * 4, start=1):
        paragraphs.append(f"§ {i} {topic.capitalize()}\n\nFörvaltningen redovisade läget för {topic} i kommunen. "
                          f"Arbetet med {topic} fortsätter enligt plan, och en ny lägesrapport om {topic} "
                          f"lämnas till nämnden vid ett senare sammanträde under året.")
        if i == 30:
            paragraphs.append(f"§ 30 b Förskolan Solbacken\n\nBarn- och utbildningsnämnden beslutar att förskolan "
                              f"Solbacken ska byggas ut med två avdelningar till hösten 2028. Kontaktperson är "
                              f"{NAME}, telefon {PHONE}.")
    return "\n\n".join(paragraphs)


class AskEngine(SharedEngine):
    """The shared scripted engine with a small context, so that a long text reaches it as chosen passages."""

    def __init__(self, answer: Callable[[GenerationRequest], list[str]], context_length: int = 1500) -> None:
        super().__init__(answer, context_length)


def make_pipeline(settings: Settings, engine: AskEngine) -> Pipeline:
    return real_pipeline(settings, engine)


def ask(pipeline: Pipeline, text: str, question: str, language: str = "sv") -> list[object]:
    job = Job("ask", Principal("t", "o", frozenset({"access_as_user"})), "api", {"language": language})
    return list(pipeline.ask(job, text, question))


def answer_of(events: list[object]) -> str:
    return "".join(e.text for e in events if isinstance(e, Delta))


def citations_of(events: list[object]) -> list[dict[str, object]]:
    found = [e for e in events if isinstance(e, Citations)]
    assert len(found) == 1
    return list(found[0].citations)


def excerpt_number(request: GenerationRequest, needle: str) -> int:
    """The [n] label of the excerpt in the prompt that holds `needle`."""
    user = request.messages[-1].content
    at = user.index(needle)
    label = user.rfind("\n[", 0, at)
    return int(user[label + 2:user.index("]", label)])


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    from tests.conftest import make_settings

    return make_settings(tmp_path / "instance", tmp_path / "no-model-needed")


def test_the_answer_cites_a_checked_quote_restored_and_indexed_into_the_original(settings: Settings) -> None:
    text = protocol()

    def answer(request: GenerationRequest) -> list[str]:
        user = request.messages[-1].content
        placeholder = user[user.index("Kontaktperson är ") + 17:user.index(", telefon")]
        n = excerpt_number(request, "Solbacken ska byggas ut")
        return ["Förskolan byggs ut till ", "hösten 2028 ", f"[{n}].", " Kontakt: ", placeholder[:4],
                placeholder[4:], f" [{n}].\n\nCitat:\n", f'[{n}] "Kontaktperson är {placeholder}"\n',
                f'[{n}] "förskolan', ' Solbacken ska byggas ut med två avdelningar"']

    engine = AskEngine(answer)
    events = ask(make_pipeline(settings, engine), text, "När ska förskolan Solbacken byggas ut?")
    assert isinstance(events[0], Meta) and isinstance(events[-1], Done)
    assert isinstance(events[-2], Citations)  # before done
    shown = answer_of(events)
    assert shown.startswith("Förskolan byggs ut till hösten 2028 [") and NAME in shown
    assert "Citat" not in shown and '"' not in shown
    (citation,) = citations_of(events)
    assert citation["quote"] == f"Kontaktperson är {NAME}"  # the first quote that is in the text, restored
    assert text[citation["start"]:citation["end"]] == citation["quote"]  # type: ignore[misc]
    # The model saw no personal data, and only passages that fit beside the answer's room.
    request = engine.requests[0]
    prompt = "\n".join(m.content for m in request.messages)
    assert NAME not in prompt and PHONE not in prompt
    assert sum(engine.count_tokens(m.content) for m in request.messages) + request.max_new_tokens \
        <= engine.context_length
    assert prompt.count("Förvaltningen redovisade") < len(TOPICS * 4)  # not the whole text


def test_invented_quotes_are_dropped_and_shown_citations_are_exact_substrings(settings: Settings) -> None:
    text = protocol()

    def answer(request: GenerationRequest) -> list[str]:
        n = excerpt_number(request, "Solbacken ska byggas ut")
        return [f"Den byggs ut [{n}] och rivs sedan [{n + 1}].\n\nCitat:\n",
                f'[{n}] "förskolan Solbacken ska rivas"\n',  # invented
                f'[{n + 1}] "Kommunfullmäktige har beslutat att riva förskolan"\n']  # invented too

    events = ask(make_pipeline(settings, AskEngine(answer)), text, "Vad händer med förskolan Solbacken?")
    assert citations_of(events) == []
    assert answer_of(events).startswith("Den byggs ut [")  # the answer itself is still shown


def test_scripted_quotes_in_bulk_never_show_a_citation_outside_the_text(settings: Settings) -> None:
    import random

    text = protocol()
    rng = random.Random(11)
    vocabulary = [*text.split(), "rivs", "2029", "beslutade", "inte", "[PERSON_1]", "[PHONE_1]"]
    shown_citations = 0

    def answer(request: GenerationRequest) -> list[str]:
        user = request.messages[-1].content
        lines = []
        for n in range(1, 6):
            if rng.random() < 0.5:  # a real piece of the excerpt, as a model that quotes well would
                start = user.index(f"\n[{n}]\n") + 5 if f"\n[{n}]\n" in user else 0
                piece = user[start:start + rng.randint(10, 60)]
                lines.append(f'[{n}] "{piece}"')
            else:
                lines.append(f'[{n}] "{" ".join(rng.sample(vocabulary, rng.randint(2, 7)))}"')
        return ["Svar [1] [2] [3].\n\nCitat:\n", "\n".join(lines)]

    pipeline = make_pipeline(settings, AskEngine(answer))
    for question in ("När byggs förskolan Solbacken ut?", "Vad gäller för snöröjning och parkering?",
                     "Vem är kontaktperson för förskolan?"):
        for _ in range(10):
            for citation in citations_of(ask(pipeline, text, question)):
                shown_citations += 1
                assert text[citation["start"]:citation["end"]] == citation["quote"]  # type: ignore[misc]
    assert shown_citations > 0  # the real quotes did come through


def test_a_question_the_text_does_not_answer_is_told_so_without_the_model(settings: Settings) -> None:
    engine = AskEngine(lambda request: ["En gissning."])
    pipeline = make_pipeline(settings, engine)
    events = ask(pipeline, protocol(), "Vad kostar en tågbiljett till Kiruna?")
    assert engine.requests == []
    # Without a model call the request is still audited, once, through the stream's recorder.
    [record] = pipeline.recorder.store.recent()
    assert record.outcome == "completed" and record.feature == "ask" and record.completion_tokens == 0
    assert "gissar inte" in answer_of(events)
    assert citations_of(events) == []
    assert isinstance(events[-1], Done) and events[-1].finish_reason == "not_found"
    events = ask(make_pipeline(settings, engine), protocol(), "What does a train ticket to Kiruna cost?", "en")
    assert "not guess" in answer_of(events) and engine.requests == []


def test_a_short_text_goes_whole_and_a_marker_without_a_quote_cites_its_passage(settings: Settings) -> None:
    text = "Hej!\n\nMötet flyttas till torsdag klockan 10 i rum 4.\n\nHälsningar\nKarin"
    engine = AskEngine(lambda request: ["Torsdag klockan 10 [1]."])
    events = ask(make_pipeline(settings, engine), text, "När är mötet?")
    prompt = engine.requests[0].messages[-1].content
    assert "Mötet flyttas till torsdag" in prompt and "Hälsningar" in prompt
    (citation,) = citations_of(events)
    passage = split_passages(text)[0]
    assert (citation["start"], citation["end"]) == (passage.start, passage.end)
    assert citation["quote"] == text[passage.start:passage.end]


def test_a_context_too_small_for_one_passage_is_a_problem(settings: Settings) -> None:
    engine = AskEngine(lambda request: ["x"], context_length=420)
    pipeline = make_pipeline(settings, engine)
    with pytest.raises(TextTooLong) as raised:
        ask(pipeline, protocol(), "När byggs förskolan Solbacken ut?")
    assert raised.value.code == "text_too_long" and raised.value.limit_tokens == 420
    [record] = pipeline.recorder.store.recent()
    assert record.outcome == "rejected:text_too_long" and engine.requests == []


def test_a_value_the_user_masked_in_the_text_is_masked_in_the_question_too(settings: Settings) -> None:
    from backend.redaction.corrections import Corrections

    secret = "kanariefeber"  # lower-case and made up: only the user's correction masks it
    text = protocol().replace("två avdelningar", f"två avdelningar för barn med {secret}")
    engine = AskEngine(lambda request: ["Hösten 2028."])
    pipeline = make_pipeline(settings, engine)
    start = text.index(secret)
    job = Job("ask", Principal("t", "o", frozenset({"access_as_user"})), "api", {"language": "sv"},
              corrections={"text": Corrections.from_json([{"start": start, "end": start + len(secret)}], [])})
    events = list(pipeline.ask(job, text, f"Får barn med {secret} plats på förskolan Solbacken?"))
    prompt = "\n".join(m.content for m in engine.requests[0].messages)
    assert secret not in prompt and "Solbacken ska byggas ut" in prompt
    assert isinstance(events[-1], Done)
