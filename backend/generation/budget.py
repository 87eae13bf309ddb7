"""Token maths: output caps, whether a prompt fits the model's context, and what to cut when it does not."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from backend.engine import ChatMessage
from backend.generation.errors import TextTooLong

# Output caps by requested length, before the server-wide KOLLEGA_MAX_OUTPUT_TOKENS.
LENGTH_TOKENS = {"short": 160, "medium": 360, "long": 720}
# Chat-template tokens around each message (role markers, separators): a safe over-estimate.
TEMPLATE_OVERHEAD = 8
Count = Callable[[str], int]


class Budget:
    """The token budget of one engine: its context, its tokenizer and the server's output cap."""

    def __init__(self, context_length: int, count: Count, max_output_tokens: int) -> None:
        self.context_length = context_length
        self.count = count
        self.max_output_tokens = max_output_tokens

    def cap(self, length: str) -> int:
        """The output cap for a requested length ("short", "medium", "long")."""
        return min(LENGTH_TOKENS[length], self.max_output_tokens)

    def cap_like(self, text: str) -> int:
        """The output cap for an answer about as long as `text` (a rewrite, a translation)."""
        return min(self.max_output_tokens, max(64, int(self.count(text) * 1.3) + 16))

    def cap_at_most(self, requested: int | None) -> int:
        """The caller's own cap (the gateway's max_tokens), never above the server's."""
        return min(requested or self.max_output_tokens, self.max_output_tokens)

    def tokens(self, messages: Sequence[ChatMessage]) -> int:
        return sum(self.count(m.content) + TEMPLATE_OVERHEAD for m in messages) + TEMPLATE_OVERHEAD

    def room(self, messages: Sequence[ChatMessage], cap: int) -> int:
        """Tokens left in the context after these messages and the answer; negative when they do not fit."""
        return self.context_length - cap - self.tokens(messages)

    def fits(self, messages: Sequence[ChatMessage], cap: int) -> bool:
        return self.room(messages, cap) >= 0

    def require_fit(self, messages: Sequence[ChatMessage], cap: int) -> None:
        if not self.fits(messages, cap):
            limit = self.context_length
            raise TextTooLong(
                f"The text is too long for the model (its context holds {limit:,} tokens, about "
                f"{limit * 3:,} characters with the answer). Shorten it or select a part.",
                limit_tokens=limit,
            )

    def keep_tail(self, text: str, max_tokens: int) -> str:
        """The longest end of `text`, cut at a word, that fits in max_tokens."""
        if max_tokens <= 0:
            return ""
        words = text.split(" ")
        low, high = 0, len(words)
        while low < high:  # the smallest cut whose tail fits
            mid = (low + high) // 2
            if self.count(" ".join(words[mid:])) <= max_tokens:
                high = mid
            else:
                low = mid + 1
        return " ".join(words[low:])

    def group(self, texts: list[str], max_tokens: int) -> list[list[str]]:
        """Consecutive texts in groups of at most max_tokens tokens (one text alone may exceed it)."""
        groups: list[list[str]] = [[]]
        used = 0
        for text in texts:
            tokens = self.count(text) + 4
            if groups[-1] and used + tokens > max_tokens:
                groups.append([])
                used = 0
            groups[-1].append(text)
            used += tokens
        return groups
