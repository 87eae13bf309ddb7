"""`kollega manifest` as backend/cli.py wires it: the options, the summary, and the exit status."""

from __future__ import annotations

import argparse
import io
from pathlib import Path

import pytest

from backend.manifest import derive_ids
from backend.manifest.cli import add_arguments, run

CLIENT_ID = "3f2b8c1e-7d4a-4e6b-9c0d-1a2b3c4d5e6f"


def _parse(*argv: str) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="kollega manifest")
    add_arguments(parser)
    return parser.parse_args(list(argv))


def test_writes_the_files_and_says_what_to_upload(tmp_path: Path) -> None:
    args = _parse("--base-url", "https://kollega.example-region.se", "--client-id", CLIENT_ID,
                  "--out", str(tmp_path / "out"), "--version", "2.0.1", "--publisher", "Region Exempel",
                  "--privacy-url", "https://example-region.se/integritet")
    stdout, stderr = io.StringIO(), io.StringIO()
    assert run(args, stdout, stderr) == 0
    assert stderr.getvalue() == ""
    text = stdout.getvalue()
    for name in ("kollega-app.zip", "kollega-outlook.xml", "kollega-word.xml", "manifest.json"):
        assert name in text
    assert "Integrated apps" in text and "office-addin-manifest validate" in text
    assert derive_ids(CLIENT_ID).app in text
    manifest = (tmp_path / "out" / "unified" / "manifest.json").read_text("utf-8")
    assert '"version": "2.0.1"' in manifest
    assert '"name": "Region Exempel"' in manifest
    assert '"privacyUrl": "https://example-region.se/integritet"' in manifest


def test_bad_input_exits_2_with_the_reason_and_writes_nothing(tmp_path: Path) -> None:
    args = _parse("--base-url", "http://kollega.example-region.se", "--client-id", CLIENT_ID,
                  "--out", str(tmp_path / "out"))
    stdout, stderr = io.StringIO(), io.StringIO()
    assert run(args, stdout, stderr) == 2
    assert stderr.getvalue().startswith("kollega manifest: --base-url")
    assert "https://kollega.example-region.se" in stderr.getvalue()
    assert stdout.getvalue() == ""
    assert not (tmp_path / "out").exists()


@pytest.mark.parametrize("missing", ["--base-url", "--client-id", "--out"])
def test_required_options(missing: str) -> None:
    argv = {"--base-url": "https://kollega.example-region.se", "--client-id": CLIENT_ID, "--out": "out"}
    del argv[missing]
    with pytest.raises(SystemExit):
        _parse(*[item for pair in argv.items() for item in pair])


def test_word_goes_into_the_unified_package_only_when_asked(tmp_path: Path) -> None:
    base = ("--base-url", "https://kollega.example-region.se", "--client-id", CLIENT_ID)
    stdout = io.StringIO()
    assert run(_parse(*base, "--out", str(tmp_path / "default")), stdout, io.StringIO()) == 0
    assert "It holds Outlook." in stdout.getvalue() and "For Word, upload" in stdout.getvalue()
    default = (tmp_path / "default" / "unified" / "manifest.json").read_text("utf-8")
    assert "WordPane" not in default

    stdout = io.StringIO()
    assert run(_parse(*base, "--out", str(tmp_path / "word"), "--unified-word"), stdout, io.StringIO()) == 0
    assert "Outlook and Word" in stdout.getvalue() and "preview" in stdout.getvalue()
    assert "WordPane" in (tmp_path / "word" / "unified" / "manifest.json").read_text("utf-8")


def test_support_url_option_reaches_the_xml_manifests(tmp_path: Path) -> None:
    args = _parse("--base-url", "https://kollega.example-region.se", "--client-id", CLIENT_ID,
                  "--out", str(tmp_path), "--support-url", "https://example-region.se/it-support")
    assert run(args, io.StringIO(), io.StringIO()) == 0
    for name in ("kollega-outlook.xml", "kollega-word.xml"):
        assert '<SupportUrl DefaultValue="https://example-region.se/it-support"/>' in (tmp_path / name).read_text()
