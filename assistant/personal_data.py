"""Spotting personal numbers in free text: BSN, phone number, IBAN and e-mail address.

A person at a kiosk may type more than the question needs. Before such an answer is stored, the kiosk
asks whether to keep it; nothing of it is stored unless the person says yes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from assistant.i18n import N_

Kind = Literal["bsn", "phone", "iban", "email"]

#: What each kind is called when the kiosk asks about it (gettext msgids).
NAMES: dict[str, str] = {
    "bsn": N_("een BSN (burgerservicenummer)"),
    "phone": N_("een telefoonnummer"),
    "iban": N_("een bankrekeningnummer"),
    "email": N_("een e-mailadres"),
}

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_IBAN = re.compile(r"\b[A-Z]{2}\d{2}(?:\s?[A-Z0-9]{4}){2,7}(?:\s?[A-Z0-9]{1,3})?\b", re.IGNORECASE)
_PHONE = re.compile(r"(?<![\d+])(?:\+31|0031|0)[\s-]?(?:6|[1-9]\d{1,2})(?:[\s-]?\d){6,8}(?!\d)")
_NINE_DIGITS = re.compile(r"(?<!\d)(\d[\s.]?){8}\d(?!\d)")


@dataclass(frozen=True)
class Finding:
    kind: Kind
    start: int
    end: int


def _bsn_valid(digits: str) -> bool:
    """The "elfproef": 9x1 + 8x2 + ... + 2x8 - 1x9 is a multiple of 11."""
    if len(digits) != 9 or digits == "000000000":
        return False
    total = sum(int(d) * w for d, w in zip(digits[:8], range(9, 1, -1), strict=True)) - int(digits[8])
    return total % 11 == 0


def _iban_valid(raw: str) -> bool:
    iban = re.sub(r"\s", "", raw).upper()
    if not 15 <= len(iban) <= 34:
        return False
    moved = iban[4:] + iban[:4]
    number = "".join(str(int(ch, 36)) for ch in moved)
    return int(number) % 97 == 1


def find(text: str) -> list[Finding]:
    found: list[Finding] = []

    def add(kind: Kind, m: re.Match[str]) -> None:
        if not any(f.start < m.end() and m.start() < f.end for f in found):
            found.append(Finding(kind, m.start(), m.end()))

    for m in _EMAIL.finditer(text):
        add("email", m)
    for m in _IBAN.finditer(text):
        if _iban_valid(m.group()):
            add("iban", m)
    for m in _PHONE.finditer(text):
        add("phone", m)
    for m in _NINE_DIGITS.finditer(text):
        if _bsn_valid(re.sub(r"\D", "", m.group())):
            add("bsn", m)
    return sorted(found, key=lambda f: f.start)


def remove(text: str, findings: list[Finding]) -> str:
    """The text without the personal numbers ("…" where they were)."""
    out, last = [], 0
    for f in sorted(findings, key=lambda f: f.start):
        out.append(text[last : f.start])
        out.append("…")
        last = f.end
    out.append(text[last:])
    return re.sub(r"\s+", " ", "".join(out)).strip()
