"""Filling the templates in addin-manifest/ and writing the manifests, the localization files and the app package."""

from __future__ import annotations

import copy
import io
import json
import logging
import re
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

from backend import bundle
from backend.manifest.inputs import (
    ManifestError,
    check_base_url,
    check_client_id,
    check_page_url,
    check_version,
    derive_ids,
)

log = logging.getLogger(__name__)

ADDIN_DIR = bundle.addin_dir()
ICONS_DIR = ADDIN_DIR / "icons"

# URL paths on the backend. The pages come from the task pane's Vite build (taskpane.html, commands.html);
# the icons are served by backend.manifest.web from addin-manifest/icons.
TASKPANE_PATH = "/taskpane/taskpane.html"
COMMANDS_PATH = "/taskpane/commands.html"
ICONS_PATH = "/taskpane/icons/"
ICON_SIZES = (16, 32, 64, 80, 128)
# The XML manifests' own list icons (IconUrl, HighResolutionIconUrl), distinct from the unified package's.
CLASSIC_ICON_SIZES = (32, 64, 128)
# The organisation's pages that backend.pages serves; the manifests link to them by default.
WEBSITE_PATH = "/"
PRIVACY_PATH = "/privacy"
TERMS_PATH = "/terms"
SUPPORT_PATH = "/support"

# Word joins the unified package only on request: Microsoft supports the unified manifest in production for
# Outlook, and for Word only as a preview (learn.microsoft.com/office/dev/add-ins/develop/unified-manifest-overview).
WORD_FRAGMENT = "manifest.word.template.json"
WORD_RIBBON = 2
WORD_KEY_PREFIX = f"extensions[0].ribbons[{WORD_RIBBON}]."
XML_NAMES = "xml-names.json"

DEFAULT_LANGUAGE = "sv"
LANGUAGES = ("sv", "en")

# What write_manifests puts in the output folder.
UNIFIED_DIR = "unified"
PACKAGE_NAME = "kollega-app.zip"
OUTLOOK_XML = "kollega-outlook.xml"
WORD_XML = "kollega-word.xml"
PACKAGE_ICONS = ("color.png", "outline.png")

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

_PLACEHOLDER = re.compile(r"\{\{([A-Za-z0-9_:]+)\}\}")
_KEY_PART = re.compile(r"([A-Za-z_$][A-Za-z0-9_$]*)((?:\[\d+\])*)")
# The zip's entries get this fixed time stamp, so the same inputs give a byte-identical package.
_ZIP_TIME = (1980, 1, 1, 0, 0, 0)


def _package_version() -> str:
    try:
        version = metadata.version("kollega")
    except metadata.PackageNotFoundError:
        return "1.0.0"
    return version if re.fullmatch(r"\d+\.\d+\.\d+", version) else "1.0.0"


DEFAULT_VERSION = _package_version()


@dataclass(frozen=True)
class Rendered:
    """Everything write_manifests writes, as bytes by relative path, before anything touches the disk."""

    files: dict[str, bytes]
    manifest: dict[str, Any]


def write_manifests(
    base_url: str,
    client_id: str,
    out: Path,
    *,
    version: str = DEFAULT_VERSION,
    publisher: str = "Kollega",
    website_url: str | None = None,
    privacy_url: str | None = None,
    terms_url: str | None = None,
    support_url: str | None = None,
    unified_word: bool = False,
    templates: Path = ADDIN_DIR,
) -> list[Path]:
    """Write the unified manifest (folder and zip) and the Outlook and Word XML manifests into out; return the paths."""
    rendered = render(
        base_url, client_id, version=version, publisher=publisher, website_url=website_url,
        privacy_url=privacy_url, terms_url=terms_url, support_url=support_url, unified_word=unified_word,
        templates=templates,
    )
    if out.exists() and not out.is_dir():
        raise ManifestError(f"--out {str(out)!r} is a file; give a folder (it is created if missing).")
    written = []
    for name, data in rendered.files.items():
        path = out / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        written.append(path)
    return written


def render(
    base_url: str,
    client_id: str,
    *,
    version: str = DEFAULT_VERSION,
    publisher: str = "Kollega",
    website_url: str | None = None,
    privacy_url: str | None = None,
    terms_url: str | None = None,
    support_url: str | None = None,
    unified_word: bool = False,
    templates: Path = ADDIN_DIR,
) -> Rendered:
    """Check the inputs and fill every template in memory; raises ManifestError with what to fix.

    The unified package holds Outlook only, unless unified_word adds Word to it (a preview at Microsoft).
    """
    base = check_base_url(base_url)
    client = check_client_id(client_id)
    version = check_version(version)
    publisher = publisher.strip()
    if not publisher or len(publisher) > 32:
        raise ManifestError(
            f"--publisher {publisher!r} must be 1 to 32 characters (the admin center shows it as the developer)."
        )
    website = check_page_url(website_url, "--website-url") if website_url else base.url(WEBSITE_PATH)
    if not base.secure:
        log.warning("%s uses http: Office will not load these manifests; use https, even for localhost.", base.origin)

    ids = derive_ids(client)
    values = {
        "APP_ID": ids.app,
        "OUTLOOK_XML_ID": ids.outlook_xml,
        "WORD_XML_ID": ids.word_xml,
        "CLIENT_ID": client,
        # The Application ID URI that legacy Office SSO (getAccessToken) requires; see docs/deploy/manifest.md.
        "RESOURCE": f"api://{base.netloc}/{client}",
        "VERSION": version,
        "XML_VERSION": f"{version}.0",
        "PUBLISHER": publisher,
        "WEBSITE_URL": website,
        "PRIVACY_URL": check_page_url(privacy_url, "--privacy-url") if privacy_url else base.url(PRIVACY_PATH),
        "TERMS_URL": check_page_url(terms_url, "--terms-url") if terms_url else base.url(TERMS_PATH),
        "SUPPORT_URL": check_page_url(support_url, "--support-url") if support_url else base.url(SUPPORT_PATH),
        "HOST": base.netloc,
        "ORIGIN": base.origin,
        "TASKPANE_URL": base.url(TASKPANE_PATH),
        "COMMANDS_URL": base.url(COMMANDS_PATH),
    } | {f"ICON_{size}": base.url(f"{ICONS_PATH}icon-{size}.png") for size in ICON_SIZES} | {
        f"ICON_CLASSIC_{size}": base.url(f"{ICONS_PATH}icon-classic-{size}.png") for size in CLASSIC_ICON_SIZES
    }

    strings = load_strings(templates)
    manifest = fill_json(_read_json(templates / "manifest.template.json"), values)
    if unified_word:
        add_word(manifest, fill_json(_read_json(templates / WORD_FRAGMENT), values))
    # sv.json is the source of the default text. Setting each key also proves that it points at a text field
    # of the manifest (Office would silently ignore one that does not); every language has the same keys.
    for key, text in strings[DEFAULT_LANGUAGE].items():
        if unified_word or not key.startswith(WORD_KEY_PREFIX):
            set_key(manifest, key, text)

    xml_strings = _xml_strings(strings) | _xml_names(templates)
    package = {"manifest.json": _json_bytes(manifest)}
    for language in strings:
        localization = _read_json(templates / "localization" / f"{language}.json")
        if not unified_word:
            # The Word ribbon's strings would name a ribbon that this package does not have.
            localization = {k: v for k, v in localization.items() if not k.startswith(WORD_KEY_PREFIX)}
        package[f"{language}.json"] = _json_bytes(localization)
    for name in PACKAGE_ICONS:
        package[name] = _read_bytes(templates / "icons" / name)
    files = {f"{UNIFIED_DIR}/{name}": data for name, data in package.items()}
    files[PACKAGE_NAME] = _zip(package)
    files[OUTLOOK_XML] = fill_xml(_read_text(templates / "outlook.template.xml"), values, xml_strings)
    files[WORD_XML] = fill_xml(_read_text(templates / "word.template.xml"), values, xml_strings)
    return Rendered(files=files, manifest=manifest)


def add_word(manifest: dict[str, Any], fragment: dict[str, Any]) -> None:
    """Put Word into the unified manifest: its scope, permission, runtime, ribbon and hidden XML twin."""
    extension = manifest["extensions"][0]
    if len(extension["ribbons"]) != WORD_RIBBON:
        raise ManifestError(
            f"manifest.template.json must have {WORD_RIBBON} Outlook ribbons before Word's "
            f"(the localization files name Word's as ribbons[{WORD_RIBBON}])"
        )
    extension["requirements"]["scopes"].append(fragment["scope"])
    extension["runtimes"].append(fragment["runtime"])
    extension["ribbons"].append(fragment["ribbon"])
    extension["alternates"].append(fragment["alternate"])
    manifest["authorization"]["permissions"]["resourceSpecific"].append(fragment["permission"])


def load_strings(templates: Path = ADDIN_DIR) -> dict[str, dict[str, str]]:
    """The localized strings by language, without "$schema"; every language must have the same keys."""
    tables: dict[str, dict[str, str]] = {}
    for language in LANGUAGES:
        path = templates / "localization" / f"{language}.json"
        data = _read_json(path)
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


def _xml_strings(strings: Mapping[str, Mapping[str, str]]) -> dict[str, str]:
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


def _xml_names(templates: Path) -> dict[str, str]:
    """The XML add-ins' own display names ({{sv:OUTLOOK_NAME}}, ...), checked against the XML length limit."""
    names = _read_json(templates / XML_NAMES)
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


def _zip(files: Mapping[str, bytes]) -> bytes:
    """The app package: every file at the zip's root, as the admin center's Upload custom apps expects."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in sorted(files):
            info = zipfile.ZipInfo(name, date_time=_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, files[name])
    return buffer.getvalue()


def _json_bytes(data: Any) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _read_json(path: Path) -> Any:
    try:
        return json.loads(_read_text(path))
    except json.JSONDecodeError as exc:
        raise ManifestError(f"{path} is not valid JSON: {exc}") from exc


def _read_text(path: Path) -> str:
    return _read_bytes(path).decode("utf-8")


def _read_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        raise ManifestError(f"{path} is missing; the manifest templates live in addin-manifest/") from None
