"""The `yes_no` kind: Ja / Een beetje / Nee, the same three words as a verdict on a skill. The dialogue file
gives no choices; a "Ja" on its own says nothing for the passport, the follow-up questions do."""

from __future__ import annotations

from collections.abc import Sequence

from assistant.dialogue.answer_kinds.base import ButtonAnswer, takes_no_choices
from assistant.dialogue.choices import Choice
from assistant.i18n import N_
from assistant.interview.records import Verdict

YES_NO_CHOICES: tuple[Choice, ...] = (
    Choice(id=Verdict.YES, text=N_("Ja"), picture=Verdict.YES),
    Choice(id=Verdict.A_LITTLE, text=N_("Een beetje"), picture=Verdict.A_LITTLE),
    Choice(id=Verdict.NO, text=N_("Nee"), picture=Verdict.NO),
)


class YesNo(ButtonAnswer):
    name = "yes_no"
    holds_content = False

    def check_definition(self, choices: Sequence[Choice]) -> None:
        takes_no_choices(self.name, choices)

    def options(self, choices: Sequence[Choice]) -> list[Choice]:
        return list(YES_NO_CHOICES)
