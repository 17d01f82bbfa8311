"""How the three verdict words look on a kiosk button: Ja / Een beetje / Nee with their pictures, in the
order they are shown and numbered."""

from __future__ import annotations

from typing import NamedTuple

from assistant.i18n import N_
from assistant.interview.records import Verdict


class VerdictButton(NamedTuple):
    verdict: Verdict
    picture: str
    text: str
    """A gettext msgid."""


VERDICT_BUTTONS: tuple[VerdictButton, ...] = (
    VerdictButton(Verdict.YES, "👍", N_("Ja")),
    VerdictButton(Verdict.A_LITTLE, "🤏", N_("Een beetje")),
    VerdictButton(Verdict.NO, "👎", N_("Nee")),
)

#: Picture name (the verdict word) to emoji, for yes/no buttons when `pictures.yaml` does not name them.
VERDICT_PICTURES: dict[str, str] = {button.verdict: button.picture for button in VERDICT_BUTTONS}
