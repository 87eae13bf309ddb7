"""The name model's tokens as two flat lists, spellings and start offsets, for tagging.

features.tokenize() builds a Token (start, end, spelling) from a regex match for every token: a match
object, its span and its group each cost an allocation, and tagging reads tens of thousands of
tokens per megabyte of case notes. Here str.split() cuts the stretch into whitespace-separated
chunks (in C), a chunk of letters and digits only, most of them, is one token as it stands, and only
the others go through TOKEN_RE. The tokens are the same, in the same places
(tests/redaction/test_model_tokens.py holds the two equal on the corpora and on random text):

- TOKEN_RE matches no white space, and at any other character one of its two branches matches
  (\\w+ at a word character, [^\\w\\s] at any other), so tokens never cross white space and the
  characters between two tokens are white space only. str.split() and the regex's \\s mean the same
  characters (both Py_UNICODE_ISSPACE), so the chunks are the runs of tokens that touch each other.
- A chunk's first occurrence from the end of the chunk before it is where it stands: only white
  space lies in between, and a chunk starts with a character that is not.
- \\w is Py_UNICODE_ISALNUM or "_", str.isalnum() is Py_UNICODE_ISALNUM on every character: a chunk
  that isalnum() is \\w+ and nothing after it, one token. TOKEN_RE has no look-around, so the tokens
  of any other chunk are what TOKEN_RE finds within the chunk alone, one right after the other.
"""

from __future__ import annotations

from typing import Final

from .features import TOKEN_RE

_FIND_TOKENS: Final = TOKEN_RE.findall


def split_tokens(text: str, start: int, end: int) -> tuple[list[str], list[int]]:
    """The spellings and start offsets of features.tokenize(text, start, end)'s tokens."""
    raws: list[str] = []
    starts: list[int] = []
    pos = start
    for chunk in text[start:end].split():
        at = text.find(chunk, pos)
        pos = at + len(chunk)
        if chunk.isalnum():
            raws.append(chunk)
            starts.append(at)
            continue
        for raw in _FIND_TOKENS(text, at, pos):
            raws.append(raw)
            starts.append(at)
            at += len(raw)
    return raws, starts
