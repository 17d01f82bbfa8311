"""The `choice` kind: one of at least two buttons from the dialogue file."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.dialogue.answer_kinds.base import ButtonAnswer, needs_choices
from assistant.dialogue.choices import Choice


class OneChoice(ButtonAnswer):
    name = "choice"

    def check_definition(self, choices: Sequence[Choice]) -> None:
        needs_choices(choices)
