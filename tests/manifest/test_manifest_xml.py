"""The add-in only (XML) manifests for Outlook and Word, checked element by element with ElementTree."""

from __future__ import annotations

import json
import struct
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest

from backend.manifest import ManifestError, derive_ids, render
from backend.manifest.build import ICONS_DIR
from backend.manifest.templates import ADDIN_DIR

OFFICE = "http://schemas.microsoft.com/office/appforoffice/1.1"
BT = "http://schemas.microsoft.com/office/officeappbasictypes/1.0"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
MAIL_OV = "http://schemas.microsoft.com/office/mailappversionoverrides"
MAIL_OV_11 = "http://schemas.microsoft.com/office/mailappversionoverrides/1.1"
TASKPANE_OV = "http://schemas.microsoft.com/office/taskpaneappversionoverrides"
XSI_TYPE = f"{{{XSI}}}type"


def _root(generated: Any, name: str) -> ET.Element:
    return ET.parse(generated.out / name).getroot()


def _text(root: ET.Element, path: str, ns: dict[str, str]) -> str:
    element = root.find(path, ns)
    assert element is not None, f"{path} is missing"
    return (element.text or "").strip()


# The OfficeApp children in the order the XSD requires; a wrong order makes Office reject the manifest.
MAIL_ORDER = ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl",
              "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "FormSettings",
              "Permissions", "Rule", "DisableEntityHighlighting", "VersionOverrides"]
TASKPANE_ORDER = ["Id", "Version", "ProviderName", "DefaultLocale", "DisplayName", "Description", "IconUrl",
                  "HighResolutionIconUrl", "SupportUrl", "AppDomains", "Hosts", "Requirements", "DefaultSettings",
                  "Permissions", "VersionOverrides"]


@pytest.mark.parametrize(("name", "kind", "order"), [("kollega-outlook.xml", "MailApp", MAIL_ORDER),
                                                    ("kollega-word.xml", "TaskPaneApp", TASKPANE_ORDER)])
def test_root_type_and_element_order(generated: Any, name: str, kind: str, order: list[str]) -> None:
    root = _root(generated, name)
    assert root.tag == f"{{{OFFICE}}}OfficeApp"
    assert root.get(XSI_TYPE) == kind
    assert [child.tag.split("}")[1] for child in root] == order


@pytest.mark.parametrize(("name", "id_field"), [("kollega-outlook.xml", "outlook_xml"),
                                                ("kollega-word.xml", "word_xml")])
def test_identity_version_and_locales(generated: Any, name: str, id_field: str) -> None:
    root = _root(generated, name)
    ns = {"o": OFFICE}
    assert _text(root, "o:Id", ns) == getattr(derive_ids(generated.client_id), id_field)
    assert _text(root, "o:Version", ns) == "1.4.2.0"
    assert _text(root, "o:DefaultLocale", ns) == "sv-SE"
    english = json.loads((ADDIN_DIR / "localization" / "en.json").read_text("utf-8"))
    swedish = json.loads((ADDIN_DIR / "localization" / "sv.json").read_text("utf-8"))
    names = json.loads((ADDIN_DIR / "xml-names.json").read_text("utf-8"))
    name_key = f"{id_field.split('_')[0].upper()}_NAME"
    display = root.find("o:DisplayName", ns)
    assert display is not None
    assert display.get("DefaultValue") == names["sv"][name_key]
    overrides = {o.get("Locale"): o.get("Value") for o in display.findall("o:Override", ns)}
    assert overrides == {"en-US": names["en"][name_key], "en-GB": names["en"][name_key]}
    # Distinct from the unified package's entry, so an admin who deploys both can tell them apart.
    assert names["sv"][name_key] != swedish["name.short"] and names["en"][name_key] != english["name.short"]
    node = root.find("o:Description", ns)
    assert node is not None
    assert node.get("DefaultValue") == swedish["description.full"]
    overrides = {o.get("Locale"): o.get("Value") for o in node.findall("o:Override", ns)}
    assert overrides == {"en-US": english["description.full"], "en-GB": english["description.full"]}


# IconUrl and HighResolutionIconUrl sizes from Microsoft's manifest reference (learn.microsoft.com/javascript/
# api/manifest/iconurl and .../highresolutioniconurl): task pane add-ins 32 and 64, mail add-ins 64 and 128.
@pytest.mark.parametrize(("name", "sizes"), [("kollega-outlook.xml", (64, 128)), ("kollega-word.xml", (32, 64))])
def test_list_icons_have_the_sizes_the_spec_gives_and_differ_from_the_unified_ones(
        generated: Any, name: str, sizes: tuple[int, int]) -> None:
    root = _root(generated, name)
    ns = {"o": OFFICE}
    for element, size in zip(("IconUrl", "HighResolutionIconUrl"), sizes, strict=True):
        url = root.find(f"o:{element}", ns).get("DefaultValue")  # type: ignore[union-attr]
        assert url == f"{generated.base_url}/taskpane/icons/icon-classic-{size}.png", element
        data = (ICONS_DIR / f"icon-classic-{size}.png").read_bytes()
        assert struct.unpack(">II", data[16:24]) == (size, size), f"{element} must be {size}x{size}"
        assert data != (ICONS_DIR / f"icon-{size}.png").read_bytes(), "the XML entry has its own icon"


@pytest.mark.parametrize("name", ["kollega-outlook.xml", "kollega-word.xml"])
def test_support_url_is_the_servers_support_page(generated: Any, name: str) -> None:
    root = _root(generated, name)
    assert _text_attr(root, "SupportUrl") == f"{generated.base_url}/support"


def _text_attr(root: ET.Element, element: str) -> str | None:
    node = root.find(f"o:{element}", {"o": OFFICE})
    return None if node is None else node.get("DefaultValue")


@pytest.mark.parametrize("name", ["kollega-outlook.xml", "kollega-word.xml"])
def test_every_url_points_at_the_base_url(generated: Any, name: str) -> None:
    root = _root(generated, name)
    base = generated.base_url
    urls = [element.get("DefaultValue") or "" for element in root.iter()
            if element.tag.split("}")[1] in ("IconUrl", "HighResolutionIconUrl", "SourceLocation", "Url", "Image",
                                             "SupportUrl") and element.get("DefaultValue")]
    assert len(urls) >= 8
    assert all(url.startswith(base + "/") for url in urls), urls
    pages = {url for url in urls if url.endswith(".html")}
    assert pages == {f"{base}/taskpane/taskpane.html", f"{base}/taskpane/commands.html"}
    icons = {url for url in urls if url.endswith(".png")}
    ribbon = {f"{base}/taskpane/icons/icon-{size}.png" for size in (16, 32, 80)}
    listed = {f"{base}/taskpane/icons/icon-classic-{size}.png" for size in (
        (64, 128) if name == "kollega-outlook.xml" else (32, 64))}
    assert icons == ribbon | listed
    assert _text(root, "o:AppDomains/o:AppDomain", {"o": OFFICE}) == base


@pytest.mark.parametrize("name", ["kollega-outlook.xml", "kollega-word.xml"])
def test_every_resid_is_defined_once(generated: Any, name: str) -> None:
    root = _root(generated, name)
    resources = [element for element in root.iter() if element.tag.endswith("}Resources")]
    assert resources
    defined = [element.get("id") for block in resources for element in block.iter()
               if element.tag in (f"{{{BT}}}Image", f"{{{BT}}}Url", f"{{{BT}}}String")]
    assert None not in defined
    assert len(defined) == len(set(defined))
    used = {element.get("resid") for element in root.iter() if element.get("resid")}
    assert used and used <= set(defined), used - set(defined)


def test_outlook_read_and_compose_buttons(generated: Any) -> None:
    root = _root(generated, "kollega-outlook.xml")
    ns = {"o": OFFICE, "ov": MAIL_OV, "v": MAIL_OV_11, "bt": BT}
    assert [h.get("Name") for h in root.findall("o:Hosts/o:Host", ns)] == ["Mailbox"]
    assert [(s.get("Name"), s.get("MinVersion")) for s in root.findall("o:Requirements/o:Sets/o:Set", ns)] == [
        ("Mailbox", "1.3")]
    assert _text(root, "o:Permissions", ns) == "ReadWriteItem"
    rules = root.findall("o:Rule/o:Rule", ns)
    assert {(r.get("ItemType"), r.get("FormType")) for r in rules} == {("Message", "Read"), ("Message", "Edit")}
    assert {f.get(XSI_TYPE) for f in root.findall("o:FormSettings/o:Form", ns)} == {"ItemRead", "ItemEdit"}

    outer = root.find("ov:VersionOverrides", ns)
    assert outer is not None and outer.get(XSI_TYPE) == "VersionOverridesV1_0"
    inner = outer.find("v:VersionOverrides", ns)
    assert inner is not None and inner.get(XSI_TYPE) == "VersionOverridesV1_1"
    sets = inner.find("v:Requirements/bt:Sets", ns)
    assert sets is not None and sets.get("DefaultMinVersion") == "1.3"
    assert [s.get("Name") for s in sets.findall("bt:Set", ns)] == ["Mailbox"]

    form = inner.find("v:Hosts/v:Host[@xsi:type='MailHost']/v:DesktopFormFactor", {**ns, "xsi": XSI})
    assert form is not None
    assert form.find("v:FunctionFile", ns) is not None
    # Shared folders and shared mailboxes (the thread is read from the mailbox Office names): first child.
    assert form[0].tag.endswith("SupportsSharedFolders") and (form[0].text or "") == "true"
    points = {p.get(XSI_TYPE): p for p in form.findall("v:ExtensionPoint", ns)}
    assert set(points) == {"MessageReadCommandSurface", "MessageComposeCommandSurface"}
    for surface, pinned in (("MessageReadCommandSurface", "true"), ("MessageComposeCommandSurface", None)):
        tab = points[surface].find("v:OfficeTab", ns)
        assert tab is not None and tab.get("id") == "TabDefault"
        [control] = tab.findall("v:Group/v:Control", ns)
        assert control.get(XSI_TYPE) == "Button"
        assert sorted(int(i.get("size") or 0) for i in control.findall("v:Icon/bt:Image", ns)) == [16, 32, 80]
        action = control.find("v:Action", ns)
        assert action is not None and action.get(XSI_TYPE) == "ShowTaskpane"
        assert action.find("v:SourceLocation", ns) is not None
        pinning = action.find("v:SupportsPinning", ns)
        assert (pinning.text if pinning is not None else None) == pinned

    info = inner.find("v:WebApplicationInfo", ns)
    assert info is not None, "WebApplicationInfo belongs to the 1.1 overrides, after Resources"
    assert [child.tag.split("}")[1] for child in inner][-2:] == ["Resources", "WebApplicationInfo"]
    client = generated.client_id
    assert _text(info, "v:Id", ns) == client
    assert _text(info, "v:Resource", ns) == f"api://kollega.example-region.se/{client}"
    assert [s.text for s in info.findall("v:Scopes/v:Scope", ns)] == ["openid", "profile", "Mail.Read"]


def test_word_task_pane(generated: Any) -> None:
    root = _root(generated, "kollega-word.xml")
    ns = {"o": OFFICE, "ov": TASKPANE_OV, "bt": BT}
    assert [h.get("Name") for h in root.findall("o:Hosts/o:Host", ns)] == ["Document"]
    assert [(s.get("Name"), s.get("MinVersion")) for s in root.findall("o:Requirements/o:Sets/o:Set", ns)] == [
        ("WordApi", "1.1")]
    assert _text(root, "o:Permissions", ns) == "ReadWriteDocument"
    source = root.find("o:DefaultSettings/o:SourceLocation", ns)
    assert source is not None and source.get("DefaultValue") == f"{generated.base_url}/taskpane/taskpane.html"

    overrides = root.find("ov:VersionOverrides", ns)
    assert overrides is not None and overrides.get(XSI_TYPE) == "VersionOverridesV1_0"
    hosts = overrides.findall("ov:Hosts/ov:Host", ns)
    assert [h.get(XSI_TYPE) for h in hosts] == ["Document"]
    [point] = hosts[0].findall("ov:DesktopFormFactor/ov:ExtensionPoint", ns)
    assert point.get(XSI_TYPE) == "PrimaryCommandSurface"
    tab = point.find("ov:OfficeTab", ns)
    assert tab is not None and tab.get("id") == "TabHome"
    [control] = tab.findall("ov:Group/ov:Control", ns)
    action = control.find("ov:Action", ns)
    assert action is not None and action.get(XSI_TYPE) == "ShowTaskpane"
    assert _text(action, "ov:TaskpaneId", ns) == "KollegaPane"

    assert [child.tag.split("}")[1] for child in overrides][-2:] == ["Resources", "WebApplicationInfo"]
    info = overrides.find("ov:WebApplicationInfo", ns)
    assert info is not None
    assert _text(info, "ov:Id", ns) == generated.client_id
    assert _text(info, "ov:Resource", ns) == f"api://kollega.example-region.se/{generated.client_id}"


def test_localized_button_strings(generated: Any) -> None:
    english = json.loads((ADDIN_DIR / "localization" / "en.json").read_text("utf-8"))
    swedish = json.loads((ADDIN_DIR / "localization" / "sv.json").read_text("utf-8"))
    key = "extensions[0].ribbons[0].tabs[0].groups[0].controls[0].supertip.description"
    root = _root(generated, "kollega-outlook.xml")
    ns = {"bt": BT}
    tip = next(e for e in root.iter(f"{{{BT}}}String") if e.get("id") == "Read.Tip")
    assert tip.get("DefaultValue") == swedish[key]
    assert {o.get("Locale"): o.get("Value") for o in tip.findall("bt:Override", ns)} == {
        "en-US": english[key], "en-GB": english[key]}
    assert swedish[key] != english[key]


def test_special_characters_are_escaped(tmp_path: Path) -> None:
    files = render("https://kollega.example-region.se", "3f2b8c1e-7d4a-4e6b-9c0d-1a2b3c4d5e6f",
                   publisher='Region "Ö" & <IT>').files
    for name in ("kollega-outlook.xml", "kollega-word.xml"):
        root = ET.fromstring(files[name])
        assert root.findtext(f"{{{OFFICE}}}ProviderName") == 'Region "Ö" & <IT>'


def test_unknown_localized_string_in_an_xml_template_is_an_error(tmp_path: Path) -> None:
    import shutil

    templates = tmp_path / "addin-manifest"
    shutil.copytree(ADDIN_DIR, templates, ignore=shutil.ignore_patterns("node_modules"))
    path = templates / "word.template.xml"
    path.write_text(path.read_text("utf-8").replace("{{en:WORD_TIP}}", "{{en:WORD_HINT}}"), "utf-8")
    with pytest.raises(ManifestError, match="WORD_HINT"):
        render("https://kollega.example-region.se", "3f2b8c1e-7d4a-4e6b-9c0d-1a2b3c4d5e6f", templates=templates)


def test_malformed_xml_template_is_an_error(tmp_path: Path) -> None:
    import shutil

    templates = tmp_path / "addin-manifest"
    shutil.copytree(ADDIN_DIR, templates, ignore=shutil.ignore_patterns("node_modules"))
    path = templates / "outlook.template.xml"
    path.write_text(path.read_text("utf-8").replace("</Hosts>", "", 1), "utf-8")
    with pytest.raises(ManifestError, match="well-formed"):
        render("https://kollega.example-region.se", "3f2b8c1e-7d4a-4e6b-9c0d-1a2b3c4d5e6f", templates=templates)
