"""The kiosk desk's rule for interviews: one is open at a time. Starting a new one, or bringing one back with
its code, pauses any other left open (after a crash, a closed browser tab, or by someone who walked away):
paused, never lost, since its own code still brings it back. Nothing is ever offered without its code: the
next person at the desk must not see or continue the last one's interview."""

from __future__ import annotations

from typing import Protocol, Unpack

from assistant.dialogue.model import Dialogue
from assistant.errors import InputError
from assistant.interview.records import SessionRecord, SessionStatus
from assistant.interview.session import InterviewSession, SessionOptions
from assistant.interview.store_port import InterviewStore
from assistant.resume_code import Attempts
from assistant.skills.assembly import Matcher
from assistant.throttling import ThrottleStore


class DeskStore(InterviewStore, ThrottleStore, Protocol):
    origin: str
    """The store's own id; a desk's wrong codes are counted under it."""

    def sessions(self, statuses: tuple[SessionStatus, ...] = ...) -> list[SessionRecord]: ...

    def forget_legacy_codes(self, max_age_days: float) -> int: ...


def open_desk(store: DeskStore, max_code_age_days: float) -> None:
    """When the kiosk starts. Every interview still open was left by a crash or a closed tab: it is paused,
    so only its code brings it back (`find_by_code`). Codes an older version stored unkeyed, and that have
    expired, are cleared (see `resume_code`)."""
    store.forget_legacy_codes(max_code_age_days)  # first: pausing counts as a change and would renew them
    pause_others(store)


def pause_others(store: DeskStore, keep: str | None = None) -> None:
    """Pauses every open interview but `keep`."""
    for old in store.sessions(("active",)):
        if old.id != keep:
            store.set_session_status(old.id, "paused")


def start_interview(
    store: DeskStore, dialogue: Dialogue, matcher: Matcher, language: str, **options: Unpack[SessionOptions]
) -> InterviewSession:
    """A new interview, the only open one at the desk."""
    pause_others(store)
    return InterviewSession.start(store, dialogue, matcher, language, **options)


def take_up(
    store: DeskStore, dialogue: Dialogue, matcher: Matcher, session_id: str, **options: Unpack[SessionOptions]
) -> InterviewSession:
    """Goes on with an interview brought back by its code, which need not be the open one: that is paused."""
    pause_others(store, keep=session_id)
    return InterviewSession.resume(store, dialogue, matcher, session_id, **options)


def find_by_code(
    store: DeskStore, attempts: Attempts, typed: object, max_age_days: float
) -> tuple[SessionRecord, str]:
    """The interview a typed resume code belongs to, and the code; too many wrong codes make the desk wait
    (see `Attempts`), also across restarts. Raises `InputError` kindly."""
    attempts.check(store, store.origin)
    try:
        found = InterviewSession.find_by_code(store, typed, max_age_days)
    except InputError as exc:
        if exc.code == "E107":  # a code that looks right but is not: a guess. A typo in its form is not.
            attempts.failed(store, store.origin)
        raise
    attempts.succeeded(store, store.origin)
    return found
