"""The holder's codes, as typed and as kept: the lasting access code (12 digits, for as long as the passport
exists) and the short take-along code of one consent (8 letters and digits, printed with a QR code).

Like resume codes (`resume_code`), only an HMAC-SHA256 under a secret derived from the region key is kept,
so a stolen database gives nothing to guess against, and a typed code is found by value. Each kind has its
own purpose string, so a resume code can never open a passport as a lasting code, nor the other way round.

Why 12 digits for the lasting code: it is not bound to a 30-day window like the 8-digit resume code, so
it must hold out far longer against guessing (10^12, with guessing slowed down per desk); digits stay easy
to say, to type on the keypad and to write down. The take-along code is read by someone else (an employer,
a new coach) from paper or a screen: letters and digits without look-alikes (no 0/O, 1/I/L), 31^8 codes.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from dataclasses import dataclass

from assistant.errors import InputError

HOLDER_DIGITS = 12
HOLDER_PURPOSE = "holder-code"
SHARE_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
SHARE_CHARS = 8
SHARE_PURPOSE = "share-code"
#: Anything longer is not a code, whatever it holds: refused before any other work.
MAX_TYPED = 64
_SEPARATORS = re.compile(r"[\s\-.]+")


def new_holder_code() -> str:
    return "".join(secrets.choice("0123456789") for _ in range(HOLDER_DIGITS))


def new_share_code() -> str:
    return "".join(secrets.choice(SHARE_ALPHABET) for _ in range(SHARE_CHARS))


def _cleaned(typed: object, code: str) -> str:
    if not isinstance(typed, str) or len(typed) > MAX_TYPED:
        raise InputError(code)
    return _SEPARATORS.sub("", typed.strip())


def normalise_holder(typed: object) -> str:
    """The 12 digits of a typed lasting code; spaces, dashes and dots between groups are fine (E517)."""
    digits = _cleaned(typed, "E517")
    if len(digits) != HOLDER_DIGITS or not digits.isascii() or not digits.isdigit():
        raise InputError("E517")
    return digits


def looks_like_holder_code(typed: object) -> bool:
    """Whether a code typed at "Ik heb een code" is a lasting code (12 digits), not a resume code (8)."""
    try:
        normalise_holder(typed)
    except InputError:
        return False
    return True


def normalise_share(typed: object) -> str:
    """The 8 characters of a typed take-along code, in upper case (E519). A character that is not in the
    alphabet (a 0, O, 1, I or L, an emoji, a control character) is refused kindly, never guessed at."""
    text = _cleaned(typed, "E519").upper()
    if len(text) != SHARE_CHARS or any(c not in SHARE_ALPHABET for c in text):
        raise InputError("E519")
    return text


def shown(code: str) -> str:
    """For the screen and paper: groups of four."""
    return " ".join(code[i : i + 4] for i in range(0, len(code), 4))


@dataclass(frozen=True)
class TakeAlong:
    """A consent's take-along code and the address its QR code holds (see `assistant.take_along`)."""

    code: str
    url: str

    @property
    def shown(self) -> str:
        return shown(self.code)


def digest(code: str, secret: bytes) -> str:
    return "hmac1:" + hmac.new(secret, code.encode("ascii"), hashlib.sha256).hexdigest()
