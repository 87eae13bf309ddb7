"""Where the files that ship with Kollega lie: the built task pane and the add-in's templates and icons.

A wheel (`make dist`) carries them inside the package, in backend/static/ (setup.py puts them there). A source
checkout or an editable install has them in the repository: taskpane/dist and addin-manifest/.
"""

from __future__ import annotations

from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
STATIC_DIR = PACKAGE_DIR / "static"
SOURCE_ROOT = PACKAGE_DIR.parent


def from_wheel() -> bool:
    """True when this package was installed from a wheel (it then carries backend/static/)."""
    return STATIC_DIR.is_dir()


def taskpane_dir() -> Path:
    """The built task pane: backend/static/taskpane in a wheel, taskpane/dist in a checkout."""
    return STATIC_DIR / "taskpane" if from_wheel() else SOURCE_ROOT / "taskpane" / "dist"


def addin_dir() -> Path:
    """The manifest templates, localization files and icons: backend/static/addin-manifest, or addin-manifest/."""
    return STATIC_DIR / "addin-manifest" if from_wheel() else SOURCE_ROOT / "addin-manifest"
