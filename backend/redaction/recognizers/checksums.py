"""Check digits used by Swedish identifiers."""

from __future__ import annotations


def luhn_ok(digits: str) -> bool:
    """Modulus 10 (Luhn), as personnummer, bankgiro and plusgiro use it."""
    total = 0
    for i, ch in enumerate(reversed(digits)):
        d = ord(ch) - 48
        if i % 2:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return total % 10 == 0


def iban_ok(iban: str) -> bool:
    """ISO 13616 mod 97 over the rearranged IBAN (letters count as 10..35)."""
    s = iban[4:] + iban[:4]
    try:
        return int("".join(str(int(ch, 36)) for ch in s)) % 97 == 1
    except ValueError:
        return False
