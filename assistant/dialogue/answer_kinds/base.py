"""What every answer kind decides for its questions: which definitions are valid, which buttons to show,
which answers to take, and where an answer goes in the passport.

The kinds themselves live one per module beside this one and are found through `ANSWER_KINDS`.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Sequence
from typing import ClassVar, Literal

from assistant.dialogue.answer import Answer
from assistant.dialogue.choices import Choice
from assistant.errors import InputError

PersonField = Literal["nickname", "languages"]
"""Where an answer in the person section can go in the passport."""


class AnswerKind(ABC):
    """One way to answer a question, named by `kind:` in a dialogue file."""

    name: ClassVar[str]
    typed: ClassVar[bool] = False
    """Answered by typing, not by buttons: `infer` can read such answers, a `when` cannot test them."""
    holds_content: ClassVar[bool] = True
    """False when the answer on its own says nothing for the passport (the follow-up questions do)."""

    @abstractmethod
    def check_definition(self, choices: Sequence[Choice]) -> None:
        """Raises `ValueError` (in the words of the dialogue checker) when the choices do not fit the kind."""

    def options(self, choices: Sequence[Choice]) -> list[Choice]:
        """The buttons to show for a question with these choices."""
        return list(choices)

    @abstractmethod
    def answer(
        self,
        question_id: str,
        options: Sequence[Choice],
        values: Sequence[object],
        text: str | None,
        max_chars: int,
    ) -> Answer:
        """The answer to record, or `InputError` with a kind message when it cannot be taken."""

    def person_field(self, stores_as: PersonField | None) -> PersonField | None:
        """Where an answer in the person section goes; `stores_as` in the dialogue file can say so."""
        return "languages" if stores_as == "languages" else None


class ButtonAnswer(AnswerKind):
    """Answered by choosing buttons: one of them, or (`one_only` False) several."""

    one_only: ClassVar[bool] = True

    def answer(
        self,
        question_id: str,
        options: Sequence[Choice],
        values: Sequence[object],
        text: str | None,
        max_chars: int,
    ) -> Answer:
        chosen = [v for v in dict.fromkeys(values) if isinstance(v, str)]
        if not chosen:
            raise InputError("E104")
        if self.one_only and len(chosen) > 1:
            raise InputError("E105")
        ids = {c.id for c in options}
        if any(v not in ids for v in chosen):
            raise InputError("E105")
        return Answer(question_id=question_id, status="answered", values=chosen)


def needs_choices(choices: Sequence[Choice]) -> None:
    if len(choices) < 2:
        raise ValueError("een keuzevraag heeft minstens 2 keuzes nodig")


def takes_no_choices(kind: str, choices: Sequence[Choice]) -> None:
    if choices:
        raise ValueError(f"een vraag van soort '{kind}' heeft geen keuzes")
