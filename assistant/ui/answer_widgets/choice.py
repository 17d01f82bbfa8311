"""The kiosk side of the `choice` and `yes_no` kinds: touching a button (or typing its number) answers."""

from __future__ import annotations

from assistant.ui.answer_widgets.buttons import ChoiceButtons
from assistant.ui.messages import Answered


class OneChoiceButtons(ChoiceButtons):
    def choose(self, choice_id: str) -> None:
        self.screen.post_message(Answered(values=[choice_id]))
