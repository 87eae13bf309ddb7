"""The provisions table: shipped as data, corrected by the organisation's lawyer in the instance folder."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from backend.release import AREAS, CATEGORIES, ProvisionsError, load_provisions
from backend.settings import ConfigError
from tests.conftest import make_settings


def write_override(instance: Path, text: str) -> None:
    (instance / "release").mkdir(parents=True, exist_ok=True)
    (instance / "release" / "provisions.tsv").write_text(text, encoding="utf-8")


def test_every_area_and_category_has_a_provision() -> None:
    provisions = load_provisions()
    for area in AREAS:
        for category in CATEGORIES:
            assert "OSL" in provisions.for_finding(area, category).text


def test_the_most_precise_row_wins() -> None:
    provisions = load_provisions()
    assert provisions.for_finding("healthcare", "health").text == "25 kap. 1 § OSL"  # area and *
    assert provisions.for_finding("healthcare", "protected_identity").text == "21 kap. 3 § OSL"  # area and category
    assert provisions.for_finding("general", "health").text == "21 kap. 1 § OSL"  # * and category
    assert provisions.for_finding("general", "religion").text == "21 kap. 7 § OSL"  # * and *


def test_the_instance_folder_overrides_single_rows(tmp_path: Path) -> None:
    write_override(tmp_path, "# vår jurists rättelse\nschool\tschool_welfare\t23 kap. 2 § första stycket OSL\tRättad\n")
    provisions = load_provisions(tmp_path)
    assert provisions.for_finding("school", "school_welfare").text == "23 kap. 2 § första stycket OSL"
    assert provisions.for_finding("school", "health").text == "25 kap. 1 § OSL"  # the shipped rows stay


@pytest.mark.parametrize(("line", "message"), [
    ("skola\t*\t23 kap. 2 § OSL", "unknown area 'skola'"),
    ("school\thälsa\t25 kap. 1 § OSL", "unknown category 'hälsa'"),
    ("school\t*", "separated by tabs"),
    ("school\t*\t", "the provision is empty"),
    ("school\t*\tA\nschool\t*\tB", "a second row"),
])
def test_a_broken_override_names_the_line(tmp_path: Path, line: str, message: str) -> None:
    write_override(tmp_path, line + "\n")
    with pytest.raises(ProvisionsError, match=message) as caught:
        load_provisions(tmp_path)
    assert re.search(r"provisions\.tsv line [12]:", str(caught.value))


def test_a_broken_override_stops_start_up(tmp_path: Path, tiny_model: Path) -> None:
    from backend import create_app
    from tests.fakes import ScriptedEngine

    settings = make_settings(tmp_path / "instance", tiny_model)
    write_override(settings.instance_path, "hr\tpersonnel\t39 kap. 2 § OSL\n")
    with pytest.raises(ConfigError, match=r"unknown category 'personnel'.*remove the file"):
        create_app(settings, engine=ScriptedEngine([]), redactor=object())  # type: ignore[arg-type]
