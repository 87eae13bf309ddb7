"""Inputs of `kollega manifest`: bad ones fail with a message that says what to do; ids are stable."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from backend.manifest import ManifestError, derive_ids, render, write_manifests
from backend.manifest.inputs import check_base_url

CLIENT_ID = "3f2b8c1e-7d4a-4e6b-9c0d-1a2b3c4d5e6f"
BASE_URL = "https://kollega.example-region.se"


@pytest.mark.parametrize(
    ("base_url", "message"),
    [
        ("http://kollega.example-region.se", "uses http"),
        ("ftp://kollega.example-region.se", "absolute https:// URL"),
        ("kollega.example-region.se", "absolute https:// URL"),
        ("https://kollega.example-region.se/taskpane/", "Leave out /taskpane"),
        ("https://example-region.se/kollega", "has a path"),
        ("https://kollega.example-region.se/?x=1", "query or fragment"),
        ("https://user:secret@kollega.example-region.se", "user name or password"),
        ("https://kollega.example-region.se:notaport", "not a valid URL"),
    ],
)
def test_bad_base_url_is_refused_with_the_reason(tmp_path: Path, base_url: str, message: str) -> None:
    with pytest.raises(ManifestError, match="--base-url") as caught:
        write_manifests(base_url, CLIENT_ID, tmp_path)
    assert message in str(caught.value)
    assert not any(tmp_path.iterdir()), "nothing may be written when an input is wrong"


def test_http_base_url_suggests_the_https_form() -> None:
    with pytest.raises(ManifestError) as caught:
        check_base_url("http://kollega.example-region.se:8443")
    assert "https://kollega.example-region.se:8443" in str(caught.value)


@pytest.mark.parametrize("base_url", ["http://localhost:8000", "http://127.0.0.1:8000", "http://[::1]:8000"])
def test_http_is_accepted_on_loopback_for_development(base_url: str) -> None:
    manifest = render(base_url, CLIENT_ID).manifest
    page = manifest["extensions"][0]["runtimes"][0]["code"]["page"]
    assert page == f"{base_url}/taskpane/taskpane.html"


def test_base_url_is_normalised() -> None:
    base = check_base_url("  HTTPS://Kollega.Example-Region.SE:443/  ")
    assert base.origin == "https://kollega.example-region.se"
    assert base.netloc == "kollega.example-region.se"
    assert check_base_url("https://localhost:3000").netloc == "localhost:3000"


@pytest.mark.parametrize(
    ("client_id", "message"),
    [
        ("not-a-guid", "is not a GUID"),
        ("3f2b8c1e7d4a4e6b9c0d1a2b3c4d5e6f", "is not a GUID"),
        ("{3f2b8c1e-7d4a-4e6b-9c0d-1a2b3c4d5e6f}", "is not a GUID"),
        ("api://kollega.example-region.se/3f2b8c1e-7d4a-4e6b-9c0d-1a2b3c4d5e6f", "Application ID URI"),
        ("00000000-0000-0000-0000-000000000000", "placeholder"),
        ("", "is not a GUID"),
    ],
)
def test_bad_client_id_is_refused_with_where_to_find_it(tmp_path: Path, client_id: str, message: str) -> None:
    with pytest.raises(ManifestError, match="--client-id") as caught:
        write_manifests(BASE_URL, client_id, tmp_path)
    assert message in str(caught.value)
    assert "Overview page in Entra ID" in str(caught.value)


def test_client_id_is_normalised_to_lower_case() -> None:
    manifest = render(BASE_URL, CLIENT_ID.upper()).manifest
    assert manifest["webApplicationInfo"]["id"] == CLIENT_ID


@pytest.mark.parametrize("version", ["1.0", "1.0.0.0", "v1.0.0", "01.0.0", "1.0.123456"])
def test_bad_version_is_refused(version: str) -> None:
    with pytest.raises(ManifestError, match=r"MAJOR\.MINOR\.PATCH"):
        render(BASE_URL, CLIENT_ID, version=version)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"publisher": ""}, "--publisher"),
        ({"publisher": "Regionens förvaltning för digitalisering och IT"}, "1 to 32"),
        ({"privacy_url": "http://example-region.se/integritet"}, "--privacy-url"),
        ({"terms_url": "villkor.html"}, "--terms-url"),
        ({"website_url": "ftp://example-region.se"}, "--website-url"),
    ],
)
def test_bad_optional_inputs_are_refused(options: dict[str, str], message: str) -> None:
    with pytest.raises(ManifestError, match=message):
        render(BASE_URL, CLIENT_ID, **options)


def test_out_must_be_a_folder(tmp_path: Path) -> None:
    target = tmp_path / "file.txt"
    target.write_text("x")
    with pytest.raises(ManifestError, match="is a file"):
        write_manifests(BASE_URL, CLIENT_ID, target)


def test_ids_are_stable_distinct_and_derived_from_the_client_id() -> None:
    ids = derive_ids(CLIENT_ID)
    assert ids == derive_ids(CLIENT_ID.upper())
    assert len({ids.app, ids.outlook_xml, ids.word_xml, CLIENT_ID}) == 4
    # Pinned: if these change, a re-generated manifest installs as a second add-in next to the old one.
    namespace = uuid.UUID("6f0e3c2a-4b1d-5e8f-9a7c-2d4b6e8f0a1c")
    assert ids.app == str(uuid.uuid5(namespace, f"{CLIENT_ID}/unified"))
    assert ids.outlook_xml == str(uuid.uuid5(namespace, f"{CLIENT_ID}/outlook-xml"))
    assert ids.word_xml == str(uuid.uuid5(namespace, f"{CLIENT_ID}/word-xml"))
    assert derive_ids("11111111-2222-3333-4444-555555555555").app != ids.app


def test_ids_do_not_depend_on_the_host_or_version() -> None:
    first = render(BASE_URL, CLIENT_ID, version="1.0.0").manifest
    second = render("https://ny-adress.example-region.se", CLIENT_ID, version="2.0.0").manifest
    assert first["id"] == second["id"] == derive_ids(CLIENT_ID).app


def test_same_inputs_give_byte_identical_files(tmp_path: Path) -> None:
    first = write_manifests(BASE_URL, CLIENT_ID, tmp_path / "a", version="1.0.0")
    second = write_manifests(BASE_URL, CLIENT_ID, tmp_path / "b", version="1.0.0")
    assert [p.relative_to(tmp_path / "a") for p in first] == [p.relative_to(tmp_path / "b") for p in second]
    for a, b in zip(first, second, strict=True):
        assert a.read_bytes() == b.read_bytes(), a.name
