"""Resume codes: a short code of digits that lets a person continue their own interview later.

Digits only, in two groups of four ("4821 0937"): digits are the same in every language the kiosk speaks,
easy to say one by one and easy to write down, and there are no letters that look alike. Only a hash is
stored, so the database file does not hold a code anyone could type in.
"""

from __future__ import annotations

import hashlib
import re
import secrets
import time

from assistant.errors import InputError

DIGITS = 8
GROUP = 4
_NOT_DIGIT = re.compile(r"[\s\-.]+")


def new_code() -> str:
    """A fresh code of 8 digits; leading zeros are allowed so every code is equally likely."""
    return "".join(secrets.choice("0123456789") for _ in range(DIGITS))


def normalise(typed: object) -> str:
    """The digits of a typed code; spaces, dashes and dots between groups are fine. Raises `InputError`."""
    if not isinstance(typed, str):
        raise InputError("E106")
    digits = _NOT_DIGIT.sub("", typed.strip())
    if len(digits) != DIGITS or not digits.isascii() or not digits.isdigit():
        raise InputError("E106")
    return digits


def shown(code: str) -> str:
    """For the screen: two groups of four."""
    return " ".join(code[i : i + GROUP] for i in range(0, len(code), GROUP))


def spoken(code: str) -> str:
    """For the voice: one digit at a time, with a pause between the groups."""
    return ". ".join(" ".join(code[i : i + GROUP]) for i in range(0, len(code), GROUP))


def digest(code: str) -> str:
    return hashlib.sha256(f"skillspaspoort-hervatcode:{code}".encode()).hexdigest()


class Attempts:
    """Slows down guessing at a kiosk: after a few wrong codes in a row, codes are refused for a while."""

    def __init__(self, allowed: int = 5, wait_seconds: float = 60.0) -> None:
        self.allowed = allowed
        self.wait_seconds = wait_seconds
        self.wrong = 0
        self.blocked_until = 0.0

    def check(self) -> None:
        if time.monotonic() < self.blocked_until:
            raise InputError("E108")

    def failed(self) -> None:
        self.wrong += 1
        if self.wrong >= self.allowed:
            self.wrong = 0
            self.blocked_until = time.monotonic() + self.wait_seconds

    def succeeded(self) -> None:
        self.wrong = 0
