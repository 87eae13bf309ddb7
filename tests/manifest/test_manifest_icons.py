"""The icons: the sizes Microsoft requires, in sync with their generator, and served where the manifests point."""

from __future__ import annotations

import importlib.util
import io
import json
import struct
import zlib
from pathlib import Path
from types import ModuleType
from typing import Any
from urllib.parse import urlsplit

import pytest
from flask import Flask

from backend.manifest.build import COMMANDS_PATH, ICONS_DIR, TASKPANE_PATH
from backend.manifest.templates import ADDIN_DIR
from backend.settings import REPO_ROOT

SIZES = {"icon-16.png": 16, "icon-32.png": 32, "icon-64.png": 64, "icon-80.png": 80, "icon-128.png": 128,
         "color.png": 192, "outline.png": 32,
         # The XML manifests' own list icons: Word 32/64, Outlook 64/128.
         "icon-classic-32.png": 32, "icon-classic-64.png": 64, "icon-classic-128.png": 128}


def _png(data: bytes) -> tuple[int, int, list[bytes]]:
    """Width, height and the raw RGBA rows of an 8-bit RGBA PNG written without row filters."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    stream = io.BytesIO(data[8:])
    header, idat = b"", b""
    while chunk := stream.read(8):
        length, kind = struct.unpack(">I4s", chunk)
        body = stream.read(length)
        stream.read(4)
        if kind == b"IHDR":
            header = body
        elif kind == b"IDAT":
            idat += body
    width, height, depth, color = struct.unpack(">IIBB", header[:10])
    assert (depth, color) == (8, 6), "8-bit RGBA"
    raw = zlib.decompress(idat)
    stride = width * 4 + 1
    rows = [raw[y * stride:(y + 1) * stride] for y in range(height)]
    assert all(row[0] == 0 for row in rows), "rows are unfiltered"
    return width, height, [row[1:] for row in rows]


def _make_icons() -> ModuleType:
    spec = importlib.util.spec_from_file_location("make_icons", ADDIN_DIR / "make_icons.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize(("name", "size"), sorted(SIZES.items()))
def test_icons_have_the_required_size(name: str, size: int) -> None:
    width, height, _ = _png((ICONS_DIR / name).read_bytes())
    assert (width, height) == (size, size)


def test_outline_icon_is_white_on_transparent() -> None:
    _, _, rows = _png((ICONS_DIR / "outline.png").read_bytes())
    pixels = [row[i:i + 4] for row in rows for i in range(0, len(row), 4)]
    assert all(pixel[:3] == b"\xff\xff\xff" for pixel in pixels)
    alphas = [pixel[3] for pixel in pixels]
    assert min(alphas) == 0 and max(alphas) == 255
    assert sum(a == 0 for a in alphas) > len(alphas) // 3, "mostly transparent"


def test_tile_icons_have_transparent_corners_and_an_opaque_middle() -> None:
    for name in ("icon-16.png", "icon-80.png", "icon-128.png"):
        width, _, rows = _png((ICONS_DIR / name).read_bytes())
        assert rows[0][3] < 16, f"{name}: the rounded corner is (nearly) transparent"
        middle = rows[width // 2]
        assert middle[4 * 1 + 3] == 255, f"{name}: the tile is opaque"


def test_committed_icons_match_their_generator() -> None:
    # Only the small ones are redrawn here (the large ones take seconds); they share every drawing function.
    make_icons = _make_icons()
    assert make_icons.tile(16) == (ICONS_DIR / "icon-16.png").read_bytes()
    assert make_icons.tile(32) == (ICONS_DIR / "icon-32.png").read_bytes()
    assert make_icons.outline(32) == (ICONS_DIR / "outline.png").read_bytes()
    assert make_icons.tile(32, color=make_icons.CLASSIC) == (ICONS_DIR / "icon-classic-32.png").read_bytes()
    assert set(make_icons.render_all.__code__.co_names) >= {"tile", "outline"}
    assert {f"icon-{size}.png" for size in make_icons.TILE_SIZES} | {"color.png", "outline.png"} | {
        f"icon-classic-{size}.png" for size in make_icons.CLASSIC_SIZES} == set(SIZES)


def test_manifest_accent_color_matches_the_icons() -> None:
    make_icons = _make_icons()
    template = json.loads((ADDIN_DIR / "manifest.template.json").read_text("utf-8"))
    assert template["accentColor"] == "#{:02X}{:02X}{:02X}".format(*make_icons.ACCENT)


@pytest.fixture
def client() -> Any:
    # The real task pane blueprint too: the icon route must win over its /taskpane/<path:filename>.
    from backend.api import taskpane
    from backend.manifest import web

    app = Flask("manifest-icons-test")
    app.register_blueprint(taskpane.bp)
    app.register_blueprint(web.bp)
    return app.test_client()


def test_every_icon_url_in_the_manifests_is_served(generated: Any, client: Any) -> None:
    manifest = json.loads((generated.out / "unified" / "manifest.json").read_text("utf-8"))
    text = json.dumps(manifest) + "".join((generated.out / n).read_text("utf-8")
                                          for n in ("kollega-outlook.xml", "kollega-word.xml"))
    paths = {urlsplit(word.split('"')[0]).path for word in text.split(generated.base_url)[1:]}
    icon_paths = {p for p in paths if p.endswith(".png")}
    assert len(icon_paths) == 8  # 16/32/64/80/128 for the unified package and ribbons, classic 32/64/128 for XML
    for path in sorted(icon_paths):
        response = client.get(path)
        assert response.status_code == 200, path
        assert response.mimetype == "image/png"
        assert response.data == (ICONS_DIR / Path(path).name).read_bytes()
        assert response.cache_control.max_age == 86400


# Names with a slash never reach this route (its converter stops at "/"); send_from_directory guards the rest.
@pytest.mark.parametrize("path", ["/taskpane/icons/missing.png", "/taskpane/icons/make_icons.py",
                                  "/taskpane/icons/..png"])
def test_icon_route_serves_nothing_else(client: Any, path: str) -> None:
    assert client.get(path).status_code == 404


def test_pages_the_manifests_open_are_task_pane_entry_points() -> None:
    # vite.config.ts builds these html files into dist/, which the backend serves at /taskpane/.
    vite = (REPO_ROOT / "taskpane" / "vite.config.ts").read_text("utf-8")
    for path in (TASKPANE_PATH, COMMANDS_PATH):
        name = path.removeprefix("/taskpane/")
        assert (REPO_ROOT / "taskpane" / name).is_file(), name
        assert f"'{name}'" in vite, f"{name} is a Vite build input"
