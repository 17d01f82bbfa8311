"""The kiosk side of the `text` kind: a text field and Verder (or Enter)."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widget import Widget
from textual.widgets import Button, Input

from assistant.i18n import _
from assistant.ui.answer_widgets.base import AnswerWidgets
from assistant.ui.messages import Answered
from assistant.ui.spoken_screen import button_label


class TypedAnswer(AnswerWidgets):
    def compose_body(self) -> ComposeResult:
        placeholder = self.question.placeholder
        earlier = self.previous.text if self.previous else None
        yield Input(
            value=earlier or "",
            placeholder=_(placeholder) if placeholder else _("Typ hier uw antwoord"),
            id="answer",
        )
        yield Button(button_label("✔", _("Verder")), id="submit", variant="primary", classes="big")

    def focus(self) -> None:
        self.screen.query_one("#answer", Input).focus()

    def typing_field(self) -> Widget:
        return self.screen.query_one("#answer", Input)

    def submit(self) -> None:
        self.screen.post_message(Answered(text=self.screen.query_one("#answer", Input).value))

    def pick(self, digit: int) -> None:
        pass  # digits are part of what is typed: there is nothing to choose
