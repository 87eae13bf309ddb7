"""Post-processing of a model's answer as it streams: what small local models add that is not answer.

Small instruct models echo the prompt's fences (`<document>`, `</dokument>`), start with a header
("Summary:"), write a role marker or their own end-of-turn token, and sometimes loop on a phrase until
the output cap. The filter here removes the scaffolding, ends the answer at a special token, and
stops a degenerate loop. It holds back only what may still turn into scaffolding (an unfinished
`<...` tag, or a first line that may be a header), so the first words still reach the user at once.
"""

from __future__ import annotations

import re
from typing import Any

# Chat-format control tokens: ChatML, Llama 3, Gemma, Mistral, Llama 2. Text after one is a new turn.
_SPECIAL = re.compile(r"<\|[A-Za-z0-9_]{1,40}\|>|<(?:start|end)_of_turn>|</s>|\[/?INST\]")
# The prompt's fences in both languages, also in the neutralised form (‹ ›) that fence() gives the
# user's own copies; and fences a model invents by analogy (<text>, <summary>).
_FENCE_NAMES = ("document|dokument|text|context|sammanhang|instruction|instruktion|parts|delar|summary|"
                "sammanfattning|draft|utkast|rewrite|answer|svar")
_FENCE = re.compile(rf"[<‹]\s*/?\s*(?:{_FENCE_NAMES})\s*[>›]", re.IGNORECASE)
# A tag that may still be completing: held back until it closes or clearly is not one.
_OPEN_TAG = re.compile(r"(?:[<‹][^<>‹›\n]{0,40}|\[/?I?N?S?T?)$")
# A first line that only labels the answer, or a role marker.
_HEADERS = ("summary", "sammanfattning", "draft", "utkast", "rewritten text", "the rewritten text", "omskriven text",
            "rewrite", "answer", "svar", "assistant", "user", "system", "here is the summary",
            "here is the rewritten text", "here is the draft", "här är sammanfattningen",
            "translation", "översättning", "here is the translation", "här är översättningen", "lättläst version",
            "lättläst text", "här är texten på lättläst svenska")
_HEADER = re.compile(rf"(?:#+\s*|\*\*)?(?:{'|'.join(re.escape(h) for h in _HEADERS)})\s*:?\s*(?:\*\*)?\s*",
                     re.IGNORECASE)
# A combine prompt's "Part 1:" / "Del 1:" labels echoed on a line of their own.
_PART_LABEL = re.compile(r"(?im)^[ \t]*(?:part|del)\s+\d+:[ \t]*\n")

# The repetition guard: a unit of up to MAX_UNIT characters repeated at least MIN_REPEATS times in a
# row, over at least MIN_SPAN characters, ends the answer. Digits count as one digit, so a run of
# "[PERSON_1], [PERSON_2], [PERSON_3] ..." is a loop too.
MAX_UNIT = 200
MIN_REPEATS = 3
MIN_SPAN = 80
_WINDOW = MAX_UNIT * MIN_REPEATS + MIN_SPAN


class AnswerCleaner:
    """feed() model text pieces, get back cleaned text to pass on; finish() at the end."""

    def __init__(self) -> None:
        self._held = ""
        self._at_start = True
        self.stopped = False

    def feed(self, text: str) -> str:
        if self.stopped:
            return ""
        self._held += text
        return self._release(final=False)

    def finish(self) -> str:
        out = "" if self.stopped else self._release(final=True)
        self._held = ""
        return out.rstrip()

    def _release(self, final: bool) -> str:
        text = self._held
        special = _SPECIAL.search(text)
        if special:
            text, final, self.stopped = text[: special.start()], True, True
        text = _PART_LABEL.sub("", _FENCE.sub("", text))
        cut = len(text)
        if not final:
            tag = _OPEN_TAG.search(text)
            if tag:
                cut = tag.start()
        ready, self._held = text[:cut], text[cut:]
        while self._at_start:
            ready = ready.lstrip()
            if not ready:
                return ""
            newline = ready.find("\n")
            line = ready if newline < 0 else ready[:newline]
            if newline < 0 and not final and _may_become_header(line):
                self._held = ready + self._held
                return ""
            if _HEADER.fullmatch(line):
                ready = "" if newline < 0 else ready[newline + 1:]
                continue
            self._at_start = False
        if final:
            ready, self._held = ready + self._held, ""
            return ready
        # Trailing white space waits for the next word: an answer that ends here ends without it.
        kept = ready.rstrip()
        self._held = ready[len(kept):] + self._held
        return kept


def _may_become_header(line: str) -> bool:
    words = line.lower().lstrip("#* ").rstrip()
    return len(words) <= 40 and any(h.startswith(words) or words.startswith(h) for h in _HEADERS)


class RepetitionGuard:
    """Watches the raw answer; `feed` returns True once the answer has become a loop."""

    def __init__(self) -> None:
        self._tail = ""
        self.tripped = False

    def feed(self, text: str) -> bool:
        self._tail = (self._tail + re.sub(r"\d+", "0", text))[-_WINDOW:]
        if not self.tripped:
            self.tripped = is_looping(self._tail)
        return self.tripped


def is_looping(text: str) -> bool:
    """Whether `text` ends in one unit repeated MIN_REPEATS or more times over MIN_SPAN characters."""
    n = len(text)
    for unit_len in range(1, min(MAX_UNIT, n // MIN_REPEATS) + 1):
        unit = text[n - unit_len:]
        if not any(c.isalnum() for c in unit):
            continue  # rules, dots and blank lines are layout, not a loop
        repeats = max(MIN_REPEATS, -(-MIN_SPAN // unit_len))
        if repeats * unit_len <= n and text.endswith(unit * repeats):
            return True
    return False


class AnswerFilter:
    """Cleaning, the repetition guard and placeholder restoration in the order an answer needs them."""

    def __init__(self, restorer: Any) -> None:
        self.restorer = restorer
        self.cleaner = AnswerCleaner()
        self.guard = RepetitionGuard()
        self.raw: list[str] = []

    def feed(self, text: str) -> str:
        self.raw.append(text)
        self.guard.feed(text)
        return str(self.restorer.feed(self.cleaner.feed(text)))

    @property
    def stop_reason(self) -> str | None:
        """Why the answer must end now though the model goes on: a loop, or a special token."""
        if self.guard.tripped:
            return "repetition"
        return "stop" if self.cleaner.stopped else None

    def finish(self) -> str:
        return str(self.restorer.feed(self.cleaner.finish())) + str(self.restorer.finish())


def clean_text(text: str) -> str:
    """The whole answer at once (intermediate part summaries)."""
    cleaner = AnswerCleaner()
    return (cleaner.feed(text) + cleaner.finish()).strip()


def neutralise_special_tokens(text: str) -> str:
    """User content cannot carry a chat-format token into the template: `<|im_start|>` -> `‹|im_start|›`."""
    return _SPECIAL.sub(lambda m: m.group(0).replace("<", "‹").replace(">", "›").replace("[", "⟦")
                        .replace("]", "⟧"), text)
