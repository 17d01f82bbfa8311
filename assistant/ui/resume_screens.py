"""The two screens around resume codes: one shows the code when the person stops, one takes a code typed in.

The code is typed on big on-screen number buttons, because a touch screen at the desk may have no keyboard;
a real keyboard works too.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.widget import Widget
from textual.widgets import Button, Digits, Input, Static

from assistant import resume_code
from assistant.i18n import _
from assistant.speech.sentences import speech
from assistant.ui.messages import CodeEntered, GoHome
from assistant.ui.spoken_screen import SpokenScreen, button_label, home_button

MAX_TYPED = 16  # 8 digits (resume code) or 12 (lasting code), with room for spaces or dashes between groups


class PauseScreen(SpokenScreen[None]):
    """The person stopped: everything is saved, and this code brings them back to the same question."""

    def __init__(self, code: str) -> None:
        super().__init__()
        self.code = code

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static(_("U kunt later verder."), classes="title")
            with Horizontal(classes="tools"):
                yield self.read_aloud_button()
            yield Static(_("Uw antwoorden zijn bewaard."), classes="lead")
            yield Static(_("Schrijf deze code op:"), classes="question")
            yield Digits(resume_code.shown(self.code), id="resume-code", classes="code")
            yield Static(_("Met deze code gaat u verder waar u was."), classes="lead")
            yield home_button()

    def on_mount(self) -> None:
        self.query_one("#done", Button).focus()

    def spoken_text(self) -> str:
        return speech(
            _("U kunt later verder."),
            _("Uw antwoorden zijn bewaard."),
            _("Schrijf deze code op:"),
            resume_code.spoken(self.code),
            _("Met deze code gaat u verder waar u was."),
        )

    def on_button_pressed(self, event: Button.Pressed) -> None:
        if event.button.id == "done":
            self.post_message(GoHome())


class CodeScreen(SpokenScreen[None]):
    """Type a resume code: number buttons, Wissen, Verder, and Terug to the welcome."""

    BINDINGS = [Binding("escape", "back", _("Terug"))]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static(_("Vul uw code in"), classes="title")
            with Horizontal(classes="tools"):
                yield self.read_aloud_button()
            yield Static(_("De code heeft 8 of 12 cijfers."), classes="lead")
            yield Input(
                max_length=MAX_TYPED,
                restrict=r"[0-9 \-.]*",
                # The focus comes back after each tap on the keypad: what was typed must stay, not be selected.
                select_on_focus=False,
                id="code-input",
            )
            with Grid(id="keypad"):
                for digit in "123456789":
                    yield Button(digit, id=f"digit-{digit}", classes="key")
                yield Button(button_label("⌫", _("Wissen")), id="erase", classes="key")
                yield Button("0", id="digit-0", classes="key")
                yield Button(button_label("✔", _("Verder")), id="submit", variant="primary", classes="key")
            yield Static("", id="error", classes="error")
        with Vertical(id="nav"):
            yield Button(button_label("◀", _("Terug")), id="back", classes="nav")

    def on_mount(self) -> None:
        self.query_one("#code-input", Input).focus()
        for key in self.query(".key").results(Button):
            # A code often has the same digit twice; a quick second tap must count.
            key.active_effect_duration = 0

    def typing_field(self) -> Widget:
        return self.query_one("#code-input", Input)

    def spoken_text(self) -> str:
        return speech(_("Vul uw code in"), _("De code heeft 8 of 12 cijfers."))

    def on_button_pressed(self, event: Button.Pressed) -> None:
        field = self.query_one("#code-input", Input)
        bid = event.button.id or ""
        if bid.startswith("digit-") and len(field.value) < MAX_TYPED:
            field.value += bid.removeprefix("digit-")
        elif bid == "erase":
            field.value = field.value[:-1]
        elif bid == "submit":
            self.post_message(CodeEntered(field.value))
        elif bid == "back":
            self.action_back()
        field.cursor_position = len(field.value)  # a key typed next goes after the digits tapped

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.post_message(CodeEntered(event.value))

    def action_back(self) -> None:
        self.post_message(GoHome())
