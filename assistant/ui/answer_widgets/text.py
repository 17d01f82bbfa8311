"""The kiosk side of the `text` kind: a box of several lines to type in, and Verder (or Enter).

Verder sits in the bar at the bottom that is always in view, as on a `multi` question: under the box it was
in the part that scrolls, and with large text on a small screen a person who reads little did not find it."""

from __future__ import annotations

from textual import events
from textual.app import ComposeResult
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Button, TextArea

from assistant.i18n import _
from assistant.ui.answer_widgets.base import AnswerWidgets
from assistant.ui.messages import Answered
from assistant.ui.spoken_screen import button_label


class AnswerBox(TextArea):
    """A typed answer over several lines: a long answer wraps so the person sees all of it, where a one-line
    field scrolled it sideways out of view. Enter sends it, as Verder does and as the field did: people
    press Enter when they are done, and an answer needs no line breaks."""

    class Submitted(Message):
        """Enter was pressed in the box."""

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "enter":
            event.stop()
            event.prevent_default()
            self.post_message(self.Submitted())
            return
        await super()._on_key(event)


class TypedAnswer(AnswerWidgets):
    def compose_body(self) -> ComposeResult:
        placeholder = self.question.placeholder
        earlier = self.previous.text if self.previous else None
        box = AnswerBox(
            earlier or "",
            soft_wrap=True,
            show_line_numbers=False,
            highlight_cursor_line=False,
            placeholder=_(placeholder) if placeholder else _("Typ hier uw antwoord"),
            id="answer",
        )
        box.move_cursor(box.document.end)  # typing goes on after an earlier answer, not before it
        yield box

    def compose_nav(self) -> ComposeResult:
        yield Button(button_label("✔", _("Verder")), id="submit", variant="primary", classes="nav")

    def focus(self) -> None:
        self.typing_field().focus()

    def typing_field(self) -> Widget:
        return self.screen.query_one("#answer", AnswerBox)

    def submit(self) -> None:
        self.screen.post_message(Answered(text=self.screen.query_one("#answer", AnswerBox).text))

    def pick(self, digit: int) -> None:
        pass  # digits are part of what is typed: there is nothing to choose
