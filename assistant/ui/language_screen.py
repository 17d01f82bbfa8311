"""The language choice: every kiosk language named in its own language. It lies over the screen it was opened
from, so nothing typed or chosen there is lost."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Static

from assistant.i18n import _
from assistant.ui.messages import LanguageChosen
from assistant.ui.spoken_screen import SpokenScreen


class LanguageScreen(SpokenScreen[None]):
    """Choose a language; each is named in its own language. Nothing typed or chosen is lost."""

    BINDINGS = [Binding("escape", "close", _("Terug"))]

    def __init__(self, languages: list[tuple[str, str]]) -> None:
        super().__init__()
        self.languages = languages

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="body"):
            yield Static(_("Kies uw taal"), classes="question")
            with Vertical(id="choices"):
                for code, name in self.languages:
                    yield Button(Content(name), id=f"lang-{code}", classes="big choice")

    def on_mount(self) -> None:
        self.query(".choice").first(Button).focus()

    def spoken_text(self) -> str:
        return _("Kies uw taal")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        code = (event.button.id or "").removeprefix("lang-")
        if code:
            self.post_message(LanguageChosen(code))

    def action_close(self) -> None:
        self.app.pop_screen()
