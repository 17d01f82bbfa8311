"""The kiosk app and its factory. The app only routes: screens send messages, the interview session does the
work and saves it, the app shows what comes next."""

from __future__ import annotations

import time

from textual import events
from textual.app import App
from textual.binding import Binding

from assistant.context import AppContext
from assistant.errors import AssistantError
from assistant.i18n import _, current_language, set_language
from assistant.interview_session import InterviewSession, PersonalDataQuestion
from assistant.languages import kiosk_languages
from assistant.speech.speaker import Speaker
from assistant.speech.voices import NORMAL_RATE, SLOW_RATE
from assistant.ui.messages import (
    Answered,
    Confirmed,
    DontKnow,
    GoHome,
    LanguageChosen,
    LanguageRequested,
    ReadAloud,
    Skipped,
    StartRequested,
    WentBack,
)
from assistant.ui.screens import (
    ConfirmScreen,
    EndScreen,
    IdleWarningScreen,
    LanguageScreen,
    PersonalDataScreen,
    QuestionScreen,
    WelcomeScreen,
)


class KioskApp(App[None]):
    CSS_PATH = "kiosk.tcss"
    TITLE = "Skillspaspoort"

    BINDINGS = [Binding("f5", "read_aloud", _("Lees voor")), Binding("f2", "choose_language", _("Taal"))]

    def __init__(self, context: AppContext, speaker: Speaker) -> None:
        super().__init__()
        self.context = context
        self.speaker = speaker
        self.session: InterviewSession | None = None
        self._last_input = time.monotonic()

    def on_mount(self) -> None:
        self.title = _("Skillspaspoort")
        # The Dutch language model takes seconds to load; do it while the person reads the welcome.
        self.run_worker(self.context.matcher.warm, thread=True, name="warm-up", exit_on_error=False)
        self.speaker.warm()
        self.set_interval(1.0, self._check_idle, name="privacy")
        self.push_screen(WelcomeScreen(self._unfinished()))

    def _unfinished(self) -> str | None:
        sessions = self.context.store.sessions(("active",))
        return sessions[0].id if sessions else None

    def _session_options(self) -> dict[str, float]:
        s = self.context.settings
        return {
            "max_proposals": s.max_proposals_per_answer,
            "min_confidence": s.min_confidence,
            "max_chars": s.max_answer_chars,
        }

    # Routing --------------------------------------------------------------------------------------------

    def show_next(self) -> None:
        session = self.session
        if session is None:
            self.switch_screen(WelcomeScreen(self._unfinished()))
            return
        pending = session.pending()
        if pending:
            self.switch_screen(ConfirmScreen(pending[0], len(pending)))
        elif session.finished:
            passport = session.finish()
            self.session = None
            self.switch_screen(EndScreen(passport))
        else:
            question = session.current
            assert question is not None
            self.switch_screen(
                QuestionScreen(question, session.progress(), self.context.pictures, session.previous_answer())
            )

    def _step(self, action: str, *args: object, **kwargs: object) -> None:
        """Runs one interview step; a bad answer shows a kind message and keeps what was typed."""
        if self.session is None:
            return
        try:
            getattr(self.session, action)(*args, **kwargs)
        except PersonalDataQuestion as question:

            def decided(choice: str | None) -> None:
                self._step(action, *args, **{**kwargs, "personal": choice or "remove"})

            self.push_screen(PersonalDataScreen(question.kinds), decided)
            return
        except AssistantError as exc:
            screen = self.screen
            if isinstance(screen, QuestionScreen):
                screen.show_error(exc.user_message())
            else:
                self.notify(exc.user_message(), severity="error")
            return
        self.show_next()

    # Message handlers -------------------------------------------------------------------------------------

    def on_start_requested(self, message: StartRequested) -> None:
        store, dialogue, matcher = self.context.store, self.context.dialogue, self.context.matcher
        try:
            if message.session_id:
                self.session = InterviewSession.resume(
                    store, dialogue, matcher, message.session_id, **self._session_options()
                )
            else:
                for old in store.sessions(("active",)):
                    store.set_session_status(old.id, "paused")
                self.session = InterviewSession.start(
                    store, dialogue, matcher, self.context.settings.language, **self._session_options()
                )
        except AssistantError as exc:
            self.notify(exc.user_message(), severity="error")
            return
        self.show_next()

    def on_answered(self, message: Answered) -> None:
        self._step("answer", values=message.values, text=message.text)

    def on_skipped(self, message: Skipped) -> None:
        self._step("skip")

    def on_dont_know(self, message: DontKnow) -> None:
        self._step("dont_know")

    def on_went_back(self, message: WentBack) -> None:
        self._step("back")

    def on_confirmed(self, message: Confirmed) -> None:
        self._step("confirm", message.skill_ref, message.verdict)

    def on_go_home(self, message: GoHome) -> None:
        self.session = None
        self.switch_screen(WelcomeScreen(self._unfinished()))

    # Privacy at a shared kiosk -----------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)):
            self._last_input = time.monotonic()
        await super().on_event(event)

    def _check_idle(self) -> None:
        """Nothing to protect on the welcome; during an interview, warn, then hide everything."""
        if self.session is None and not isinstance(self.screen, EndScreen):
            return
        idle = time.monotonic() - self._last_input
        settings = self.context.settings
        screen = self.screen
        if isinstance(screen, IdleWarningScreen):
            screen.tick()
            if idle >= settings.idle_seconds + settings.idle_warning_seconds:
                self._leave_for_privacy()
        elif idle >= settings.idle_seconds:
            self.push_screen(IdleWarningScreen(int(settings.idle_warning_seconds)), self._still_here)

    def _still_here(self, _result: None) -> None:
        self._last_input = time.monotonic()

    def _leave_for_privacy(self) -> None:
        # The interview is kept (every answer is saved) but not offered on the welcome screen again:
        # the next person at this kiosk must not see or continue it.
        if self.session is not None:
            self.session.pause()
            self.session = None
        while len(self.screen_stack) > 2:
            self.pop_screen()
        set_language(self.context.settings.language, self.context.settings.locales_dir)
        self.switch_screen(WelcomeScreen(self._unfinished()))
        self._last_input = time.monotonic()

    # Reading aloud --------------------------------------------------------------------------------------

    def speak_screen(self, text: str) -> None:
        """Called by each screen when it appears: reads it aloud when auto-reading is on."""
        self.speaker.say(text, current_language())

    # Language ------------------------------------------------------------------------------------------

    def action_choose_language(self) -> None:
        if not isinstance(self.screen, LanguageScreen):
            self.push_screen(LanguageScreen(kiosk_languages(self.context.settings.locales_dir)))

    def on_language_requested(self, message: LanguageRequested) -> None:
        self.action_choose_language()

    def on_language_chosen(self, message: LanguageChosen) -> None:
        set_language(message.language, self.context.settings.locales_dir)
        if self.session is not None:
            self.session.set_language(message.language)
        self.pop_screen()
        screen = self.screen
        if isinstance(screen, WelcomeScreen):
            self.switch_screen(WelcomeScreen(screen.unfinished_session))
        elif isinstance(screen, EndScreen):
            self.switch_screen(EndScreen(screen.passport))
        else:
            self.show_next()

    def action_read_aloud(self) -> None:
        self.speaker.replay()

    def on_read_aloud(self, message: ReadAloud) -> None:
        self.speaker.replay()

    def on_unmount(self) -> None:
        self.speaker.close()


def make_app(context: AppContext, speaker: Speaker | None = None) -> KioskApp:
    """The one way to build the kiosk, used by `assistent kiosk` and by the tests."""
    settings = context.settings
    speaker = speaker or Speaker(
        player=settings.audio_player,
        enabled=settings.auto_read,
        rate=SLOW_RATE if settings.slow_speech else NORMAL_RATE,
    )
    return KioskApp(context, speaker)
