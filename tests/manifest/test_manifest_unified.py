"""The unified (JSON) manifest: valid offline against the bundled schema, localized, and packaged for upload."""

from __future__ import annotations

import json
import shutil
import zipfile
from pathlib import Path
from typing import Any

import pytest

from backend.manifest import ManifestError, derive_ids, render, write_manifests
from backend.manifest.build import add_word
from backend.manifest.strings import load_strings
from backend.manifest.templates import ADDIN_DIR, get_key
from tests.manifest.conftest import BASE_URL, CLIENT_ID


def _manifest(generated: Any) -> dict[str, Any]:
    return json.loads((generated.out / "unified" / "manifest.json").read_text("utf-8"))


def test_manifest_is_valid_against_the_bundled_schema(generated: Any, validate: Any) -> None:
    result = validate(generated.out / "unified" / "manifest.json")
    assert result.returncode == 0, result.stderr
    assert "valid against the bundled manifestVersion 1.24 schema" in result.stdout
    assert "2 localization files" in result.stdout


def test_validator_rejects_what_the_schema_forbids(generated: Any, validate: Any, tmp_path: Path) -> None:
    # The same package, broken in three ways the schema and the package rules catch.
    broken = tmp_path / "unified"
    shutil.copytree(generated.out / "unified", broken)
    manifest = json.loads((broken / "manifest.json").read_text("utf-8"))
    del manifest["developer"]["privacyUrl"]
    manifest["extensions"][0]["ribbons"][0]["tabs"][0]["groups"][0]["controls"][0]["label"] = "x" * 65
    (broken / "manifest.json").write_text(json.dumps(manifest), "utf-8")
    english = json.loads((broken / "en.json").read_text("utf-8"))
    english["extensions[0].ribbons[0].tabs[0].groups[0].controls[0].tooltip"] = "not a localizable field"
    (broken / "en.json").write_text(json.dumps(english), "utf-8")
    shutil.copy(broken / "outline.png", broken / "color.png")

    result = validate(broken / "manifest.json")
    assert result.returncode == 1
    assert "privacyUrl" in result.stderr
    assert "must NOT have more than 64 characters" in result.stderr
    assert "en.json" in result.stderr and "additional properties" in result.stderr
    assert "color.png is 32x32, must be 192x192" in result.stderr


def test_validator_reports_a_manifest_version_it_has_no_schema_for(generated: Any, validate: Any,
                                                                    tmp_path: Path) -> None:
    shutil.copytree(generated.out / "unified", tmp_path / "unified")
    path = tmp_path / "unified" / "manifest.json"
    manifest = json.loads(path.read_text("utf-8"))
    manifest["manifestVersion"] = "9.99"
    path.write_text(json.dumps(manifest), "utf-8")
    result = validate(path)
    assert result.returncode == 2
    assert "bundles no MicrosoftTeams.schema.json" in result.stderr


def test_zip_holds_the_package_files_at_its_root(generated: Any) -> None:
    unified = generated.out / "unified"
    with zipfile.ZipFile(generated.out / "kollega-app.zip") as archive:
        assert sorted(archive.namelist()) == ["color.png", "en.json", "manifest.json", "outline.png", "sv.json"]
        for name in archive.namelist():
            assert archive.read(name) == (unified / name).read_bytes(), name
        manifest = json.loads(archive.read("manifest.json"))
    # Everything the manifest names by relative path is in the zip.
    assert manifest["icons"] == {"color": "color.png", "outline": "outline.png"}
    assert manifest["localizationInfo"]["defaultLanguageFile"] == "sv.json"
    assert [lang["file"] for lang in manifest["localizationInfo"]["additionalLanguages"]] == ["en.json"]


def test_written_paths_are_the_files_in_the_output(generated: Any) -> None:
    on_disk = sorted(p for p in generated.out.rglob("*") if p.is_file())
    assert sorted(generated.paths) == on_disk
    assert {p.relative_to(generated.out).as_posix() for p in on_disk} == {
        "kollega-app.zip", "kollega-outlook.xml", "kollega-word.xml", "unified/manifest.json", "unified/sv.json",
        "unified/en.json", "unified/color.png", "unified/outline.png",
    }


def test_identity_urls_and_single_sign_on(generated: Any) -> None:
    manifest = _manifest(generated)
    base, client = generated.base_url, generated.client_id
    assert manifest["id"] == derive_ids(client).app
    assert manifest["version"] == "1.4.2"
    assert manifest["validDomains"] == ["kollega.example-region.se"]
    assert manifest["webApplicationInfo"] == {"id": client, "resource": f"api://kollega.example-region.se/{client}"}
    pages = {runtime["code"]["page"] for runtime in manifest["extensions"][0]["runtimes"]}
    assert pages == {f"{base}/taskpane/taskpane.html"}
    icons = _icon_urls(manifest)
    assert icons and all(url.startswith(f"{base}/taskpane/icons/icon-") for url in icons)


def test_by_default_the_package_holds_outlook_only(generated: Any) -> None:
    # Microsoft supports the unified manifest in production for Outlook and only as a preview for Word
    # (learn.microsoft.com/office/dev/add-ins/develop/unified-manifest-overview), so Word ships as XML.
    manifest = _manifest(generated)
    extension = manifest["extensions"][0]
    assert extension["requirements"] == {"scopes": ["mail"]}
    assert [runtime["id"] for runtime in extension["runtimes"]] == ["OutlookPane"]
    assert [ribbon["contexts"] for ribbon in extension["ribbons"]] == [["mailRead"], ["mailCompose"]]
    assert all(ribbon["requirements"]["scopes"] == ["mail"] for ribbon in extension["ribbons"])
    assert [p["name"] for p in manifest["authorization"]["permissions"]["resourceSpecific"]] == [
        "MailboxItem.ReadWrite.User", "Mailbox.SharedFolder"]
    assert "document" not in json.dumps(manifest).lower().replace("documentation", "")
    # Its localization files name only what it has: no Word ribbon strings.
    for language in ("sv", "en"):
        strings = json.loads((generated.out / "unified" / f"{language}.json").read_text("utf-8"))
        assert not [key for key in strings if key.startswith("extensions[0].ribbons[2]")]
        for key in set(strings) - {"$schema"}:
            get_key(manifest, key)


def test_unified_word_adds_word_to_the_package(tmp_path: Path, validate: Any) -> None:
    write_manifests(BASE_URL, CLIENT_ID, tmp_path, version="1.4.2", unified_word=True)
    manifest = json.loads((tmp_path / "unified" / "manifest.json").read_text("utf-8"))
    assert validate(tmp_path / "unified" / "manifest.json").returncode == 0
    _check_hosts(manifest["extensions"][0], word=True)
    assert [p["name"] for p in manifest["authorization"]["permissions"]["resourceSpecific"]] == [
        "MailboxItem.ReadWrite.User", "Mailbox.SharedFolder", "Document.ReadWrite.User"]
    hidden = {a["hide"]["customOfficeAddin"]["officeAddinId"] for a in manifest["extensions"][0]["alternates"]}
    ids = derive_ids(CLIENT_ID)
    assert hidden == {ids.outlook_xml, ids.word_xml}
    swedish = json.loads((tmp_path / "unified" / "sv.json").read_text("utf-8"))
    assert len([key for key in swedish if key.startswith("extensions[0].ribbons[")]) == 12
    for key in set(swedish) - {"$schema"}:
        assert get_key(manifest, key) == swedish[key]


def test_each_host_has_its_runtime_ribbon_and_requirement_sets(generated: Any) -> None:
    _check_hosts(_manifest(generated)["extensions"][0], word=False)


def _check_hosts(extension: dict[str, Any], *, word: bool) -> None:
    assert extension["requirements"] == {"scopes": ["mail", "document"] if word else ["mail"]}
    runtimes = {runtime["id"]: runtime for runtime in extension["runtimes"]}
    assert set(runtimes) == ({"OutlookPane", "WordPane"} if word else {"OutlookPane"})
    assert runtimes["OutlookPane"]["requirements"] == {
        "scopes": ["mail"], "capabilities": [{"name": "Mailbox", "minVersion": "1.3"}],
    }
    if word:
        assert runtimes["WordPane"]["requirements"] == {
            "scopes": ["document"], "capabilities": [{"name": "WordApi", "minVersion": "1.1"}],
        }
    actions = {action["id"]: action for runtime in runtimes.values() for action in runtime["actions"]}
    assert {a["type"] for a in actions.values()} == {"openPage"}
    assert actions["ShowPaneRead"]["pinnable"] is True, "the read pane follows the selected message"
    assert actions["ShowPaneCompose"]["pinnable"] is False

    by_context = {tuple(ribbon["contexts"]): ribbon for ribbon in extension["ribbons"]}
    expected = {("mailRead",): ("mail", "TabDefault", "ShowPaneRead"),
                ("mailCompose",): ("mail", "TabDefault", "ShowPaneCompose")}
    if word:
        expected[("default",)] = ("document", "TabHome", "ShowPaneWord")
    assert set(by_context) == set(expected)
    for context, (scope, tab, action) in expected.items():
        ribbon = by_context[context]
        assert ribbon["requirements"]["scopes"] == [scope]
        assert ribbon["tabs"][0]["builtInTabId"] == tab
        [control] = ribbon["tabs"][0]["groups"][0]["controls"]
        assert (control["type"], control["label"], control["actionId"]) == ("button", "Kollega", action)
        assert sorted(icon["size"] for icon in control["icons"]) == [16, 32, 80]


def test_xml_versions_are_hidden_where_the_unified_one_is_installed(generated: Any) -> None:
    alternates = _manifest(generated)["extensions"][0]["alternates"]
    hidden = {alternate["hide"]["customOfficeAddin"]["officeAddinId"] for alternate in alternates}
    ids = derive_ids(generated.client_id)
    # Word is not in the default package, so its XML add-in must stay visible.
    assert hidden == {ids.outlook_xml}
    icons = alternates[0]["alternateIcons"]
    assert icons["icon"]["url"].endswith("/icon-64.png")
    assert icons["highResolutionIcon"]["url"].endswith("/icon-128.png")


def test_links_default_to_the_servers_own_pages(generated: Any) -> None:
    developer = _manifest(generated)["developer"]
    base = generated.base_url
    assert developer["websiteUrl"] == f"{base}/"
    assert developer["privacyUrl"] == f"{base}/privacy"
    assert developer["termsOfUseUrl"] == f"{base}/terms"


def test_strings_are_swedish_by_default_and_english_in_en_json(generated: Any) -> None:
    manifest = _manifest(generated)
    swedish = json.loads((generated.out / "unified" / "sv.json").read_text("utf-8"))
    english = json.loads((generated.out / "unified" / "en.json").read_text("utf-8"))
    assert manifest["localizationInfo"]["defaultLanguageTag"] == "sv"
    assert manifest["localizationInfo"]["additionalLanguages"][0]["languageTag"] == "en"
    keys = set(swedish) - {"$schema"}
    assert keys == set(english) - {"$schema"}
    assert {"name.short", "name.full", "description.short", "description.full"} <= keys
    ribbon_keys = [key for key in keys if key.startswith("extensions[0].ribbons[")]
    assert len(ribbon_keys) == 8, "group label, button label, supertip title and text for each of 2 ribbons"
    for key in keys:
        assert get_key(manifest, key) == swedish[key], f"the manifest's default text for {key} is the Swedish one"
    assert manifest["description"]["short"].startswith("Sammanfatta")
    assert english["description.short"].startswith("Summarise")
    tip = "extensions[0].ribbons[1].tabs[0].groups[0].controls[0].supertip.description"
    assert "utkast" in swedish[tip] and "Draft" in english[tip]


def test_template_shows_the_same_swedish_text_as_sv_json() -> None:
    # The template is read by people; sv.json is what the generator uses. They must not drift apart.
    template = json.loads((ADDIN_DIR / "manifest.template.json").read_text("utf-8"))
    add_word(template, json.loads((ADDIN_DIR / "manifest.word.template.json").read_text("utf-8")))
    for key, text in load_strings()["sv"].items():
        assert get_key(template, key) == text, key


def test_localization_key_that_misses_the_template_is_an_error(tmp_path: Path) -> None:
    templates = _copy_templates(tmp_path)
    for language in ("sv", "en"):
        path = templates / "localization" / f"{language}.json"
        strings = json.loads(path.read_text("utf-8"))
        strings["extensions[0].ribbons[7].tabs[0].groups[0].label"] = "Kollega"
        path.write_text(json.dumps(strings), "utf-8")
    with pytest.raises(ManifestError, match=r"ribbons\[7\].*does not match the manifest template"):
        render("https://kollega.example-region.se", "3f2b8c1e-7d4a-4e6b-9c0d-1a2b3c4d5e6f", templates=templates)


def test_languages_with_different_keys_are_an_error(tmp_path: Path) -> None:
    templates = _copy_templates(tmp_path)
    path = templates / "localization" / "en.json"
    strings = json.loads(path.read_text("utf-8"))
    del strings["name.full"]
    path.write_text(json.dumps(strings), "utf-8")
    with pytest.raises(ManifestError, match=r"en.json must have the same keys.*name.full"):
        render("https://kollega.example-region.se", "3f2b8c1e-7d4a-4e6b-9c0d-1a2b3c4d5e6f", templates=templates)


def test_unknown_placeholder_in_a_template_is_an_error(tmp_path: Path) -> None:
    templates = _copy_templates(tmp_path)
    path = templates / "manifest.template.json"
    path.write_text(path.read_text("utf-8").replace("{{VERSION}}", "{{RELEASE}}"), "utf-8")
    with pytest.raises(ManifestError, match=r"\{\{RELEASE\}\}"):
        render("https://kollega.example-region.se", "3f2b8c1e-7d4a-4e6b-9c0d-1a2b3c4d5e6f", templates=templates)


def _copy_templates(tmp_path: Path) -> Path:
    target = tmp_path / "addin-manifest"
    shutil.copytree(ADDIN_DIR, target, ignore=shutil.ignore_patterns("node_modules"))
    return target


def _icon_urls(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["url"]] if isinstance(node.get("url"), str) and "size" in node else []
        return found + [url for value in node.values() for url in _icon_urls(value)]
    if isinstance(node, list):
        return [url for item in node for url in _icon_urls(item)]
    return []


def test_outlook_is_available_in_shared_folders_and_mailboxes(generated: Any) -> None:
    # The unified manifest's way of saying <SupportsSharedFolders>: the Mailbox.SharedFolder permission.
    manifest = json.loads((generated.out / "unified" / "manifest.json").read_text("utf-8"))
    names = {p["name"] for p in manifest["authorization"]["permissions"]["resourceSpecific"]}
    assert {"MailboxItem.ReadWrite.User", "Mailbox.SharedFolder"} <= names
