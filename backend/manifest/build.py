"""Writing the manifests, the localization files and the app package from the templates in addin-manifest/.

templates.py reads and fills the template files; strings.py loads and checks the localized words.
"""

from __future__ import annotations

import io
import logging
import re
import zipfile
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

from backend.manifest.inputs import (
    ManifestError,
    check_base_url,
    check_client_id,
    check_page_url,
    check_version,
    derive_ids,
)
from backend.manifest.strings import DEFAULT_LANGUAGE, load_strings, xml_names, xml_strings
from backend.manifest.templates import (
    ADDIN_DIR,
    fill_json,
    fill_xml,
    json_bytes,
    read_bytes,
    read_json,
    read_text,
    set_key,
)

log = logging.getLogger(__name__)

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

# What write_manifests puts in the output folder.
UNIFIED_DIR = "unified"
PACKAGE_NAME = "kollega-app.zip"
OUTLOOK_XML = "kollega-outlook.xml"
WORD_XML = "kollega-word.xml"
PACKAGE_ICONS = ("color.png", "outline.png")

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
    manifest = fill_json(read_json(templates / "manifest.template.json"), values)
    if unified_word:
        add_word(manifest, fill_json(read_json(templates / WORD_FRAGMENT), values))
    # sv.json is the source of the default text. Setting each key also proves that it points at a text field
    # of the manifest (Office would silently ignore one that does not); every language has the same keys.
    for key, text in strings[DEFAULT_LANGUAGE].items():
        if unified_word or not key.startswith(WORD_KEY_PREFIX):
            set_key(manifest, key, text)

    xml_texts = xml_strings(strings) | xml_names(templates)
    package = {"manifest.json": json_bytes(manifest)}
    for language in strings:
        localization = read_json(templates / "localization" / f"{language}.json")
        if not unified_word:
            # The Word ribbon's strings would name a ribbon that this package does not have.
            localization = {k: v for k, v in localization.items() if not k.startswith(WORD_KEY_PREFIX)}
        package[f"{language}.json"] = json_bytes(localization)
    for name in PACKAGE_ICONS:
        package[name] = read_bytes(templates / "icons" / name)
    files = {f"{UNIFIED_DIR}/{name}": data for name, data in package.items()}
    files[PACKAGE_NAME] = _zip(package)
    files[OUTLOOK_XML] = fill_xml(read_text(templates / "outlook.template.xml"), values, xml_texts)
    files[WORD_XML] = fill_xml(read_text(templates / "word.template.xml"), values, xml_texts)
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
