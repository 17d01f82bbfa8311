"""What the web kiosk holds for the one person at its desk: the interview on screen, which browser it belongs
to, what is shown over it (a personal number, the code, the end, erasing) and when they last touched it.

The routing of the Textual kiosk (`assistant.ui.app`), without a screen stack: every step goes through the
same interview session and desk rules, which save it before they return. A browser is bound to the
interview by a random token in a cookie, set at "Beginnen" or with a resume code; another browser or tab
gets the welcome. After a while without a touch the person is asked whether they are still there, and
after the warning the interview is paused and the welcome shown: only its code brings it back.
"""

from __future__ import annotations

import secrets
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

from assistant import holder, holder_code, holder_desk, sharing
from assistant.context import AppContext
from assistant.holder_code import TakeAlong
from assistant.interview import desk
from assistant.interview.access import HOLDER, holder_views
from assistant.interview.followup import take_up_at_desk
from assistant.interview.records import Verdict
from assistant.interview.session import InterviewSession, PersonalDataQuestion
from assistant.passport.changes import coach_changes
from assistant.passport.model import Passport
from assistant.resume_code import Attempts

Screen = Literal[
    "welcome",
    "question",
    "confirm",
    "personal",
    "pause",
    "end",
    "erase",
    "share",
    "return",
    "history",
    "holder",
]
View = Literal["personal", "pause", "end", "erase", "share", "return", "history", "holder"]
Step = Literal["terug", "weetniet", "overslaan"]
Idle = Literal["here", "warn", "gone"]
PersonalChoice = Literal["keep", "remove"]


@dataclass(frozen=True)
class TypedAnswer:
    """An answer waiting for the person's word on the personal number in it; nothing of it is saved yet."""

    question_id: str
    values: list[str]
    text: str | None
    kinds: list[str]


class WebDesk:
    """One desk, one person. Every method runs under `lock` (the routes take it), so a double tap is two
    steps one after the other, never two at once."""

    def __init__(self, context: AppContext, clock: Callable[[], float] = time.monotonic) -> None:
        self.context = context
        self.clock = clock
        self.lock = threading.RLock()
        self.attempts = Attempts()
        self.holder_attempts = holder.HolderAttempts()
        self.on_leave: list[Callable[[], None]] = []
        """Called when a person leaves (their spoken texts are deleted, for one)."""
        self.welcome_language = context.settings.language
        self._clear()
        # Left open by a crash or a killed server: paused, so only its code brings it back.
        desk.open_desk(context.store, context.settings.resume_code_days)

    def _clear(self) -> None:
        self.owner: str | None = None
        self.session: InterviewSession | None = None
        self.view: View | None = None
        self.waiting: TypedAnswer | None = None
        self.code: str | None = None
        """The resume code on the pause or end page."""
        self.code_shown = False
        """The pause page was drawn: it shows its code once, a reload (or the next person) finds the welcome."""
        self.passport: Passport | None = None
        self.holder_code: str | None = None
        """The lasting code made with the passport just finished, for its end page only."""
        self.take_along: TakeAlong | None = None
        """The code and address of the consent just given, shown on the holder's pages until they leave."""
        self.home: View = "end"
        """Where the holder's pages go back to: the end page, or (opened with the lasting code) the holder's."""
        self.changes: list[str] = []
        self.told: str | None = None
        """A short message for the end page once, such as what was just shared."""
        self.language = self.welcome_language
        self.last_seen = self.clock()

    # Who is at the desk -------------------------------------------------------------------------------

    def screen_for(self, token: str | None) -> Screen:
        """The screen this browser sees: the person's own, or the welcome for anyone else."""
        if token is None or token != self.owner:
            return "welcome"
        if self.view is not None:
            return self.view
        if self.session is not None:
            return "confirm" if self.session.pending() else "question"
        return "welcome"

    def someone_here(self) -> bool:
        return self.owner is not None and (self.session is not None or self.view is not None)

    def idle(self) -> Idle:
        """Whether the person is still counted as here, is being asked, or has gone (time is up)."""
        if not self.someone_here():
            return "here"
        quiet = self.clock() - self.last_seen
        settings = self.context.settings
        if quiet >= settings.idle_seconds + settings.idle_warning_seconds:
            return "gone"
        return "warn" if quiet >= settings.idle_seconds else "here"

    def seconds_left(self) -> int:
        """Seconds of the warning that are left before the welcome."""
        settings = self.context.settings
        left = settings.idle_seconds + settings.idle_warning_seconds - (self.clock() - self.last_seen)
        return max(0, round(left))

    def touch(self) -> None:
        self.last_seen = self.clock()

    def leave(self) -> None:
        """Back to the welcome in the desk's language, showing nothing of the last person. The interview is
        kept (every answer is saved) but paused: its code brings it back, nothing else does."""
        if self.session is not None:
            self.session.pause()
        self.welcome_language = self.context.settings.language
        self._clear()
        for forget in self.on_leave:
            forget()

    # Starting and coming back -------------------------------------------------------------------------

    def start(self) -> str:
        """A new interview for a new browser token (returned); any other open interview is paused."""
        context = self.context
        if self.session is not None:
            self.leave()
        language = self.welcome_language
        self.session = desk.start_interview(
            context.store, context.dialogue, context.matcher, language, **context.session_options()
        )
        self.owner = secrets.token_urlsafe(24)
        self.language = language
        self.touch()
        return self.owner

    def resume(self, typed: str) -> str:
        """The interview (or finished passport) a typed code belongs to, for a new browser token (returned).
        Raises `InputError` kindly: a wrong code, a code in the wrong form, too many tries."""
        if holder_code.looks_like_holder_code(typed):
            return self._open_as_holder(typed)
        context = self.context
        store = context.store
        days = context.settings.resume_code_days
        found = desk.find_by_code(store, self.attempts, typed, days, context.region)
        record, code = found.record, found.code
        if self.owner is not None:
            self.leave()
        self.told = desk.own_copy_note(found)
        if record.status == "finished" and record.passport_id:
            # Back with a finished passport: add what is new, see what changed, or look (`return_visit`).
            passport = holder_views(store, record.passport_id)
            self.passport, self.code, self.view = passport, code, "return"
            self.changes = coach_changes(passport, context.catalogue)
        else:
            # The intake, or a return visit's follow-up (started at the Textual kiosk or by a coach).
            session = take_up_at_desk(
                store,
                context.dialogue,
                context.followup,
                context.matcher,
                record,
                context.settings.recheck_years,
                **context.session_options(),
            )
            session.resume_code = code
            self.session = session
        self.language = record.language
        self.owner = secrets.token_urlsafe(24)
        self.touch()
        return self.owner

    def _open_as_holder(self, typed: str) -> str:
        """The finished passport a lasting code opens, on the holder's own page, for a new browser token."""
        store, region = self.context.store, self.context.region
        opened = holder_desk.open_at_desk(store, self.holder_attempts, typed, region)
        passport = store.passport(opened.passport_id)
        if self.owner is not None:
            self.leave()
        self.told = opened.note  # the desk's own copy, while the central store cannot be asked
        self.passport, self.view, self.home = passport, "holder", "holder"
        self.language = self.welcome_language
        self.owner = secrets.token_urlsafe(24)
        self.touch()
        return self.owner

    # Interview steps ----------------------------------------------------------------------------------

    def answer(self, question_id: str, values: list[str], text: str | None) -> None:
        """Saves an answer to the question on screen. A tap on a page that is no longer current (a double tap,
        the browser's back button) changes nothing. Raises `AssistantError` with nothing lost."""
        session = self.session
        if session is None or session.current is None or session.current.id != question_id:
            return
        try:
            session.answer(values=values, text=text, personal="ask")
        except PersonalDataQuestion as question:
            self.waiting = TypedAnswer(question_id, values, text, question.kinds)
            self.view = "personal"
            return
        self._after_step()

    def decide_personal(self, choice: PersonalChoice) -> None:
        waiting, session = self.waiting, self.session
        self.waiting, self.view = None, None
        if waiting is None or session is None or session.current is None:
            return
        if session.current.id != waiting.question_id:
            return
        session.answer(values=waiting.values, text=waiting.text, personal=choice)
        self._after_step()

    def step(self, step: Step, question_id: str | None = None) -> None:
        session = self.session
        if session is None or self.view is not None:
            return
        if question_id is not None and (session.current is None or session.current.id != question_id):
            return
        if step == "terug":
            session.back()
        elif step == "weetniet":
            session.dont_know()
        else:
            session.skip()
        self._after_step()

    def confirm(self, skill_ref: str, verdict: Verdict) -> None:
        session = self.session
        if session is None or self.view is not None:
            return
        pending = session.pending()
        if not pending or pending[0].skill_ref != skill_ref:
            return  # a second tap on a "Klopt dit?" already answered
        session.confirm(skill_ref, verdict)
        self._after_step()

    def _after_step(self) -> None:
        session = self.session
        if session is None or session.pending() or not session.finished:
            return
        code = session.ensure_resume_code()
        self.passport, self.holder_code = holder.finish_interview(self.context.store, session)
        self.session, self.code, self.view, self.changes = None, code, "end", []

    def pause(self) -> None:
        """Later verder: everything is saved; the code is shown once, on the pause page."""
        session = self.session
        if session is None:
            return
        self.code = session.ensure_resume_code()
        session.pause()
        self.session, self.view, self.waiting = None, "pause", None

    # The holder of a finished passport ----------------------------------------------------------------

    def ask_erase(self) -> None:
        if self.view in ("end", "holder"):
            self.view = "erase"

    def keep(self) -> None:
        if self.view in ("erase", "share"):
            self.view = self.home

    def erase(self) -> bool:
        """Erases the passport on screen and every answer behind it; True when it was erased."""
        if self.view != "erase" or self.passport is None:
            return False
        sharing.erase(self.context.store, self.passport.id, HOLDER)
        self.leave()
        return True
