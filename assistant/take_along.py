"""Take it along: the short code (8 letters and digits) and QR code of one consent, printed on the end screen
and in the PDF, with which the receiver the holder chose (an employer, a new coach, the holder) fetches
exactly what that consent shares, for as long as it runs, on `assistent serve`'s page.

The code is derived from the consent's id under a secret of the region key (HMAC), so the end screen and
every later PDF of the same consent show the same code without any plain code being kept; the store keeps
only its keyed hash (`holder_code.digest`), as for resume and lasting codes.

Guessing: 31^8 codes. A wrong code counts against the address it came from (after 5 a wait, doubling up to
an hour, kept in the store across restarts), and against all addresses together, which only slows every
lookup down for a few seconds, never refuses it: someone guessing from many places cannot lock real
receivers out.
"""

from __future__ import annotations

import hashlib
import hmac
import time
from collections.abc import Callable
from datetime import date

from assistant import holder_code
from assistant.errors import AssistantError, InputError
from assistant.holder_code import TakeAlong
from assistant.passport.consent import Consent, shared_copy
from assistant.passport.model import Passport
from assistant.storage import Store
from assistant.throttling import Throttle, ThrottlePolicy

#: Wrong take-along codes from one address.
PER_ADDRESS = ThrottlePolicy(
    kind="share-code", per="address", first_wait=60, max_wait=3600, forget_after=1800, clear_on_success=False
)
#: Wrong take-along codes from everywhere: a short slow-down of every lookup, never a refusal.
EVERYWHERE = ThrottlePolicy(
    kind="share-code-all", per="server", allowed=20, first_wait=1, max_wait=8, forget_after=600,
    clear_on_success=False,
)  # fmt: skip
EVERYWHERE_SUBJECT = "all"
DERIVE_PURPOSE = "share-code-derive"
FETCHED_BY = "deelcode"
"""Who the access log names for a fetch: the receiver is not known, only the code they typed."""


def share_url(base_url: str, code: str) -> str:
    return f"{base_url.rstrip('/')}/gedeeld/{code}"


def _derived(secret: bytes, consent_id: str) -> str:
    number = int.from_bytes(hmac.new(secret, consent_id.encode(), hashlib.sha256).digest(), "big")
    alphabet = holder_code.SHARE_ALPHABET
    chars = []
    for _ in range(holder_code.SHARE_CHARS):
        number, digit = divmod(number, len(alphabet))
        chars.append(alphabet[digit])
    return "".join(chars)


def _hashes(store: Store, code: str) -> list[str]:
    return [holder_code.digest(code, s) for s in store.cipher.derive_secrets(holder_code.SHARE_PURPOSE)]


def take_along(store: Store, consent: Consent, base_url: str) -> TakeAlong:
    """The consent's code and address; its hash is stored the first time. A consent that was withdrawn or
    has ended gets none (E502, E503)."""
    consent.require_valid()
    code = _derived(store.cipher.derive_secrets(DERIVE_PURPOSE)[0], consent.id)
    hashes = _hashes(store, code)
    if store.consent_by_share_code(hashes) is None:
        store.add_share_code(hashes[0], consent.id, consent.passport_id)
    return TakeAlong(code, share_url(base_url, code))


class Lookups:
    """The guessing rules for one server; the counts are in the store."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self.per_address = Throttle(PER_ADDRESS, clock)
        self.everywhere = Throttle(EVERYWHERE, clock)

    def slow_down(self, store: Store) -> int:
        """Seconds every lookup waits now (0 unless many wrong codes came in lately, from anywhere)."""
        return self.everywhere.seconds_left(store, EVERYWHERE_SUBJECT)

    def fetch(
        self, store: Store, typed: object, address: str, today: date | None = None
    ) -> tuple[Passport, Consent]:
        """Exactly what the consent behind a typed code shares (hidden skills left out), logged as fetched.
        A code in the wrong form is E519 and costs no try; an unknown one is E520 and counts; a consent
        withdrawn or ended (or a passport erased) is E521; an address that must wait gets E522."""
        code = holder_code.normalise_share(typed)
        left = self.per_address.seconds_left(store, address)
        if left:
            raise InputError("E522", seconds=left)
        consent_id = store.consent_by_share_code(_hashes(store, code))
        if consent_id is None:
            self.per_address.failed(store, address)
            self.everywhere.failed(store, EVERYWHERE_SUBJECT)
            raise InputError("E520")
        try:
            consent = store.consent(consent_id)
            if not consent.is_valid(today):
                store.log_access(FETCHED_BY, "fetch-refused", consent.passport_id, {"consent": consent.id})
                raise InputError("E521")
            passport = store.passport(consent.passport_id)
        except InputError:
            raise
        except AssistantError as gone:  # the consent or the passport was erased since
            raise InputError("E521") from gone
        shared = shared_copy(passport, consent, today, store.holder_choices(passport.id).hidden)
        store.log_access(
            FETCHED_BY, "fetched", passport.id, {"consent": consent.id, "receiver": consent.receiver}
        )
        return shared, consent
