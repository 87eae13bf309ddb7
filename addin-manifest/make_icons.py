"""Draws Kollega's add-in icons (a white "K" on a blue tile) as PNG files, with the standard library only.

Run once after changing the design and commit the PNGs: `python addin-manifest/make_icons.py`.
The output is deterministic, so tests can check that the committed files match this script.
"""

from __future__ import annotations

import struct
import sys
import zlib
from collections.abc import Callable, Sequence
from pathlib import Path

ICONS = Path(__file__).resolve().parent / "icons"
ACCENT = (0x0B, 0x5A, 0x8E)  # also the manifest's accentColor; white on it has a contrast ratio above 7:1
# The add-in only (XML) manifests get their own list icons, so that an admin who deploys both sees two
# entries that differ (Microsoft asks for a distinct name and icon). White on it: contrast above 7:1 too.
CLASSIC = (0x3D, 0x47, 0x52)
WHITE = (0xFF, 0xFF, 0xFF)

# What each file is for. The Teams/Microsoft 365 app package needs color (192x192) and outline
# (32x32, white on transparent); the add-in's ribbon buttons take 16/32/80 and its list icons 64/128.
TILE_SIZES = (16, 32, 64, 80, 128)
# The XML manifests' list icons: IconUrl and HighResolutionIconUrl are 32/64 for Word (task pane add-in)
# and 64/128 for Outlook (mail add-in).
CLASSIC_SIZES = (32, 64, 128)

Point = tuple[float, float]
Shape = Callable[[float, float], bool]


def _convex(points: Sequence[Point]) -> Shape:
    """Inside test for a convex polygon whose points run clockwise in image coordinates (y down)."""
    edges = [(points[i], points[(i + 1) % len(points)]) for i in range(len(points))]

    def inside(x: float, y: float) -> bool:
        return all((bx - ax) * (y - ay) - (by - ay) * (x - ax) >= 0 for (ax, ay), (bx, by) in edges)

    return inside


def _stroke(a: Point, b: Point, width: float) -> list[Point]:
    """A straight stroke from a to b as a four-point polygon, clockwise."""
    dx, dy = b[0] - a[0], b[1] - a[1]
    length = (dx * dx + dy * dy) ** 0.5
    nx, ny = -dy / length * width / 2, dx / length * width / 2
    quad = [(a[0] - nx, a[1] - ny), (b[0] - nx, b[1] - ny), (b[0] + nx, b[1] + ny), (a[0] + nx, a[1] + ny)]
    # Make the winding clockwise in image coordinates whatever the stroke's direction.
    area = sum(p[0] * q[1] - q[0] * p[1] for p, q in zip(quad, quad[1:] + quad[:1], strict=True))
    return quad if area > 0 else quad[::-1]


def _letter_k(left: float, top: float, size: float) -> Shape:
    """A geometric capital K in the box (left, top, size x size): a stem and two arms cut flat at top and bottom."""
    stem = 0.24 * size
    arm = 0.25 * size
    parts = [
        _convex([(left, top), (left + stem, top), (left + stem, top + size), (left, top + size)]),
        _convex(_stroke((left + stem * 0.55, top + size * 0.66), (left + size * 0.93, top - size * 0.05), arm)),
        _convex(_stroke((left + size * 0.36, top + size * 0.42), (left + size * 0.97, top + size * 1.05), arm)),
    ]

    def inside(x: float, y: float) -> bool:
        return top <= y <= top + size and x <= left + size and any(part(x, y) for part in parts)

    return inside


def _rounded_square(left: float, top: float, size: float, radius: float) -> Shape:
    def inside(x: float, y: float) -> bool:
        if not (left <= x <= left + size and top <= y <= top + size):
            return False
        cx = min(max(x, left + radius), left + size - radius)
        cy = min(max(y, top + radius), top + size - radius)
        return (x - cx) ** 2 + (y - cy) ** 2 <= radius * radius

    return inside


def _coverage(size: int, shape: Shape, samples: int) -> list[float]:
    """Fraction of each pixel inside the shape, from samples x samples points per pixel (anti-aliasing)."""
    step = 1.0 / samples
    offsets = [(i + 0.5) * step for i in range(samples)]
    out = []
    for py in range(size):
        for px in range(size):
            hits = sum(shape(px + ox, py + oy) for oy in offsets for ox in offsets)
            out.append(hits / (samples * samples))
    return out


def _png(size: int, pixels: Sequence[tuple[int, int, int, int]]) -> bytes:
    """An 8-bit RGBA PNG, unfiltered rows, maximum compression, no timestamps: same input, same bytes."""
    rows = b"".join(
        b"\x00" + b"".join(struct.pack("4B", *pixels[y * size + x]) for x in range(size)) for y in range(size)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows, 9)) + chunk(b"IEND", b"")


def _samples(size: int) -> int:
    return 8 if size <= 32 else 4  # small icons need finer anti-aliasing to keep the K's edges clean


def tile(size: int, *, full_bleed: bool = False, color: tuple[int, int, int] = ACCENT) -> bytes:
    """The blue tile with a white K: rounded and transparent at the corners, or full-bleed for the 192 px color icon."""
    radius = 0.0001 if full_bleed else size * 0.2
    background = _rounded_square(0, 0, size, radius)
    glyph_size = size * (0.5 if full_bleed else 0.56)
    origin = (size - glyph_size) / 2
    glyph = _letter_k(origin + glyph_size * 0.06, origin, glyph_size)
    back = _coverage(size, background, _samples(size))
    front = _coverage(size, lambda x, y: background(x, y) and glyph(x, y), _samples(size))
    pixels = []
    for b, f in zip(back, front, strict=True):
        if b == 0:
            pixels.append((0, 0, 0, 0))
            continue
        mix = f / b
        rgb = tuple(round(w * mix + a * (1 - mix)) for w, a in zip(WHITE, color, strict=True))
        pixels.append((rgb[0], rgb[1], rgb[2], round(b * 255)))
    return _png(size, pixels)


def outline(size: int = 32) -> bytes:
    """White on transparent, as Teams and the Microsoft 365 app bar draw it: the tile's border and the K."""
    border = size * 0.07
    outer = _rounded_square(border / 2, border / 2, size - border, size * 0.2)
    inner = _rounded_square(border * 1.5, border * 1.5, size - 3 * border, size * 0.2 - border)
    glyph_size = size * 0.5
    origin = (size - glyph_size) / 2
    glyph = _letter_k(origin + glyph_size * 0.06, origin, glyph_size)
    cover = _coverage(size, lambda x, y: (outer(x, y) and not inner(x, y)) or glyph(x, y), _samples(size))
    return _png(size, [(255, 255, 255, round(c * 255)) for c in cover])


def render_all() -> dict[str, bytes]:
    """Every icon file by name."""
    files = {f"icon-{size}.png": tile(size) for size in TILE_SIZES}
    files |= {f"icon-classic-{size}.png": tile(size, color=CLASSIC) for size in CLASSIC_SIZES}
    files["color.png"] = tile(192, full_bleed=True)
    files["outline.png"] = outline(32)
    return files


def main(argv: Sequence[str]) -> int:
    target = Path(argv[1]) if len(argv) > 1 else ICONS
    target.mkdir(parents=True, exist_ok=True)
    for name, data in render_all().items():
        (target / name).write_bytes(data)
        print(f"{target / name} ({len(data)} bytes)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
