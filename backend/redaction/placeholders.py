"""Numbering of placeholders within one request, and the map back to the values."""

from __future__ import annotations

from dataclasses import dataclass, field


def placeholder(entity_type: str, number: int) -> str:
    return f"[{entity_type}_{number}]"


@dataclass
class _Person:
    tag: str
    parts: frozenset[str]


@dataclass
class PlaceholderBook:
    """Gives each distinct value one placeholder, per type, counting from 1; memory only."""

    values: dict[str, str] = field(default_factory=dict)
    _counters: dict[str, int] = field(default_factory=dict)
    _by_key: dict[tuple[str, tuple[str, ...]], str] = field(default_factory=dict)
    _people: list[_Person] = field(default_factory=list)

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
        if entity_type == "PERSON":
            return self._person(key, value)
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

    def _person(self, key: tuple[str, ...], value: str) -> str:
        # Names are matched on their parts: "Anna" joins "Anna Svensson" when it is the only Anna.
        mention = frozenset(p for p in key if len(p) > 1) or frozenset(key)
        exact = [p for p in self._people if p.parts == mention]
        if exact:
            return exact[0].tag
        wider = [p for p in self._people if mention < p.parts]
        if wider:
            return wider[0].tag
        narrower = [p for p in self._people if p.parts < mention]
        if len(narrower) == 1:
            person = narrower[0]
            person.parts = mention
            self.values[person.tag] = value  # restore the fuller form
            return person.tag
        person = _Person(self._new("PERSON", value), mention)
        self._people.append(person)
        return person.tag
