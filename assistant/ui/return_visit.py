"""The kiosk's part of a return visit: the holder typed the code of a finished passport (the resume code on
`ReturnScreen`, or the lasting code on `HolderScreen`) and chooses to add what is new (a follow-up
interview, `interview.followup`), to see what changed (the history), or to look at
the passport. Kept out of `app` so the app stays a thin router; `KioskApp` takes these handlers in. What
each choice does lives in `interview.holder_return`, which the web kiosk calls too."""

from __future__ import annotations

from textual.app import App

from assistant.context import AppContext
from assistant.errors import AssistantError
from assistant.i18n import current_language
from assistant.interview.access import holder_views
from assistant.interview.followup import take_up_at_desk
from assistant.interview.holder_return import add_something_new, holder_history
from assistant.interview.records import SessionRecord
from assistant.interview.session import InterviewSession
from assistant.passport.changes import coach_changes
from assistant.passport.model import Passport
from assistant.ui.return_screens import (
    FollowUpRequested,
    HistoryRequested,
    HistoryScreen,
    PassportRequested,
    ReturnScreen,
)


class ReturnVisits(App[None]):
    """Handlers for the holder who comes back; the kiosk app provides the routing they call."""

    context: AppContext
    session: InterviewSession | None
    holder_passport_id: str | None
    holder_code: str | None = None
    """The code the holder came back with, shown again on the end screen."""

    def show_next(self) -> None:
        raise NotImplementedError

    def _show_end(self, passport: Passport, code: str | None, changes: list[str] | None = None) -> None:
        raise NotImplementedError

    def _show_error(self, exc: AssistantError) -> None:
        raise NotImplementedError

    def show_return(self, passport_id: str, code: str) -> None:
        """The holder is back with a finished passport: what would they like to do?"""
        passport = holder_views(self.context.store, passport_id)
        self.holder_passport_id, self.holder_code = passport_id, code
        self.switch_screen(ReturnScreen(passport.person.nickname))

    def take_up(self, record: SessionRecord) -> InterviewSession:
        """An unfinished interview brought back by its code: the intake or a follow-up."""
        context = self.context
        return take_up_at_desk(
            context.store,
            context.dialogue,
            context.followup,
            context.matcher,
            record,
            context.settings.recheck_years,
            **context.session_options(),
        )

    def on_follow_up_requested(self, message: FollowUpRequested) -> None:
        context, pid = self.context, self.holder_passport_id
        if pid is None:
            return
        try:
            self.session = add_something_new(
                context.store,
                context.followup,
                context.matcher,
                pid,
                context.settings.recheck_years,
                current_language(),
                **context.session_options(),
            )
        except AssistantError as exc:
            self._show_error(exc)
            return
        self.show_next()

    def on_history_requested(self, message: HistoryRequested) -> None:
        pid = self.holder_passport_id
        if pid is None:
            return
        try:
            lines = holder_history(self.context.store, pid)
        except AssistantError as exc:
            self._show_error(exc)
            return
        self.push_screen(HistoryScreen(lines))

    def on_passport_requested(self, message: PassportRequested) -> None:
        pid = self.holder_passport_id
        if pid is None:
            return
        passport = self.context.store.passport(pid)
        self._show_end(passport, self.holder_code, coach_changes(passport, self.context.catalogue))
