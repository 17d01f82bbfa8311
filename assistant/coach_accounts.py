"""Coach and union-counsellor accounts: creating one, logging in, and slowing down password guessing.

Owns the password rules and the argon2 hashing. Passwords are never stored, logged or shown; the store keeps
only the argon2id hash. Every login attempt, good or bad, goes to the access log.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from secrets import token_hex

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from assistant.errors import AssistantError
from assistant.i18n import N_, _
from assistant.storage import Store
from assistant.text_input import normalise
from assistant.throttling import Throttle, ThrottlePolicy

ROLES = ("coach", "vakbondsconsulent")
MIN_PASSWORD_CHARS = 10
# argon2 hashes whatever it gets; a limit keeps a pasted novel from tying up the CPU.
MAX_PASSWORD_CHARS = 1000
MAX_NAME_CHARS = 60
#: Failed names are logged as typed, cut to this length so the log cannot be flooded.
MAX_LOGGED_NAME_CHARS = 100

_hasher = PasswordHasher()  # argon2id with the RFC 9106 low-memory parameters


class AccountError(Exception):
    """A name, password or role that cannot be used for an account; the message says what to change."""

    def __init__(self, message: str, **params: object) -> None:
        self.message = message
        self.params = params
        super().__init__(message.format(**params))

    def user_message(self) -> str:
        return _(self.message).format(**self.params)


@dataclass(frozen=True)
class CoachIdentity:
    """Who is logged in to the coach app; the name goes into the provenance of every change."""

    name: str
    role: str
    token: str = field(default="", repr=False)
    """The coach session the store checks on every coach operation; empty for an account just made."""


def hash_password(password: str) -> str:
    return _hasher.hash(password)


@cache
def _dummy_hash() -> str:
    # A real hash of a random secret: an unknown name costs the same verify as a known one.
    return _hasher.hash(token_hex(16))


def _check_name(name: str) -> str:
    name = normalise(name)
    if not name:
        raise AccountError(N_("Een naam is nodig."))
    if len(name) > MAX_NAME_CHARS:
        raise AccountError(N_("Een naam heeft hoogstens {count} tekens."), count=MAX_NAME_CHARS)
    return name


def _check_password(password: str) -> None:
    if len(password) < MIN_PASSWORD_CHARS:
        raise AccountError(N_("Een wachtwoord heeft minstens {count} tekens."), count=MIN_PASSWORD_CHARS)
    if len(password) > MAX_PASSWORD_CHARS:
        raise AccountError(N_("Een wachtwoord heeft hoogstens {count} tekens."), count=MAX_PASSWORD_CHARS)


def add_user(
    store: Store, name: str, password: str, role: str = "coach", key_years: float = 2
) -> CoachIdentity:
    """Creates an account with its own signing key (`coach_keys`, valid `key_years`); a name that is taken
    gives E308."""
    from assistant.coach_keys import make_key

    name = _check_name(name)
    if role not in ROLES:
        raise AccountError(N_("Kies als rol: {choices}."), choices=", ".join(ROLES))
    _check_password(password)
    store.add_coach_user(name, hash_password(password), role)
    store.log_access("cli", "account-added", None, {"name": name, "role": role})
    make_key(store, name, key_years)
    return CoachIdentity(name, role)


def has_accounts(store: Store) -> bool:
    return bool(store.coach_users())


WAIT = N_("Te vaak fout. Wacht nog {seconds} seconden.")


def login(store: Store, name: str, password: str, throttle: LoginThrottle | None = None) -> CoachIdentity:
    """The identity behind a name and password, or E309. Unknown name and wrong password look the same,
    in message and (roughly) in time, so the answer does not tell which names exist. With a throttle,
    a try while it blocks is refused (and logged) without looking at the password."""
    counted = _counted_as(name)
    if throttle is not None:
        left = throttle.seconds_left(store, counted)
        if left:
            store.log_access(counted, "login-failed", None, {"blocked": True})
            raise AccountError(WAIT, seconds=left)
    try:
        identity = _verify(store, name, password)
    except AssistantError as exc:
        if throttle is not None and exc.code == "E309":
            throttle.failed(store, counted)
        raise
    if throttle is not None:
        throttle.succeeded(store, counted)
    return identity


def _verify(store: Store, name: str, password: str) -> CoachIdentity:
    dummy = _dummy_hash()
    typed = normalise(name)
    account = store.coach_user(typed) if typed and len(password) <= MAX_PASSWORD_CHARS else None
    stored, role = account if account else (dummy, "")
    try:
        _hasher.verify(stored, password)
        ok = account is not None
    except (VerificationError, InvalidHashError):
        ok = False
    if not ok:
        store.log_access(typed[:MAX_LOGGED_NAME_CHARS], "login-failed", None, {})
        raise AssistantError("E309")
    if _hasher.check_needs_rehash(stored):
        # Parameters grow stronger over the years; an old hash is replaced the moment we know the password.
        store.set_coach_password_hash(typed, hash_password(password))
    store.log_access(typed, "login", None, {"role": role})
    return CoachIdentity(typed, role, store.open_coach_session(typed))


#: Failed logins per account: after 5, half a minute's wait, doubling with each further failure up to
#: a quarter of an hour. A good login clears the count.
LOGIN_POLICY = ThrottlePolicy(
    kind="coach-login", per="account", first_wait=30, max_wait=900, forget_after=3600
)


class LoginThrottle(Throttle):
    """Slows down password guessing per account, counted in the store: a restarted coach app, or another
    coach machine on the same central store, sees the same count. Names are counted as typed, known or
    not, so the wait does not tell which names exist."""

    def __init__(self, policy: ThrottlePolicy = LOGIN_POLICY, clock: Callable[[], float] = time.time) -> None:
        super().__init__(policy, clock)

    def seconds_left_for(self, store: Store, name: str) -> int:
        return self.seconds_left(store, _counted_as(name))


def _counted_as(name: str) -> str:
    return normalise(name)[:MAX_LOGGED_NAME_CHARS]
