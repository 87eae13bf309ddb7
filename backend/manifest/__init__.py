"""The add-in manifests: a unified JSON manifest (with its app package) and a pair of XML manifests.

`write_manifests` fills the templates in addin-manifest/; `backend.manifest.web` serves the icons they use.
"""

from backend.manifest.build import DEFAULT_VERSION, render, write_manifests
from backend.manifest.inputs import AddinIds, ManifestError, derive_ids

__all__ = ["DEFAULT_VERSION", "AddinIds", "ManifestError", "derive_ids", "render", "write_manifests"]
