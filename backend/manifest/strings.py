"""The localized strings: localization/<language>.json for the unified manifest, and the same words
for the XML manifests' {{sv:NAME}} and {{en:NAME}} placeholders, checked against the XML length limits."""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from backend.manifest.inputs import ManifestError
from backend.manifest.templates import ADDIN_DIR, read_json

XML_NAMES = "xml-names.json"

DEFAULT_LANGUAGE = "sv"
LANGUAGES = ("sv", "en")

# Names the XML templates use for localized strings ({{sv:NAME}}, {{en:NAME}}), mapped to the keys of the
# unified manifest's localization files, so both formats show the same words.
XML_STRINGS: dict[str, str] = {"NAME": "name.short", "DESCRIPTION": "description.full"}
for _prefix, _ribbon in (("READ", 0), ("COMPOSE", 1), ("WORD", 2)):
    _group = f"extensions[0].ribbons[{_ribbon}].tabs[0].groups[0]"
    XML_STRINGS |= {
        f"{_prefix}_GROUP": f"{_group}.label",
        f"{_prefix}_LABEL": f"{_group}.controls[0].label",
        f"{_prefix}_TITLE": f"{_group}.controls[0].supertip.title",
        f"{_prefix}_TIP": f"{_group}.controls[0].supertip.description",
    }
# Length limits of the XML manifest: DisplayName and short strings 125, Description and long strings 250.
XML_LIMITS = {"NAME": 125, "DESCRIPTION": 250, "GROUP": 125, "LABEL": 125, "TITLE": 125, "TIP": 250}


def load_strings(templates: Path = ADDIN_DIR) -> dict[str, dict[str, str]]:
    """The localized strings by language, without "$schema"; every language must have the same keys."""
    tables: dict[str, dict[str, str]] = {}
    for language in LANGUAGES:
        path = templates / "localization" / f"{language}.json"
        data = read_json(path)
        table = {key: value for key, value in data.items() if key != "$schema"}
        bad = [key for key, value in table.items() if not isinstance(value, str) or not value.strip()]
        if bad:
            raise ManifestError(f"{path}: these strings are empty or not text: {', '.join(bad)}")
        tables[language] = table
    reference = set(tables[DEFAULT_LANGUAGE])
    for language, table in tables.items():
        missing, extra = reference - set(table), set(table) - reference
        if missing or extra:
            raise ManifestError(
                f"localization/{language}.json must have the same keys as {DEFAULT_LANGUAGE}.json; "
                f"missing: {sorted(missing)}, extra: {sorted(extra)}"
            )
    return tables


def xml_strings(strings: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
    table = {}
    for name, key in XML_STRINGS.items():
        limit = XML_LIMITS[name.rsplit("_", 1)[-1]]
        for language, texts in strings.items():
            text = texts.get(key)
            if text is None:
                raise ManifestError(f"localization/{language}.json has no {key!r}, which the XML manifests use")
            if len(text) > limit:
                raise ManifestError(
                    f"localization/{language}.json: {key!r} has {len(text)} characters; "
                    f"the XML manifests allow {limit}"
                )
            table[f"{language}:{name}"] = text
    return table


def xml_names(templates: Path) -> dict[str, str]:
    """The XML add-ins' own display names ({{sv:OUTLOOK_NAME}}, ...), checked against the XML length limit."""
    names = read_json(templates / XML_NAMES)
    table = {}
    for language in LANGUAGES:
        for name in ("OUTLOOK_NAME", "WORD_NAME"):
            text = (names.get(language) or {}).get(name)
            if not isinstance(text, str) or not text.strip() or len(text) > XML_LIMITS["NAME"]:
                raise ManifestError(
                    f"{XML_NAMES}: {language}.{name} must be text of 1 to {XML_LIMITS['NAME']} characters"
                )
            table[f"{language}:{name}"] = text
    return table
