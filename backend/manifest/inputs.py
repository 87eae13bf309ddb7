"""Checking what the operator gives `kollega manifest`, and the stable ids derived from it."""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

from backend.loopback import is_loopback


class ManifestError(Exception):
    """An input or a template is wrong. The message says what was given and what to do instead."""


# Ids are uuid5 names under this fixed namespace, so the same client id always gives the same add-in ids:
# re-running `kollega manifest` (new host name, new version) updates the add-in instead of adding a second one.
ID_NAMESPACE = uuid.UUID("6f0e3c2a-4b1d-5e8f-9a7c-2d4b6e8f0a1c")

_GUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}")
_VERSION = re.compile(r"(0|[1-9][0-9]{0,4})\.(0|[1-9][0-9]{0,4})\.(0|[1-9][0-9]{0,4})")


@dataclass(frozen=True)
class AddinIds:
    """The three add-in ids: the unified app, and the Outlook and Word add-in only (XML) manifests."""

    app: str
    outlook_xml: str
    word_xml: str


def derive_ids(client_id: str) -> AddinIds:
    """uuid5 of the client id under ID_NAMESPACE; the three ids differ, as Microsoft requires."""
    client = check_client_id(client_id)
    return AddinIds(
        app=str(uuid.uuid5(ID_NAMESPACE, f"{client}/unified")),
        outlook_xml=str(uuid.uuid5(ID_NAMESPACE, f"{client}/outlook-xml")),
        word_xml=str(uuid.uuid5(ID_NAMESPACE, f"{client}/word-xml")),
    )


def check_client_id(value: str) -> str:
    """The Entra app's client id as a lower-case GUID, or a ManifestError that says where to find it."""
    text = value.strip()
    where = (
        "Give the Application (client) ID from the app registration's Overview page in Entra ID, "
        "in the form xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx"
    )
    if text.lower().startswith("api://"):
        raise ManifestError(f"--client-id {value!r} is an Application ID URI, not the client id. {where}.")
    if not _GUID.fullmatch(text):
        raise ManifestError(f"--client-id {value!r} is not a GUID. {where}.")
    if uuid.UUID(text).int == 0:
        raise ManifestError(f"--client-id {value!r} is the all-zero placeholder GUID. {where}.")
    return text.lower()


def check_version(value: str) -> str:
    """n.n.n with at most five digits a part: what both manifest formats accept."""
    if not _VERSION.fullmatch(value):
        raise ManifestError(
            f"--version {value!r} is not of the form MAJOR.MINOR.PATCH (e.g. 1.2.0, at most five digits a part). "
            "Raise it for every new upload: the admin center only updates an add-in to a higher version."
        )
    return value


@dataclass(frozen=True)
class BaseUrl:
    """The server's public origin, split into the parts the manifests need."""

    origin: str  # scheme://host[:port], no trailing slash
    host: str  # host name only
    netloc: str  # host[:port], as the browser sees it

    @property
    def secure(self) -> bool:
        return self.origin.startswith("https://")

    def url(self, path: str) -> str:
        """An absolute URL on this origin; path starts with a slash."""
        return self.origin + path


def check_base_url(value: str, *, option: str = "--base-url") -> BaseUrl:
    """The origin that serves /taskpane/ and /api/: https, or http on a loopback host for development."""
    text = value.strip()
    example = "e.g. https://kollega.region.se"
    try:
        parts = urlsplit(text)
        port = parts.port  # raises ValueError for a port that is not a number
    except ValueError as exc:
        raise ManifestError(f"{option} {value!r} is not a valid URL ({exc}); {example}.") from exc
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ManifestError(f"{option} {value!r} must be an absolute https:// URL; {example}.")
    host = parts.hostname
    if parts.scheme == "http" and not is_loopback(host):
        raise ManifestError(
            f"{option} {value!r} uses http. Office loads add-ins only over https; use https://{parts.netloc}. "
            "(Plain http is accepted only for localhost, to look at the output during development.)"
        )
    if parts.username or parts.password:
        raise ManifestError(f"{option} {value!r} must not contain a user name or password.")
    if parts.query or parts.fragment:
        raise ManifestError(f"{option} {value!r} must not have a query or fragment; {example}.")
    path = parts.path.rstrip("/")
    if path:
        # The task pane is built with Vite's base '/taskpane/': its pages load /taskpane/assets/... from the
        # root of the host, so the backend cannot sit under a path prefix.
        hint = " Leave out /taskpane: the manifests add it." if path.endswith("/taskpane") else ""
        raise ManifestError(
            f"{option} {value!r} has a path ({path!r}). Give only the origin that serves /taskpane/ and /api/ "
            f"at its root; {example}.{hint}"
        )
    netloc = host if ":" not in host else f"[{host}]"
    if port is not None and port != (443 if parts.scheme == "https" else 80):
        netloc = f"{netloc}:{port}"
    return BaseUrl(origin=f"{parts.scheme}://{netloc.lower()}", host=host.lower(), netloc=netloc.lower())


def check_page_url(value: str, option: str) -> str:
    """A link for the admin center (privacy, terms, support): absolute https (http only for loopback)."""
    text = value.strip()
    parts = urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ManifestError(f"{option} {value!r} must be an absolute https:// URL.")
    if parts.scheme == "http" and not is_loopback(parts.hostname):
        raise ManifestError(f"{option} {value!r} uses http; use https.")
    return text
