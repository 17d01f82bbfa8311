"""The settings screen: reading aloud on or off, slower speech, large text, strong contrast.

Each button says what it does and whether it is on now, in words and with a mark, not by colour alone. The
buttons keep their size and place whatever is switched (see kiosk.tcss): a tap on "Grote letters" must not
move the buttons under the finger, or the next tap lands on another one.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from assistant.display_preferences import DisplayPreferences, Preference
from assistant.i18n import N_, _
from assistant.speech.sentences import speech
from assistant.ui.messages import PreferenceToggled
from assistant.ui.spoken_screen import SpokenScreen, button_label

#: (preference, picture, label) in the order shown.
OPTIONS: list[tuple[Preference, str, str]] = [
    ("auto_read", "🔊", N_("Alles voorlezen")),
    ("slow_speech", "🐢", N_("Langzaam voorlezen")),
    ("large_text", "🔠", N_("Grote letters")),
    ("high_contrast", "◐", N_("Sterk contrast")),
]


def _state(on: bool) -> str:
    return _("aan") if on else _("uit")


class SettingsScreen(SpokenScreen[None]):
    BINDINGS = [Binding("escape", "close", _("Terug"))]

    def __init__(self, preferences: DisplayPreferences) -> None:
        super().__init__()
        self.preferences = preferences

    def _text(self, name: Preference, label: str) -> str:
        return _("{setting}: {state}").format(setting=_(label), state=_state(getattr(self.preferences, name)))

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static(_("Instellingen"), classes="title")
            yield Static(
                _("Tik op een knop om iets aan of uit te zetten."), id="settings-lead", classes="lead"
            )
            with Vertical(id="settings-list"):
                for name, picture, label in OPTIONS:
                    yield Button(self._button_label(name, picture, label), id=f"pref-{name}", classes="big")
            yield Button(button_label("✔", _("Klaar")), id="close", variant="primary", classes="big")

    def _button_label(self, name: Preference, picture: str, label: str) -> Content:
        mark = "✔" if getattr(self.preferences, name) else "✘"
        return button_label(f"{mark} {picture}", self._text(name, label))

    def on_mount(self) -> None:
        self.query_one("#close", Button).focus()
        self._mark()

    def _mark(self) -> None:
        for name, picture, label in OPTIONS:
            button = self.query_one(f"#pref-{name}", Button)
            button.label = self._button_label(name, picture, label)
            button.set_class(getattr(self.preferences, name), "selected")

    def show(self, preferences: DisplayPreferences) -> None:
        """Called by the app after a change was applied, so the buttons say the new state."""
        self.preferences = preferences
        self._mark()

    def spoken_text(self) -> str:
        return speech(_("Instellingen"), *[self._text(name, label) for name, _p, label in OPTIONS])

    def on_button_pressed(self, event: Button.Pressed) -> None:
        bid = event.button.id or ""
        chosen = next((name for name, _p, _l in OPTIONS if f"pref-{name}" == bid), None)
        if chosen is not None:
            self.post_message(PreferenceToggled(chosen))
        elif bid == "close":
            self.action_close()

    def action_close(self) -> None:
        self.dismiss(None)
