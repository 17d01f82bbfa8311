"""Resume codes: a short code of digits that lets a person continue their own interview later.

Digits only, in two groups of four ("4821 0937"): digits are the same in every language the kiosk speaks,
easy to say one by one and easy to write down, and there are no letters that look alike.

Only an HMAC-SHA256 of the code is stored, keyed by a secret derived from the region's store key
(`keyed_digest`). Why not a salted slow hash: a typed code must find its interview, and a keyed hash is
looked up by value through the index; a salted hash would mean a slow verify against every open interview
for each code typed. Eight digits are only 10^8 codes, so an unkeyed hash in a stolen database file falls in
under a minute; keyed, the file alone gives nothing to guess against. Older stores hold the unkeyed
`legacy_digest`: still accepted until it expires, and replaced by the keyed one when it is used.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import time
from collections.abc import Callable

from assistant.errors import InputError
from assistant.i18n import _
from assistant.throttling import Throttle, ThrottlePolicy, ThrottleStore

DIGITS = 8
GROUP = 4
_NOT_DIGIT = re.compile(r"[\s\-.]+")
#: Longer than any code written with spaces or dashes: refused before it is looked at any further.
MAX_TYPED = 32


def new_code() -> str:
    """A fresh code of 8 digits; leading zeros are allowed so every code is equally likely."""
    return "".join(secrets.choice("0123456789") for _ in range(DIGITS))


def normalise(typed: object) -> str:
    """The digits of a typed code; spaces, dashes and dots between groups are fine. Raises `InputError`."""
    if not isinstance(typed, str):
        raise InputError("E106")
    if not typed.strip():
        raise InputError("E333")
    if len(typed) > MAX_TYPED:
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


#: Marks a keyed digest, so it is never mistaken for a legacy one (64 bare hex digits).
KEYED_PREFIX = "hmac1:"
#: The purpose the store key's derived secret is asked for (see `FieldCipher.derive_secret`).
SECRET_PURPOSE = "resume-code"


def keyed_digest(code: str, secret: bytes) -> str:
    """What is stored for a code: its HMAC-SHA256 under the store key's derived secret."""
    return KEYED_PREFIX + hmac.new(secret, code.encode("ascii"), hashlib.sha256).hexdigest()


def legacy_digest(code: str) -> str:
    """The unkeyed SHA-256 stores made before codes were keyed; only used to recognise those."""
    return hashlib.sha256(f"skillspaspoort-hervatcode:{code}".encode()).hexdigest()


def is_legacy(stored: str) -> bool:
    return not stored.startswith(KEYED_PREFIX)


#: Wrong codes: after 5, a minute's wait, doubling with each further wrong code up to an hour. Counted per
#: desk, or for the whole region when the desk has a central store (`interview.desk`), never per person: a
#: right code does not wipe the count (see `ThrottlePolicy`).
CODE_POLICY = ThrottlePolicy(
    kind="resume-code", per="desk", first_wait=60, max_wait=3600, forget_after=1800, clear_on_success=False
)


def wait_words(seconds: int) -> str:
    """How long to wait, as a person says it: "minder dan een minuut", "1 minuut", "7 minuten"."""
    if seconds < 60:
        return _("minder dan een minuut")
    minutes = -(-seconds // 60)
    return _("1 minuut") if minutes == 1 else _("{n} minuten").format(n=minutes)


class Attempts(Throttle):
    """Slows down guessing: after a few wrong codes, codes are refused for a while, longer each time. The
    count is in the store (the desk's, or the region's central one), so restarting a kiosk, opening a new
    browser tab or walking to the next desk does not reset it."""

    def __init__(self, policy: ThrottlePolicy = CODE_POLICY, clock: Callable[[], float] = time.time) -> None:
        super().__init__(policy, clock)

    def check(self, store: ThrottleStore, desk: str) -> None:
        """Refuses any code, right or wrong, while the desk must wait: E332, saying how long."""
        left = self.seconds_left(store, desk)
        if left:
            raise InputError("E332", wait=wait_words(left))
