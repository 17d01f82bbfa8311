"""Every answer kind a dialogue question can have, found by the name a dialogue file uses for it.

A new kind is one module beside these (see `base.AnswerKind`) and one line in `ANSWER_KINDS`; the kiosk
shows it with a widget registered in `assistant.ui.answer_widgets`.
"""

from __future__ import annotations

from assistant.dialogue.answer_kinds.base import AnswerKind
from assistant.dialogue.answer_kinds.choice import OneChoice
from assistant.dialogue.answer_kinds.multi import ManyChoices
from assistant.dialogue.answer_kinds.text import TextAnswer
from assistant.dialogue.answer_kinds.yes_no import YesNo

# The order is the order the dialogue checker lists them in when a file names an unknown kind.
ANSWER_KINDS: dict[str, AnswerKind] = {
    kind.name: kind
    for kind in (
        TextAnswer(),
        OneChoice(),
        ManyChoices(),
        YesNo(),
    )
}

#: Pictures of the buttons a kind brings itself: a dialogue file may use them without `pictures.yaml`.
BUILT_IN_PICTURES: frozenset[str] = frozenset(
    choice.picture for kind in ANSWER_KINDS.values() for choice in kind.options(())
)


def answer_kind(name: str) -> AnswerKind:
    """The kind called `name`; the dialogue model only lets known names in."""
    return ANSWER_KINDS[name]
