"""The kiosk side of the `multi` kind: buttons switch on and off, and Verder sends the ones that are on."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.widgets import Button

from assistant.i18n import _
from assistant.ui.answer_widgets.buttons import ChoiceButtons
from assistant.ui.spoken_screen import button_label


class ManyChoiceButtons(ChoiceButtons):
    def choose(self, choice_id: str) -> None:
        button = self.screen.query_one(f"#choice-{choice_id}", Button)
        if choice_id in self.selected:
            self.selected.discard(choice_id)
            button.remove_class("selected")
        else:
            self.selected.add(choice_id)
            button.add_class("selected")

    def compose_nav(self) -> ComposeResult:
        # In the bar that is always in view, however many choices there are.
        yield Button(button_label("✔", _("Verder")), id="submit", variant="primary", classes="nav")
