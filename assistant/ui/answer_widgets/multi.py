"""The kiosk side of the `multi` kind: buttons switch on and off, and Verder sends the ones that are on."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Button

from assistant.i18n import _
from assistant.ui.answer_widgets.buttons import ChoiceButtons
from assistant.ui.spoken_screen import button_label


class ManyChoiceButtons(ChoiceButtons):
    def mark(self, chosen: bool) -> str:
        # An empty circle says a button can be ticked; the tick says it is.
        return "✔" if chosen else "○"

    def choose(self, choice_id: str) -> None:
        self.selected ^= {choice_id}
        self.show_chosen(choice_id)

    def compose_nav(self) -> ComposeResult:
        # In the bar that is always in view, however many choices there are.
        yield Button(button_label("✔", _("Verder")), id="submit", variant="primary", classes="nav")
