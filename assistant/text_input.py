"""Cleaning and checking what a person types, before it is saved or matched.

The raw text is never thrown away by the caller: an `InputError` tells the person what to change and the
screen keeps what they typed.
"""

from __future__ import annotations

import re
import unicodedata

from assistant.errors import InputError

_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """NFC, control and zero-width characters removed, whitespace collapsed; emoji and other scripts stay."""
    text = unicodedata.normalize("NFC", text)
    text = _CONTROL.sub(" ", text)
    return _SPACES.sub(" ", text).strip()


def clean_answer(raw: object, limit: int) -> str:
    """The answer as it will be stored, or an `InputError` with a kind message."""
    if raw is None:
        raise InputError("E101")
    if isinstance(raw, bytes):
        try:
            raw = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise InputError("E103") from exc
    if not isinstance(raw, str):
        raise InputError("E103")
    text = normalise(raw)
    if not text:
        raise InputError("E101")
    if len(text) > limit:
        raise InputError("E102", limit=limit)
    return text
