"""Numbering of placeholders within one request, and the map back to the values."""

from __future__ import annotations

from collections.abc import Callable

from .entities import TypeTraits, traits


def placeholder(entity_type: str, number: int) -> str:
    return f"[{entity_type}_{number}]"


class _Known:
    """A value of a type known by its parts, with the parts of its fullest mention so far."""

    def __init__(self, tag: str, parts: frozenset[str]) -> None:
        self.tag = tag
        self.parts = parts


class PlaceholderBook:
    """Gives each distinct value one placeholder, per type, counting from 1; memory only.

    A plain class with its __init__ written out, not a dataclass: compiled (mypyc), a request builds one,
    and numbers every span with it. type_traits: how a type's values are known (entities.traits); a
    test gives other traits to show that numbering follows them, not the type's name."""

    def __init__(self, type_traits: Callable[[str], TypeTraits] = traits) -> None:
        self.values: dict[str, str] = {}
        self._traits = type_traits
        self._counters: dict[str, int] = {}
        self._by_key: dict[tuple[str, tuple[str, ...]], str] = {}
        self._by_parts: dict[str, list[_Known]] = {}

    def __repr__(self) -> str:  # the values are personal data: never in a repr or a log line
        return f"PlaceholderBook({len(self.values)} placeholders)"

    def _new(self, entity_type: str, value: str) -> str:
        number = self._counters.get(entity_type, 0) + 1
        self._counters[entity_type] = number
        tag = placeholder(entity_type, number)
        self.values[tag] = value
        return tag

    def tag_for(self, entity_type: str, key: tuple[str, ...], value: str) -> str:
        key = key or (" ".join(value.split()).casefold(),)
        if self._traits(entity_type).by_parts:
            return self._parts(entity_type, key, value)
        ident = (entity_type, key)
        tag = self._by_key.get(ident)
        if tag is None:
            tag = self._by_key[ident] = self._new(entity_type, value)
        return tag

    def literal(self, entity_type: str, text: str) -> str:
        """A placeholder for input text that itself looks like one; it restores to that text."""
        ident = (entity_type, ("\0literal", text))
        tag = self._by_key.get(ident)
        if tag is None:
            tag = self._by_key[ident] = self._new(entity_type, text)
        return tag

    def _parts(self, entity_type: str, key: tuple[str, ...], value: str) -> str:
        # Matched on their parts: "Anna" joins "Anna Svensson" when it is the only Anna.
        known = self._by_parts.setdefault(entity_type, [])
        mention = frozenset(p for p in key if len(p) > 1) or frozenset(key)
        exact = [k for k in known if k.parts == mention]
        if exact:
            return exact[0].tag
        wider = [k for k in known if mention < k.parts]
        if wider:
            return wider[0].tag
        narrower = [k for k in known if k.parts < mention]
        if len(narrower) == 1:
            fuller = narrower[0]
            fuller.parts = mention
            self.values[fuller.tag] = value  # restore the fuller form
            return fuller.tag
        new = _Known(self._new(entity_type, value), mention)
        known.append(new)
        return new.tag
