"""Ask a text a question: passages, BM25 retrieval with a Swedish stemmer, and checked citations.

The text is split into passages (offsets into the original), ranked for the question, and the best
that fit the model's context go to it masked. The answer marks its sources [1], [2] and lists a quote
for each; every quote is looked up in the original text and dropped when it is not there. A question
the text does not answer is told so without asking the model. See docs/ask.md.
"""

from __future__ import annotations

from backend.ask.answer import Excerpt, excerpts, not_found, rank, with_citations
from backend.ask.prompt import ask_messages

__all__ = ["Excerpt", "ask_messages", "excerpts", "not_found", "rank", "with_citations"]
