"""The kiosk widgets for every answer kind, found by the kind's name (see `assistant.dialogue.answer_kinds`).

A new kind is one module beside these (see `base.AnswerWidgets`) and one line in `ANSWER_WIDGETS`; a kind
that looks like another can use that one's widgets, as `yes_no` uses the one-choice buttons.
"""

from __future__ import annotations

from textual.screen import Screen

from assistant.dialogue.engine import Answer
from assistant.dialogue.model import Question
from assistant.ui.answer_widgets.base import AnswerWidgets
from assistant.ui.answer_widgets.choice import OneChoiceButtons
from assistant.ui.answer_widgets.multi import ManyChoiceButtons
from assistant.ui.answer_widgets.text import TypedAnswer

ANSWER_WIDGETS: dict[str, type[AnswerWidgets]] = {
    "text": TypedAnswer,
    "choice": OneChoiceButtons,
    "multi": ManyChoiceButtons,
    "yes_no": OneChoiceButtons,
}


def answer_widgets_for(
    screen: Screen[None], question: Question, pictures: dict[str, str], previous: Answer | None
) -> AnswerWidgets:
    return ANSWER_WIDGETS[question.kind](screen, question, pictures, previous)
