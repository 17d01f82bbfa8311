"""The holder comes back with the code of a finished passport: what either kiosk (Textual or web) does for
each of the three choices, without any screen. "Iets nieuws toevoegen" starts the short follow-up
(`interview.followup`); "Wat is er veranderd" reads the passport's history in plain sentences and logs that
the holder looked; "Mijn paspoort bekijken" is the end page both kiosks already have.

Kept here, below the UI, so the two kiosks cannot drift apart: each only draws what these return.
"""

from __future__ import annotations

from typing import Protocol, Unpack

from assistant.dialogue.model import Dialogue
from assistant.errors import StorageError
from assistant.interview.access import HOLDER
from assistant.interview.followup import FollowUpSession, ReturnDeskStore, start_at_desk
from assistant.interview.session import SessionOptions
from assistant.passport.history import PassportVersion, history_lines
from assistant.skills.assembly import Matcher

#: Per version, newest first: a heading with the date and who, and what changed in plain sentences.
HistoryLines = list[tuple[str, list[str]]]


class HistoryLog(Protocol):
    def passport_history(self, passport_id: str) -> list[PassportVersion]: ...

    def log_access(
        self, actor: str, action: str, passport_id: str | None, detail: dict[str, object]
    ) -> None: ...


def holder_history(store: HistoryLog, passport_id: str) -> HistoryLines:
    """ "Wat is er veranderd": the passport's versions in the current language, read and logged together
    (the holder looking at what was there before is a look like any other)."""
    versions = store.passport_history(passport_id)
    store.log_access(HOLDER, "viewed-history", passport_id, {})
    return history_lines(versions)


def add_something_new(
    store: ReturnDeskStore,
    followup: Dialogue | None,
    matcher: Matcher,
    passport_id: str,
    recheck_years: int,
    language: str,
    **options: Unpack[SessionOptions],
) -> FollowUpSession:
    """ "Iets nieuws toevoegen": the follow-up for this passport, the only open interview at the desk.
    Raises E306 when the desk has no follow-up dialogue (nothing can be added there)."""
    if followup is None:
        raise StorageError("E306")
    return start_at_desk(store, followup, matcher, passport_id, recheck_years, language, **options)
