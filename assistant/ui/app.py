"""The kiosk app and its factory. The app only routes: screens send messages, the interview session does the
work and saves it, the app shows what comes next."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Literal

from textual import events
from textual.binding import Binding

from assistant import holder, holder_code
from assistant.context import AppContext
from assistant.display_preferences import DisplayPreferences
from assistant.errors import AssistantError
from assistant.i18n import _, current_language, set_language
from assistant.interview import desk
from assistant.interview.session import InterviewSession, PersonalDataQuestion
from assistant.languages import kiosk_languages
from assistant.passport.changes import coach_changes
from assistant.passport.model import Passport
from assistant.resume_code import Attempts
from assistant.speech.speaker import Speaker
from assistant.speech.voices import NORMAL_RATE, SLOW_RATE
from assistant.ui import messages
from assistant.ui.direction_handlers import DIRECTION_SCREENS, DirectionHandlers
from assistant.ui.holder_access_screens import HolderScreen, TakeAlongScreen
from assistant.ui.holder_handlers import HolderHandlers
from assistant.ui.holder_screens import EraseScreen, ShareScreen
from assistant.ui.language_screen import LanguageScreen
from assistant.ui.resume_screens import CodeScreen, PauseScreen
from assistant.ui.return_visit import ReturnVisits
from assistant.ui.screens import (
    ConfirmScreen,
    EndScreen,
    IdleWarningScreen,
    PersonalDataScreen,
    QuestionScreen,
    WelcomeScreen,
)
from assistant.ui.settings_screen import SettingsScreen
from assistant.ui.terminal_watch import stop_when_terminal_goes
from assistant.ui.themes import HIGH_CONTRAST, HIGH_CONTRAST_THEME, NORMAL

#: One step of the interview, such as `InterviewSession.skip`.
Step = Callable[[InterviewSession], object]
#: What to do with a personal number in typed text: ask the person, or what they said.
PersonalChoice = Literal["ask", "keep", "remove"]


# HolderHandlers first: it has the real `_show_error`, which ReturnVisits only declares.
class KioskApp(HolderHandlers, ReturnVisits, DirectionHandlers):
    CSS_PATH = "kiosk.tcss"
    TITLE = "Skillspaspoort"

    BINDINGS = [Binding("f5", "read_aloud", _("Lees voor")), Binding("f2", "choose_language", _("Taal"))]

    def __init__(self, context: AppContext, speaker: Speaker) -> None:
        super().__init__()
        self.context = context
        self.speaker = speaker
        self.session: InterviewSession | None = None
        self.holder_passport_id: str | None = None
        """The finished passport on screen, which the holder may share or erase; set with the end screen."""
        self.holder_code: str | None = None
        """The lasting code made with the passport just finished, shown on its end screen only."""
        self.clock: Callable[[], float] = time.monotonic
        """The idle timer's clock, in seconds; a test moves one by hand instead of waiting."""
        self._last_input = self.clock()
        self.preferences = DisplayPreferences.from_settings(context.settings)
        self.code_attempts = Attempts()
        self.holder_attempts = holder.HolderAttempts()

    def on_mount(self) -> None:
        self.title = _("Skillspaspoort")
        self.register_theme(HIGH_CONTRAST_THEME)
        self.apply_preferences(self.preferences)
        self.speaker.warm()
        self.set_interval(1.0, self._check_idle, name="privacy")
        stop_when_terminal_goes(self)
        try:
            # Left open by a crash or a closed browser tab: paused, so only its code brings it back.
            desk.open_desk(self.context.store, self.context.settings.resume_code_days)
        except AssistantError as exc:
            self.notify(exc.person_message(), severity="error")
        self.push_screen(WelcomeScreen())
        # The Dutch language model takes seconds to load; do it while the person reads the welcome. It
        # starts once the welcome is on screen: loading holds Python's lock and would halve the speed of
        # drawing the first screen.
        self.call_after_refresh(self._warm_matcher)

    def _warm_matcher(self) -> None:
        self.run_worker(
            self.context.matcher.warm_and_settle, thread=True, name="warm-up", exit_on_error=False
        )

    # Routing --------------------------------------------------------------------------------------------

    def show_next(self) -> None:
        session = self.session
        if session is None:
            self._show_welcome()
            return
        pending = session.pending()
        if pending:
            self.switch_screen(ConfirmScreen(pending[0], len(pending)))
        elif session.finished:
            code = session.ensure_resume_code()
            passport, self.holder_code = holder.finish_interview(self.context.store, session)
            self.session = None
            self._show_end(passport, code)
        else:
            question = session.current
            assert question is not None
            known = [
                ", ".join(_(c.text) for c in q.options if c.id in a.values)
                for q, a in session.just_filled_in()
            ]
            self.switch_screen(
                QuestionScreen(
                    question, session.progress(), self.context.pictures, session.previous_answer(), known
                )
            )

    def _show_welcome(self) -> None:
        self.holder_passport_id = self.holder_code = None
        self.switch_screen(WelcomeScreen())

    def _show_end(self, passport: Passport, code: str | None, changes: list[str] | None = None) -> None:
        self.holder_passport_id = passport.id
        looks = self.context.store.holder_choices(passport.id).coach_may_look
        self.switch_screen(EndScreen(passport, code, changes, self.holder_code, looks))

    def _step(self, step: Step) -> None:
        """Runs one interview step; a bad answer shows a kind message and keeps what was typed."""
        if self.session is None:
            return
        try:
            step(self.session)
        except AssistantError as exc:
            self._show_error(exc)
            return
        self.show_next()

    def _answer(self, values: list[str], text: str | None, personal: PersonalChoice) -> None:
        """Gives the answer; when typed text holds a personal number, the person first says what to do."""
        try:
            self._step(lambda session: session.answer(values=values, text=text, personal=personal))
        except PersonalDataQuestion as question:

            def decided(choice: str | None) -> None:
                self._answer(values, text, "keep" if choice == "keep" else "remove")

            self.push_screen(PersonalDataScreen(question.kinds), decided)

    # Message handlers -------------------------------------------------------------------------------------

    def on_start_requested(self, message: messages.StartRequested) -> None:
        store, dialogue, matcher = self.context.store, self.context.dialogue, self.context.matcher
        options = self.context.session_options()
        try:
            language = self.context.settings.language
            self.session = desk.start_interview(store, dialogue, matcher, language, **options)
        except AssistantError as exc:
            self.notify(exc.person_message(), severity="error")
            return
        self.show_next()

    def on_answered(self, message: messages.Answered) -> None:
        self._answer(message.values, message.text, "ask")

    def on_skipped(self, message: messages.Skipped) -> None:
        self._step(InterviewSession.skip)

    def on_dont_know(self, message: messages.DontKnow) -> None:
        self._step(InterviewSession.dont_know)

    def on_went_back(self, message: messages.WentBack) -> None:
        self._step(InterviewSession.back)

    def on_confirmed(self, message: messages.Confirmed) -> None:
        self._step(lambda session: session.confirm(message.skill_ref, message.verdict))

    def on_go_home(self, message: messages.GoHome) -> None:
        self._reset_for_next_person()

    # Resume codes ---------------------------------------------------------------------------------------

    def on_pause_requested(self, message: messages.PauseRequested) -> None:
        if self.session is None:
            return
        code = self.session.ensure_resume_code()
        self.session.pause()
        self.session = None
        self.switch_screen(PauseScreen(code))

    def on_code_requested(self, message: messages.CodeRequested) -> None:
        self.switch_screen(CodeScreen())

    def on_code_entered(self, message: messages.CodeEntered) -> None:
        if holder_code.looks_like_holder_code(message.code):
            self.open_as_holder(message.code)
            return
        store = self.context.store
        try:
            days = self.context.settings.resume_code_days
            found = desk.find_by_code(store, self.code_attempts, message.code, days, self.context.region)
            record, code, note = found.record, found.code, desk.own_copy_note(found)
            if note:  # the central store could not be asked: say that this is the desk's own copy
                self.notify(note, timeout=30)
            if record.status == "finished" and record.passport_id:
                self.show_return(record.passport_id, code)  # add what is new, see what changed, or look
                return
            self.session = self.take_up(record)  # the intake, or a return visit's follow-up
            self.session.resume_code = code
            set_language(record.language, self.context.settings.locales_dir)
        except AssistantError as exc:
            self._show_error(exc)
            return
        self.show_next()

    # Settings -------------------------------------------------------------------------------------------

    def on_settings_requested(self, message: messages.SettingsRequested) -> None:
        if not isinstance(self.screen, SettingsScreen):
            self.push_screen(SettingsScreen(self.preferences))

    def on_preference_toggled(self, message: messages.PreferenceToggled) -> None:
        self.apply_preferences(self.preferences.toggled(message.name))
        screen = self.screen
        if isinstance(screen, SettingsScreen):
            screen.show(self.preferences)
        if message.name in ("auto_read", "slow_speech") and self.preferences.auto_read:
            self.speaker.replay()

    def apply_preferences(self, preferences: DisplayPreferences) -> None:
        self.preferences = preferences
        self.speaker.enabled = preferences.auto_read
        self.speaker.rate = SLOW_RATE if preferences.slow_speech else NORMAL_RATE
        self.theme = HIGH_CONTRAST if preferences.high_contrast else NORMAL
        self.set_class(preferences.large_text, "-large-text")
        self.set_class(preferences.high_contrast, "-high-contrast")
        # Screens under the settings screen must take the new look too, not only the one on top.
        self.refresh_css(animate=False)

    def _reset_for_next_person(self) -> None:
        """Back to the welcome in the desk's language and settings, showing nothing of the last person."""
        if self.session is not None:
            self.session.pause()
            self.session = None
        while len(self.screen_stack) > 2:
            self.pop_screen()
        set_language(self.context.settings.language, self.context.settings.locales_dir)
        self.apply_preferences(DisplayPreferences.from_settings(self.context.settings))
        self._show_welcome()
        self._last_input = self.clock()

    # Privacy at a shared kiosk -----------------------------------------------------------------------

    async def on_event(self, event: events.Event) -> None:
        if isinstance(event, (events.Key, events.MouseDown, events.MouseScrollDown, events.MouseScrollUp)):
            self._last_input = self.clock()
        await super().on_event(event)

    def _check_idle(self) -> None:
        """Nothing to protect on the welcome; during an interview, warn, then hide everything."""
        screens_with_a_person = (
            EndScreen, PauseScreen, CodeScreen, SettingsScreen, IdleWarningScreen, ShareScreen, EraseScreen,
            HolderScreen, TakeAlongScreen, *DIRECTION_SCREENS,
        )  # fmt: skip
        if self.session is None and not isinstance(self.screen, screens_with_a_person):
            return
        idle = self.clock() - self._last_input
        settings = self.context.settings
        screen = self.screen
        if isinstance(screen, IdleWarningScreen):
            screen.tick()
            if idle >= settings.idle_seconds + settings.idle_warning_seconds:
                self._leave_for_privacy()
        elif idle >= settings.idle_seconds:
            self.push_screen(IdleWarningScreen(int(settings.idle_warning_seconds)), self._still_here)

    def _still_here(self, _result: None) -> None:
        self._last_input = self.clock()

    def _leave_for_privacy(self) -> None:
        # The interview is kept (every answer is saved) but not offered on the welcome screen again:
        # the next person at this kiosk must not see or continue it; its own code still brings it back.
        self._reset_for_next_person()

    # Reading aloud --------------------------------------------------------------------------------------

    def speak_screen(self, text: str) -> None:
        """Called by each screen when it appears: reads it aloud when auto-reading is on."""
        self.speaker.say(text, current_language())

    # Language ------------------------------------------------------------------------------------------

    def action_choose_language(self) -> None:
        if not isinstance(self.screen, LanguageScreen):
            self.push_screen(LanguageScreen(kiosk_languages(self.context.settings.locales_dir)))

    def on_language_requested(self, message: messages.LanguageRequested) -> None:
        self.action_choose_language()

    def on_language_chosen(self, message: messages.LanguageChosen) -> None:
        set_language(message.language, self.context.settings.locales_dir)
        if self.session is not None:
            self.session.set_language(message.language)
        self.pop_screen()
        screen = self.screen
        if isinstance(screen, WelcomeScreen):
            self.switch_screen(WelcomeScreen())
        elif isinstance(screen, EndScreen):
            changes = coach_changes(screen.passport, self.context.catalogue) if screen.changes else None
            self._show_end(screen.passport, screen.code, changes)
        elif isinstance(screen, PauseScreen):
            self.switch_screen(PauseScreen(screen.code))
        elif isinstance(screen, CodeScreen):
            self.switch_screen(CodeScreen())
        elif isinstance(
            screen, (ShareScreen, EraseScreen, HolderScreen, TakeAlongScreen, *DIRECTION_SCREENS)
        ):
            screen.refresh(recompose=True)
        else:
            self.show_next()

    def action_read_aloud(self) -> None:
        self.speaker.replay()

    def on_read_aloud(self, message: messages.ReadAloud) -> None:
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
