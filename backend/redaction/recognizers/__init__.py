"""One recognizer per kind of personal data. The NER model's (ner.py) is imported only when configured."""

from __future__ import annotations

from .address import AddressRecognizer
from .bank import BankRecognizer
from .email import EmailRecognizer
from .person import PersonRecognizer
from .personnummer import PersonnummerRecognizer
from .phone import PhoneRecognizer
from .plate import PlateRecognizer

__all__ = [
    "AddressRecognizer",
    "BankRecognizer",
    "EmailRecognizer",
    "PersonRecognizer",
    "PersonnummerRecognizer",
    "PhoneRecognizer",
    "PlateRecognizer",
]
