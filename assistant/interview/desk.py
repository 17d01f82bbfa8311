"""The kiosk desk's rule for interviews: one is open at a time. Starting a new one, or bringing one back with
its code, pauses any other left open (after a crash, a closed browser tab, or by someone who walked away):
paused, never lost, since its own code still brings it back. Nothing is ever offered without its code: the
next person at the desk must not see or continue the last one's interview.

A desk with a central store (`Region`) finds a code at every desk of the region: it first fetches the newest
copy of that interview (coach changes included) into its own file, and counts wrong codes in the central
store, once for the whole region. When the central store cannot be reached, the desk goes on with its own
copy and says from when it is (`own_copy_note`), and counts wrong codes in its own file: still slowed down.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol, TypeVar, Unpack

from assistant import resume_code
from assistant.dialogue.model import Dialogue
from assistant.errors import InputError, StorageError
from assistant.i18n import _
from assistant.interview.records import SessionRecord, SessionStatus
from assistant.interview.session import InterviewSession, SessionOptions
from assistant.interview.store_port import InterviewStore
from assistant.resume_code import Attempts
from assistant.skills.assembly import Matcher
from assistant.throttling import Throttle, ThrottleStore

T = TypeVar("T")


class DeskStore(InterviewStore, ThrottleStore, Protocol):
    origin: str
    """The store's own id; a desk's wrong codes are counted under it."""

    def sessions(self, statuses: tuple[SessionStatus, ...] = ...) -> list[SessionRecord]: ...

    def forget_legacy_codes(self, max_age_days: float) -> int: ...

    def copied_at(self, session_id: str) -> str | None: ...


class Region(Protocol):
    """The region's central store as a desk uses it for codes. Each method raises `StorageError` E312 when
    the central store cannot be reached."""

    def counts(self) -> ThrottleStore:
        """Where wrong codes are counted for every desk of the region."""
        ...

    def pull(self, code: str) -> bool:
        """Copies the newest central copy of the interview with this code into the desk's own store;
        False when the central store has no interview with it."""
        ...


log = logging.getLogger(__name__)

#: Who wrong codes are counted for on the central store: the whole region, as one.
REGION = "region"
UNREACHABLE = "E312"


@dataclass(frozen=True)
class Found:
    """The interview a code belongs to, the code, and, when the central store could not be asked, when
    the desk's own copy is from."""

    record: SessionRecord
    code: str
    own_copy_from: datetime | None = None


def own_copy_note(found: Found) -> str | None:
    """The plain sentence a desk shows with its own copy while the central store cannot be reached."""
    return copy_note(found.own_copy_from)


def copy_note(own_copy_from: datetime | None) -> str | None:
    """The same sentence for any copy (a lasting code's passport too): None when it is not an own copy."""
    if own_copy_from is None:
        return None
    day = own_copy_from.astimezone().strftime("%d-%m-%Y")
    return _(
        "Dit is wat dit loket weet van {date}. De centrale opslag is nu niet te bereiken. "
        "Wat u nu doet, wordt later doorgestuurd."
    ).format(date=day)


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
    store: DeskStore, attempts: Attempts, typed: object, max_age_days: float, region: Region | None = None
) -> Found:
    """The interview a typed resume code belongs to. Too many wrong codes make the desk (with a central
    store: every desk of the region) wait, also across restarts (see `Attempts`). Raises `InputError`
    kindly: E106/E333 a code in the wrong form (not counted: a typo is no guess), E107 a wrong code, E331 a
    code this desk does not know while the central store cannot be asked, E332 wait."""
    code = resume_code.normalise(typed)
    counts: ThrottleStore = store
    subject = store.origin
    offline = region is None
    if region is not None:
        counts, subject, offline, _pulled = ask_region(
            store, region.counts, attempts.check, lambda: region.pull(code)
        )
    attempts.check(counts, subject)
    try:
        record, code = InterviewSession.find_by_code(store, code, max_age_days)
    except InputError as exc:
        if exc.code == "E107":  # a code that looks right but is not: a guess
            count_failure(attempts, counts, subject, store)
            if region is not None and offline:
                raise InputError("E331") from exc
        raise
    attempts.succeeded(counts, subject)
    if region is None or not offline:
        return Found(record, code)
    copied = store.copied_at(record.id)
    since = max(record.updated_at, datetime.fromisoformat(copied)) if copied else record.updated_at
    return Found(record, code, since)


def ask_region(
    store: DeskStore,
    region_counts: Callable[[], ThrottleStore],
    check: Callable[[ThrottleStore, str], None],
    pull: Callable[[], T],
) -> tuple[ThrottleStore, str, bool, T | None]:
    """Asks the central store for a typed code: waits are checked against the region's count, then `pull`
    fetches the copy. Returns where wrong codes are counted, under which subject, whether the desk is on its
    own (offline), and what `pull` gave. When the central store is out of reach (E312) or refuses (not yet
    migrated, a login without the grants), the person goes on with this desk's copy and the desk counts."""
    try:
        counts = region_counts()
        check(counts, REGION)
        return counts, REGION, False, pull()
    except StorageError as exc:
        if exc.code != UNREACHABLE:
            log.warning("central store refused a code lookup (%s); using this desk's copy", exc.code)
        return store, store.origin, True, None


def count_failure(attempts: Throttle, counts: ThrottleStore, subject: str, store: DeskStore) -> None:
    """Counts a wrong code where the desk counts now; when the central store went away in between, here."""
    try:
        attempts.failed(counts, subject)
    except StorageError:
        if counts is store:
            raise
        attempts.failed(store, store.origin)  # the central store went away just now: count it here
