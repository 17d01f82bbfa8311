"""The coach app's login screen: the only screen there is until a coach has logged in."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, Input, Label, Static

from assistant.coach_accounts import WAIT, AccountError, CoachIdentity, LoginThrottle, login
from assistant.errors import AssistantError
from assistant.i18n import _
from assistant.storage import Store


class LoginScreen(Screen[CoachIdentity]):
    """Name and password. Dismissed with the identity once they are right; it has no way back or
    elsewhere (no bindings, and the app has no command palette), so nothing else is reachable."""

    def __init__(self, store: Store, throttle: LoginThrottle) -> None:
        super().__init__()
        self.store = store
        self.throttle = throttle

    def compose(self) -> ComposeResult:
        with Vertical(id="login"):
            yield Static(_("Inloggen voor coaches"), classes="title")
            yield Label(_("Naam"))
            yield Input(id="name")
            yield Label(_("Wachtwoord"))
            yield Input(id="password", password=True)
            yield Button(_("Inloggen"), id="login-button", variant="primary")
            yield Static("", id="message", classes="error")

    def on_mount(self) -> None:
        self.query_one("#name", Input).focus()

    def _show(self, lines: list[str]) -> None:
        message = self.query_one("#message", Static)
        message.update(Content("\n".join(lines)))
        message.set_class(bool(lines), "visible")

    def attempt(self) -> None:
        name = self.query_one("#name", Input).value
        password = self.query_one("#password", Input)
        try:
            identity = login(self.store, name, password.value, self.throttle)
        except (AccountError, AssistantError) as exc:
            # A wrong password is typed again from scratch; the name stays.
            password.value = ""
            lines = [exc.user_message()]
            left = self.throttle.seconds_left_for(self.store, name)
            if left and not isinstance(exc, AccountError):
                lines.append(_(WAIT).format(seconds=left))
            self._show(lines)
            password.focus()
            return
        password.value = ""
        self._show([])
        self.dismiss(identity)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "name":
            self.query_one("#password", Input).focus()
        else:
            self.attempt()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "login-button":
            self.attempt()
