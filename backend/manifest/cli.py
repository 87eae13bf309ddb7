"""`kollega manifest`: the options and the run, kept here so backend/cli.py only wires them in."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import TextIO

from backend.manifest.build import DEFAULT_VERSION, OUTLOOK_XML, PACKAGE_NAME, WORD_XML, write_manifests
from backend.manifest.inputs import ManifestError, derive_ids


def add_arguments(parser: argparse.ArgumentParser) -> None:
    """The options of `kollega manifest`."""
    parser.add_argument("--base-url", required=True,
                        help="the server's public https origin, which serves /taskpane/ and /api/ (no path)")
    parser.add_argument("--client-id", required=True, help="the Entra app's Application (client) ID, a GUID")
    parser.add_argument("--out", required=True, type=Path, help="folder to write into (created if missing)")
    parser.add_argument("--version", default=DEFAULT_VERSION,
                        help=f"add-in version MAJOR.MINOR.PATCH; raise it for every upload (default {DEFAULT_VERSION})")
    parser.add_argument("--publisher", default="Kollega",
                        help="organisation shown as the add-in's developer, at most 32 characters (default Kollega)")
    parser.add_argument("--website-url",
                        help="the add-in's web page (default: the base URL, Kollega's information page)")
    parser.add_argument("--privacy-url",
                        help="privacy notice shown in the admin center (default: the server's /privacy page)")
    parser.add_argument("--terms-url",
                        help="terms of use shown in the admin center (default: the server's /terms page)")
    parser.add_argument("--support-url", help="support page of the XML manifests (default: the server's /support page)")
    parser.add_argument("--unified-word", action="store_true",
                        help="also put Word in the unified package (a preview at Microsoft; by default Word ships "
                             "only as its XML manifest)")


def run(args: argparse.Namespace, stdout: TextIO = sys.stdout, stderr: TextIO = sys.stderr) -> int:
    """Write the manifests and say what to upload where; 2 with the reason when an input is wrong."""
    try:
        paths = write_manifests(
            args.base_url, args.client_id, args.out, version=args.version, publisher=args.publisher,
            website_url=args.website_url, privacy_url=args.privacy_url, terms_url=args.terms_url,
            support_url=args.support_url, unified_word=args.unified_word,
        )
    except ManifestError as exc:
        print(f"kollega manifest: {exc}", file=stderr)
        return 2
    ids = derive_ids(args.client_id)
    for path in paths:
        print(path, file=stdout)
    out = args.out
    if args.unified_word:
        hosts = (
            "Outlook and Word (Word in the unified manifest is a preview at Microsoft).\n"
            f"For Outlook for Mac, perpetual Office and Word builds without unified-manifest support, also deploy "
            f"{out / OUTLOOK_XML} and {out / WORD_XML}.\n"
        )
    else:
        hosts = (
            "Outlook.\n"
            f"For Word, upload {out / WORD_XML} too (Upload custom apps > Office Add-in > the XML file); "
            f"for Outlook for Mac and perpetual Outlook, also {out / OUTLOOK_XML}.\n"
        )
    print(
        f"\nUpload {out / PACKAGE_NAME} in the Microsoft 365 admin center: Settings > Integrated apps > "
        f"Upload custom apps (Office Add-in). It holds {hosts}"
        f"Add-in ids: app {ids.app}, Outlook XML {ids.outlook_xml}, Word XML {ids.word_xml}.\n"
        "Check the package with `npx office-addin-manifest validate` before uploading (needs internet); "
        "see docs/deploy/manifest.md.",
        file=stdout,
    )
    return 0
