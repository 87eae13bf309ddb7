"""The template files in addin-manifest/: reading them, filling their {{NAME}} placeholders, and walking
the manifest paths that the localization files use as keys (extensions[0].ribbons[0].label)."""

from __future__ import annotations

import copy
import json
import re
import xml.etree.ElementTree as ET
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from backend import bundle
from backend.manifest.inputs import ManifestError

ADDIN_DIR = bundle.addin_dir()

_PLACEHOLDER = re.compile(r"\{\{([A-Za-z0-9_:]+)\}\}")
_KEY_PART = re.compile(r"([A-Za-z_$][A-Za-z0-9_$]*)((?:\[\d+\])*)")


def fill_json(template: Any, values: Mapping[str, str]) -> Any:
    """A copy of the template with every {{NAME}} in its strings replaced; unknown names are an error."""
    if isinstance(template, dict):
        return {key: fill_json(value, values) for key, value in template.items()}
    if isinstance(template, list):
        return [fill_json(item, values) for item in template]
    if isinstance(template, str):
        return _PLACEHOLDER.sub(lambda match: _value(values, match.group(1)), template)
    return copy.deepcopy(template)


def fill_xml(template: str, values: Mapping[str, str], strings: Mapping[str, str]) -> bytes:
    """The XML template with {{NAME}} and {{lang:NAME}} filled in, every value escaped; checked to parse."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        text = strings.get(name) if ":" in name else _value(values, name)
        if text is None:
            raise ManifestError(f"XML template uses {{{{{name}}}}}, which is not a known localized string")
        return escape(text, {'"': "&quot;"})

    text = _PLACEHOLDER.sub(replace, template)
    try:
        ET.fromstring(text.encode("utf-8"))
    except ET.ParseError as exc:
        raise ManifestError(f"an XML template does not give well-formed XML: {exc}") from exc
    return text.encode("utf-8")


def _value(values: Mapping[str, str], name: str) -> str:
    if name not in values:
        raise ManifestError(f"a template uses {{{{{name}}}}}, which write_manifests does not fill")
    return values[name]


def _steps(key: str) -> list[str | int]:
    """'extensions[0].ribbons[1].label' -> ['extensions', 0, 'ribbons', 1, 'label']."""
    steps: list[str | int] = []
    for part in key.split("."):
        match = _KEY_PART.fullmatch(part)
        if not match:
            raise ManifestError(f"localization key {key!r} is not a manifest path")
        steps.append(match.group(1))
        steps.extend(int(index) for index in re.findall(r"\[(\d+)\]", match.group(2)))
    return steps


def get_key(document: Any, key: str) -> Any:
    """The value at a localization key's path in the manifest; ManifestError when the path does not exist."""
    return _walk(document, _steps(key), key)


def set_key(document: Any, key: str, value: str) -> None:
    """Put a string at a localization key's path; the field must already hold text in the template."""
    steps = _steps(key)
    parent = _walk(document, steps[:-1], key)
    if not isinstance(_walk(parent, steps[-1:], key), str):
        raise ManifestError(f"localization key {key!r} does not name a text field of the manifest template")
    parent[steps[-1]] = value


def _walk(node: Any, steps: list[str | int], key: str) -> Any:
    for step in steps:
        fits = (isinstance(node, dict) and step in node) or (
            isinstance(node, list) and isinstance(step, int) and step < len(node)
        )
        if not fits:
            raise ManifestError(
                f"localization key {key!r} does not match the manifest template (no {step!r} there); "
                "keys are paths such as extensions[0].ribbons[0].tabs[0].groups[0].label"
            )
        node = node[step]
    return node


def json_bytes(data: Any) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def read_json(path: Path) -> Any:
    try:
        return json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise ManifestError(f"{path} is not valid JSON: {exc}") from exc


def read_text(path: Path) -> str:
    return read_bytes(path).decode("utf-8")


def read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ManifestError(f"{path} is missing; the manifest templates live in addin-manifest/") from None
