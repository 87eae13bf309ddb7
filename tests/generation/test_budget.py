"""The budget stage on its own: output caps, what fits the context, and what is cut when it does not."""

from __future__ import annotations

import pytest

from backend.engine import ChatMessage
from backend.generation.budget import LENGTH_TOKENS, TEMPLATE_OVERHEAD, Budget
from backend.generation.errors import TextTooLong


def words(text: str) -> int:
    """One token per word: easy to reason about in a test."""
    return len(text.split())


def budget(context: int = 100, max_output: int = 1000) -> Budget:
    return Budget(context, words, max_output)


def test_length_caps_stop_at_the_server_cap() -> None:
    assert budget().cap("short") == LENGTH_TOKENS["short"]
    assert budget(max_output=200).cap("long") == 200
    assert budget(max_output=200).cap_at_most(None) == 200
    assert budget(max_output=200).cap_at_most(50) == 50
    assert budget(max_output=200).cap_at_most(5000) == 200


def test_a_rewrite_cap_follows_its_input() -> None:
    assert budget().cap_like("ord " * 100) == 146  # 100 tokens x 1.3 + 16
    assert budget().cap_like("kort") == 64  # never below 64
    assert budget(max_output=80).cap_like("ord " * 100) == 80


def test_fits_counts_template_overhead_and_the_answer() -> None:
    messages = (ChatMessage("system", "a b c"), ChatMessage("user", "d e"))
    used = 5 + 2 * TEMPLATE_OVERHEAD + TEMPLATE_OVERHEAD
    assert budget().tokens(messages) == used
    exact = Budget(used + 10, words, 1000)
    assert exact.fits(messages, 10) and exact.room(messages, 10) == 0
    assert not exact.fits(messages, 11) and exact.room(messages, 11) == -1


def test_require_fit_refuses_with_the_context_size() -> None:
    b = budget(context=40)
    b.require_fit((ChatMessage("user", "kort"),), 10)
    with pytest.raises(TextTooLong) as refused:
        b.require_fit((ChatMessage("user", "ord " * 50),), 10)
    assert refused.value.limit_tokens == 40
    assert refused.value.code == "text_too_long"
    assert "ord" not in refused.value.detail  # the detail never quotes the text


def test_keep_tail_keeps_the_longest_end_that_fits() -> None:
    text = " ".join(f"w{i}" for i in range(20))
    assert budget().keep_tail(text, 5) == "w15 w16 w17 w18 w19"
    assert budget().keep_tail(text, 100) == text
    assert budget().keep_tail(text, 0) == ""
    assert budget().keep_tail(text, -3) == ""


def test_group_packs_in_order_within_the_limit() -> None:
    texts = ["a b", "c d e", "f", "g h i j"]
    groups = budget().group(texts, 9)  # each text costs its words plus 4
    assert [t for g in groups for t in g] == texts
    assert groups == [["a b"], ["c d e"], ["f"], ["g h i j"]]
    assert budget().group(texts, 100) == [texts]
    # A text over the limit on its own still gets a group: nothing is dropped.
    assert budget().group(["x " * 50], 5) == [["x " * 50]]
