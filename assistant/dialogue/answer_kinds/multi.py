"""The `multi` kind: any number of at least two buttons, then Verder. In the person section it gives the
languages the person speaks."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.dialogue.answer_kinds.base import ButtonAnswer, PersonField, needs_choices
from assistant.dialogue.choices import Choice


class ManyChoices(ButtonAnswer):
    name = "multi"
    one_only = False

    def check_definition(self, choices: Sequence[Choice]) -> None:
        needs_choices(choices)

    def person_field(self, stores_as: PersonField | None) -> PersonField | None:
        return "languages" if stores_as in (None, "languages") else None
