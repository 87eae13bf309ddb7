"""Target and source codes (pycountry's ISO 639-1 table) and the language names the prompts use."""

from __future__ import annotations

import pytest

from backend.translation.targets import LATTLAST, Target, iso_codes, language_name, parse_source, parse_target


def test_targets_are_iso_639_1_codes_or_easy_swedish() -> None:
    assert parse_target("fi") == Target("fi") and parse_target("sv") == Target("sv")
    assert parse_target(LATTLAST) == Target("sv", easy=True) and Target("sv", easy=True).tag == LATTLAST
    for bad in ("xx", "FI", "fin", "sv-SE", "sv-lattläst", "", "en-lattlast", "iw"):
        assert parse_target(bad) is None, bad
    assert parse_source("en") == "en" and parse_source(LATTLAST) is None and parse_source("EN") is None


def test_the_table_is_iso_639_1() -> None:
    codes = iso_codes()
    assert len(codes) == 184 and all(len(code) == 2 and code.islower() for code in codes)
    # The languages Swedish municipalities write in most, besides Swedish and English, and the national
    # minority languages that have a two-letter code (Finnish, Northern Sami, Yiddish).
    assert {"fi", "ar", "so", "ti", "fa", "uk", "pl", "bs", "ku", "se", "yi"} <= codes


@pytest.mark.parametrize(("code", "sv", "en"), [
    ("fi", "finska", "Finnish"), ("en", "engelska", "English"), ("sv", "svenska", "Swedish"),
    ("se", "nordsamiska", "Northern Sami"), ("ar", "arabiska", "Arabic"), ("uk", "ukrainska", "Ukrainian"),
])
def test_language_names_in_the_prompt_language(code: str, sv: str, en: str) -> None:
    assert language_name(code, "sv") == sv and language_name(code, "en") == en


def test_an_unknown_code_has_no_name() -> None:
    with pytest.raises(ValueError):
        language_name("xx", "sv")
