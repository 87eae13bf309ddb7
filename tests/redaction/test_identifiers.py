"""The identifier recognizers on positives and negatives, the shared personnummer vectors included."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import masked, untouched

from backend.redaction import Redactor

# -- personnummer ----------------------------------------------------------------------------


@pytest.mark.parametrize("value", [
    "19391104-2848", "391104-2848", "193911042848", "3911042848",  # 12 and 10 digits, with and without "-"
    "191124+8589", "19191124+8589",  # "+" from the 100th birthday
    "991065-5282", "19991065-5282",  # samordningsnummer: day + 60
    "000101-T220", "20000101T220", "19990101-R123",  # interim and reserve numbers with a letter
    "750312-4419",  # bad check digit: probably a typo of a real number
    "391104 - 2848", "391104 2848",  # spaced; a lone space only with a good check digit
])
def test_personnummer_forms(redactor: Redactor, value: str) -> None:
    assert masked(redactor, f"Sökande har personnummer {value} enligt ansökan.", value, "PERSONNUMMER")


@pytest.mark.parametrize("text", [
    "Beslut 2024-04-22, § 45, dnr RS 2024/0991.",
    "Organisationsnummer 556912-3487 och 212000-1355.",
    "Kostnadsställe 71020, faktura 2024-0412, konto 4010.",
    "Perioden 20240101–20240331 och datumet 20240422.",
    "Telefonnumret till växeln är bra att ha.",
    "Ärende 850101 1234 registrerades.",  # space-separated with a bad check digit: two numbers
])
def test_personnummer_negatives(redactor: Redactor, text: str) -> None:
    assert not [e for e in redactor.redact(text).entities if e.type == "PERSONNUMMER"]


def _meta(shared: Path, name: str) -> list[dict[str, object]]:
    data = json.loads((shared / "testdata" / "personnummer-meta" / name).read_text(encoding="utf-8"))
    assert isinstance(data, list)
    return data


def test_meta_vectors_are_masked(redactor: Redactor, shared: Path) -> None:
    """Every format of every shared vector is masked, invalid ones too: a bad check digit is a typo."""
    seen = 0
    for name in ("list.json", "interim.json"):
        for entry in _meta(shared, name):
            for key in ("long_format", "short_format", "separated_format", "separated_long"):
                value = str(entry.get(key) or "")
                if not value or value == "0":
                    continue
                seen += 1
                text = f"Personnummer: {value}. Övrigt: inget."
                assert masked(redactor, text, value), f"{name} {key} {entry.get('valid')}"
    assert seen > 80


def test_meta_organisation_numbers_are_not(redactor: Redactor, shared: Path) -> None:
    for entry in _meta(shared, "orgnumber.json"):
        for key in ("short_format", "separated_format"):
            text = f"Organisationsnummer {entry[key]} (AP-fond)."
            assert untouched(redactor, text), entry[key]


# -- phone -------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [
    "070-914 02 77", "0701-23 45 67", "0701 - 23 45 67", "0709140277", "070 914 02 77",
    "0346-71 23 90", "035 - 13 42 88", "08-123 456 78", "(08) 123 456 78", "031-390 06 00",
    "+46 73 550 12 08", "+46(0)70-123 45 67", "+46735501208", "0046 73 550 12 08",
    "+47 912 34 567", "+49 30 1234567", "+358 40 123 4567", "+44 20 7946 0958", "+1 (555) 123-4567",
])
def test_phone_forms(redactor: Redactor, value: str) -> None:
    assert masked(redactor, f"Du når mig på {value} efter lunch.", value, "PHONE")


@pytest.mark.parametrize("text", [
    "Telefontider mån–fre 08.00–10.00 och 13.00–15.00.",
    "Mötet hålls 13.00–15.00, kaffe 10.30.",
    "Avgiften är 1 250 kr, högst 2 359 kr per månad, totalt 125 000 kronor.",
    "Beslutet fattades 2024-03-11 kl. 11.02 i ärende 2024-0412.",
    "Mät blodtrycket 145/90 och vikten 0,5 kg.",
    "Version 0.9.12 installerades.",
])
def test_phone_negatives(redactor: Redactor, text: str) -> None:
    assert not [e for e in redactor.redact(text).entities if e.type == "PHONE"]


# -- e-mail ------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [
    "mats.falk@bredband.net", "Karin.Ohlsson@Telia.com", "k_ohlsson83@gmail.com",
    "anna-lena+kollega@halmstad.se", "åsa.öberg@exempel.se",
])
def test_email(redactor: Redactor, value: str) -> None:
    assert masked(redactor, f"Skriv till <{value}>, tack.", value, "EMAIL")


def test_email_negatives(redactor: Redactor) -> None:
    assert untouched(redactor, "Vi ses @ kontoret kl. 9, eller skriv @team i chatten. Pris: 5 st @ 20 kr.")


# -- address -----------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [
    "Sjövägen 3, 439 62", "Ekbacken 5, lgh 1001, 311 31", "Kvarngatan 18, 312 30", "Storgatan 12 B",
    "Solrosvägen 14 B, 2 tr, 302 47", "c/o Lindqvist, Solrosvägen 14", "Stora Nygatan 7", "Lilla Torget 2",
    "Drottning Kristinas väg 4", "Tallbacken 7, lgh 1102\n432 44", "STORGATAN 12, 302 43", "Kungsg. 5",
])
def test_address(redactor: Redactor, value: str) -> None:
    assert masked(redactor, f"Hon bor på {value} sedan i fjol.", value, "ADDRESS")


@pytest.mark.parametrize("text", [
    "Vägen till Halmstad är 12 km lång.",
    "Gatan var avstängd i 3 timmar.",
    "Storgatan är stängd för trafik.",
    "Box 517, 301 80 Halmstad",
])
def test_address_negatives(redactor: Redactor, text: str) -> None:
    assert not [e for e in redactor.redact(text).entities if e.type == "ADDRESS"]


# -- bank --------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", [
    "DE89 3704 0044 0532 0130 00", "SE45 5000 0000 0583 9825 7466", "GB29NWBK60161331926819",
])
def test_iban(redactor: Redactor, value: str) -> None:
    assert masked(redactor, f"Betala till {value} senast fredag.", value, "BANK")


def test_iban_needs_its_check_digits(redactor: Redactor) -> None:
    assert untouched(redactor, "Artikelnummer DE12 3456 7890 1234 5678 90 finns i lager.")
    assert masked(redactor, "IBAN DE12 3456 7890 1234 5678 90", "DE12 3456 7890 1234 5678 90", "BANK")


@pytest.mark.parametrize(("lead", "value"), [
    ("bankgiro", "5050-1055"), ("BG", "123-4567"), ("plusgiro", "90 20 03-3"), ("PG", "4789-2"),
    ("konto", "6112-123 456 789"), ("clearing", "8327-9, 944 818 123-4"), ("kontonummer", "3300-1234567"),
])
def test_giro_and_accounts(redactor: Redactor, lead: str, value: str) -> None:
    assert masked(redactor, f"Pengarna sätts in på {lead} {value} i morgon.", value, "BANK")


def test_account_with_bank_name_after(redactor: Redactor) -> None:
    assert masked(redactor, "Betala till 8105-9, 123 456 789-0 (Swedbank).", "8105-9, 123 456 789-0", "BANK")


@pytest.mark.parametrize("text", [
    "Ärendet har nummer 2024-0412 och 1234-5678.",  # no word says it is a giro number
    "Fakturanummer 5050-1055 och 4789-2 i listan.",
])
def test_bank_negatives(redactor: Redactor, text: str) -> None:
    assert not [e for e in redactor.redact(text).entities if e.type == "BANK"]


# -- plate -------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["MNB 374", "GHT 81C", "ABC123", "KLM 45X"])
def test_plate(redactor: Redactor, value: str) -> None:
    assert masked(redactor, f"Bilen {value} står på parkeringen.", value, "PLATE")


@pytest.mark.parametrize("text", [
    "Enligt SFS 2016:1145 och LSS 9 §.",
    "Beloppet är SEK 500 eller EUR 45.",
    "Se kapitel IQV 123 (I, Q och V används inte på skyltar).",
    "Bilen ABC 12O har en bokstav O sist, som aldrig används.",
])
def test_plate_negatives(redactor: Redactor, text: str) -> None:
    assert not [e for e in redactor.redact(text).entities if e.type == "PLATE"]
