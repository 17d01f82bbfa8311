"""The holder at the kiosk, as the access log names them, and their own look at a finished passport: read and
logged together, as every other path out of the store (`assistant.sharing`) is."""

from __future__ import annotations

from typing import Protocol

from assistant.passport.model import Passport

HOLDER = "eigenaar"
"""Who the access log names when the holder acts at the kiosk."""


class PassportLog(Protocol):
    def passport(self, passport_id: str) -> Passport: ...

    def log_access(
        self, actor: str, action: str, passport_id: str | None, detail: dict[str, object]
    ) -> None: ...


def holder_views(store: PassportLog, passport_id: str) -> Passport:
    """The passport the holder opened with their code; the access log says they viewed it."""
    passport = store.passport(passport_id)
    store.log_access(HOLDER, "viewed", passport.id, {})
    return passport
