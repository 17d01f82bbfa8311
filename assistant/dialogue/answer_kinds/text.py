"""The `text` kind: an open question, answered by typing. In the person section it gives the nickname."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.dialogue.answer import Answer
from assistant.dialogue.answer_kinds.base import AnswerKind, PersonField, takes_no_choices
from assistant.dialogue.choices import Choice
from assistant.text_input import clean_answer


class TextAnswer(AnswerKind):
    name = "text"
    typed = True

    def check_definition(self, choices: Sequence[Choice]) -> None:
        takes_no_choices(self.name, choices)

    def answer(
        self,
        question_id: str,
        options: Sequence[Choice],
        values: Sequence[object],
        text: str | None,
        max_chars: int,
    ) -> Answer:
        return Answer(question_id=question_id, status="answered", text=clean_answer(text, max_chars))

    def person_field(self, stores_as: PersonField | None) -> PersonField | None:
        return "languages" if stores_as == "languages" else "nickname"
