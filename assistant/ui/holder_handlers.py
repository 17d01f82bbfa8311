"""What the kiosk app does for the holder of a finished passport: open it with the lasting code, share,
stop sharing, say whether a coach may look, hide single skills, erase everything. Each step goes through
`assistant.holder` or `assistant.sharing`, which check and log it; a step that fails shows a kind message
and changes nothing.

A base class of `KioskApp` (Textual finds message handlers along the class chain), kept apart so the app's
routing stays small.
"""

from __future__ import annotations

from datetime import date, timedelta

from textual.app import App

from assistant import holder, holder_desk, sharing
from assistant.context import AppContext
from assistant.errors import AssistantError
from assistant.i18n import _
from assistant.interview.access import HOLDER
from assistant.take_along import take_along
from assistant.ui import messages
from assistant.ui.holder_access_screens import (
    CoachChoiceMade,
    HolderScreen,
    HolderScreenBack,
    SharingStopped,
    SkillVisibilityChanged,
    TakeAlongScreen,
)
from assistant.ui.holder_screens import EraseScreen, ShareScreen
from assistant.ui.spoken_screen import SpokenScreen


class HolderHandlers(App[None]):
    """The holder's steps; `KioskApp` sets `context`, `holder_passport_id` and the throttle."""

    context: AppContext
    holder_passport_id: str | None
    holder_attempts: holder.HolderAttempts

    # Filled in by KioskApp -----------------------------------------------------------------------------

    def _reset_for_next_person(self) -> None:
        raise NotImplementedError

    def speak_screen(self, text: str) -> None:
        raise NotImplementedError

    def _show_error(self, exc: AssistantError) -> None:
        """On the screen's own error line when it has one (kept beside what was typed), else as a notice."""
        screen = self.screen
        if isinstance(screen, SpokenScreen) and screen.can_show_errors():
            screen.show_error(exc.person_message())
        else:
            self.notify(exc.person_message(), severity="error")

    def _tell(self, text: str) -> None:
        """A short message that is shown and read aloud, such as "Alles is gewist."."""
        self.notify(text, timeout=8)
        self.speak_screen(text)

    # The lasting code -----------------------------------------------------------------------------------

    def open_as_holder(self, typed: str) -> None:
        """A 12-digit code at "Ik heb een code": the holder's own screen, or a kind message (wrong codes
        count, and the desk waits after too many, as for resume codes)."""
        store = self.context.store
        try:
            opened = holder_desk.open_at_desk(store, self.holder_attempts, typed, self.context.region)
            pid = opened.passport_id
            passport = store.passport(pid)
        except AssistantError as exc:
            self._show_error(exc)
            return
        if opened.note:  # the central store could not be asked: say that this is the desk's own copy
            self.notify(opened.note, timeout=30)
        self.holder_passport_id = pid
        self.switch_screen(HolderScreen(passport, store.holder_choices(pid), self._sharing(pid)))

    def _sharing(self, pid: str) -> int:
        return sum(1 for c in self.context.store.consents(pid) if c.is_valid())

    def _show_holder_choices(self) -> None:
        screen, pid = self.screen, self.holder_passport_id
        if isinstance(screen, HolderScreen) and pid is not None:
            # The passport too: a direction chosen on the screens over this one shows at once.
            store = self.context.store
            screen.show(store.holder_choices(pid), self._sharing(pid), store.passport(pid))

    def on_holder_screen_back(self, message: HolderScreenBack) -> None:
        # Back from sharing (where a consent may have been stopped): show what is shared now.
        self._show_holder_choices()

    def on_coach_choice_made(self, message: CoachChoiceMade) -> None:
        pid = self.holder_passport_id
        if pid is None:
            return
        try:
            holder.choose_coach(self.context.store, pid, message.allowed, message.union)
        except AssistantError as exc:
            self._show_error(exc)
            return
        self._show_holder_choices()
        self._tell(_("Bewaard.") if message.allowed else _("Bewaard. Geen coach kijkt mee."))

    def on_skill_visibility_changed(self, message: SkillVisibilityChanged) -> None:
        pid = self.holder_passport_id
        if pid is None:
            return
        try:
            holder.set_skill_hidden(self.context.store, pid, message.skill_ref, message.hidden)
        except AssistantError as exc:
            self._show_error(exc)
            return
        self._show_holder_choices()

    def on_sharing_stopped(self, message: SharingStopped) -> None:
        pid = self.holder_passport_id
        if pid is None:
            return
        try:
            holder.stop_sharing(self.context.store, pid)
        except AssistantError as exc:
            self._show_error(exc)
            return
        self._show_holder_choices()
        self._tell(_("Gestopt. Dit wordt niet meer gedeeld."))

    # Sharing and erasing --------------------------------------------------------------------------------

    def on_share_requested(self, message: messages.ShareRequested) -> None:
        pid = self.holder_passport_id
        if pid is not None:
            self.push_screen(ShareScreen(self.context.store.consents(pid)))

    def on_consent_chosen(self, message: messages.ConsentChosen) -> None:
        pid = self.holder_passport_id
        if pid is None:
            return
        until = date.today() + timedelta(days=message.days)
        try:
            consent = sharing.give_consent(
                self.context.store, pid, message.parts, message.receiver_kind, message.receiver,
                message.purpose, until, HOLDER,
            )  # fmt: skip
        except AssistantError as exc:
            self._show_error(exc)
            return
        self.pop_screen()
        self._show_holder_choices()
        done = _("Bewaard. {receiver} mag dit zien tot {until}.").format(
            receiver=consent.receiver, until=consent.until.strftime("%d-%m-%Y")
        )
        self._tell(done)
        along = take_along(self.context.store, consent, self.context.settings.share_base_url)
        self.push_screen(TakeAlongScreen(along, consent.receiver))

    def on_consent_withdrawn(self, message: messages.ConsentWithdrawn) -> None:
        pid = self.holder_passport_id
        try:
            sharing.withdraw_consent(self.context.store, message.consent_id, HOLDER)
        except AssistantError as exc:
            self.notify(exc.person_message(), severity="error")
            return
        if pid is not None and isinstance(self.screen, ShareScreen):
            self.switch_screen(ShareScreen(self.context.store.consents(pid)))
        done = _("Gestopt. Dit wordt niet meer gedeeld.")
        self._tell(done)

    def on_erase_requested(self, message: messages.EraseRequested) -> None:
        if self.holder_passport_id is not None:
            self.push_screen(EraseScreen())

    def on_erase_confirmed(self, message: messages.EraseConfirmed) -> None:
        pid = self.holder_passport_id
        if pid is None:
            return
        try:
            sharing.erase(self.context.store, pid, HOLDER)
        except AssistantError as exc:
            self.notify(exc.person_message(), severity="error")
            return
        self._reset_for_next_person()
        done = _("Alles is gewist.")
        self._tell(done)
