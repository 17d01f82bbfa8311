"""Answers the person already gave, so the kiosk does not ask them again.

Two rules, chosen per question in the dialogue file (`infer:`):

- `years`: how long someone did a job, read from what they typed earlier ("ik werk er al 10 jaar",
  "sinds 2019", "een half jaar"). The question is then answered for them and skipped; going back shows it
  with that answer chosen, so it can still be changed.
- `languages`: the languages the person used at the kiosk are chosen already on "Welke talen spreekt u?";
  the person adds or removes languages and confirms.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import UTC, datetime

_NUMBER_WORDS = {
    "een": 1, "één": 1, "twee": 2, "drie": 3, "vier": 4, "vijf": 5, "zes": 6, "zeven": 7, "acht": 8,
    "negen": 9, "tien": 10, "elf": 11, "twaalf": 12, "dertien": 13, "veertien": 14, "vijftien": 15,
    "zestien": 16, "zeventien": 17, "achttien": 18, "negentien": 19, "twintig": 20, "dertig": 30,
    "veertig": 40, "paar": 2, "half": 0.5, "anderhalf": 1.5,
}  # fmt: skip
_UNIT_YEARS = {
    "jaar": 1.0, "jaren": 1.0, "jr": 1.0, "maand": 1 / 12, "maanden": 1 / 12, "week": 1 / 52,
    "weken": 1 / 52, "year": 1.0, "years": 1.0, "month": 1 / 12, "months": 1 / 12,
}  # fmt: skip
_AMOUNT = r"\d{1,2}(?:[.,]5)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True))
_DURATION = re.compile(
    rf"(?:(?P<before>\w+)\s+)?(?:een\s+)?\b(?P<amount>{_AMOUNT})\s+(?P<unit>{'|'.join(_UNIT_YEARS)})\b"
    r"(?:\s+(?P<after>\w+))?",
    re.IGNORECASE,
)
_SINCE = re.compile(r"\b(?:sinds|since|vanaf)\s+(?P<year>(?:19|20)\d\d)\b", re.IGNORECASE)
# "kinderen van 4 jaar", "4 jaar oud", "2 jaar geleden": an age or a moment, not how long someone worked.
_NOT_A_DURATION_BEFORE = {"van", "tot", "t/m", "om", "per", "voor"}
_NOT_A_DURATION_AFTER = {"oud", "geleden", "old", "ago"}
MAX_YEARS = 60.0


def years_mentioned(texts: Iterable[str], now: datetime | None = None) -> float | None:
    """The longest working time named in the texts, in years; None when no text names one."""
    this_year = (now or datetime.now(UTC)).year
    found: list[float] = []
    for text in texts:
        for m in _DURATION.finditer(text):
            before = (m.group("before") or "").lower()
            after = (m.group("after") or "").lower()
            if before in _NOT_A_DURATION_BEFORE or after in _NOT_A_DURATION_AFTER:
                continue
            amount = m.group("amount").lower()
            number = _NUMBER_WORDS.get(amount)
            if number is None:
                number = float(amount.replace(",", "."))
            found.append(number * _UNIT_YEARS[m.group("unit").lower()])
        for m in _SINCE.finditer(text):
            year = int(m.group("year"))
            if year <= this_year:
                found.append(max(this_year - year, 0.5))
    plausible = [y for y in found if 0 < y <= MAX_YEARS]
    return max(plausible) if plausible else None


def choice_for_years(years: float, ranges: dict[str, tuple[float, float]]) -> str | None:
    """The choice whose range [from, below) holds `years`."""
    for choice_id, (low, below) in ranges.items():
        if low <= years < below:
            return choice_id
    return None
