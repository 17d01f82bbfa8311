"""The plain words the kiosk's direction and next-step screens show and say: how close an occupation is (filled
dots on screen, "3 van de 5" aloud, never a percentage), which skills the person has, almost has or still
misses for it, and what kind of step a next step is, how long it takes and at what level.

Labels from the catalogue are Dutch msgids and go through `_()` here, so the screens only place the words.
"""

from __future__ import annotations

from assistant.development.direction import MAX_DOTS, Direction
from assistant.development.learning_options import LearningCatalogue
from assistant.development.next_steps import KIND_WORDS, NextStep
from assistant.i18n import _
from assistant.speech.sentences import speech


def dots_spoken(direction: Direction) -> str:
    return _("{filled} van de {total} bolletjes.").format(filled=direction.dots, total=MAX_DOTS)


def _names(labels: list[str]) -> str:
    return ", ".join(_(label) for label in labels)


def have_line(direction: Direction) -> str | None:
    have = [n.label for n in direction.have]
    return _("Dit kunt u al: {skills}.").format(skills=_names(have)) if have else None


def almost_lines(direction: Direction) -> list[str]:
    return [
        _("Bijna: {skill}. U kunt al: {own}.").format(skill=_(n.label), own=_(n.close_to))
        if n.close_to
        else _("Bijna: {skill}.").format(skill=_(n.label))
        for n in direction.almost
    ]


def missing_line(direction: Direction) -> str | None:
    missing = [n.label for n in direction.missing]
    return _("Nog leren: {skills}.").format(skills=_names(missing)) if missing else None


def licence_line(direction: Direction, learning: LearningCatalogue) -> str | None:
    """The licences or certificates the work asks for, by the names the learning catalogue gives them."""
    names = [learning.options[i].label for i in direction.licences if i in learning.options]
    return _("Nodig voor dit werk: {papers}.").format(papers=_names(names)) if names else None


def need_lines(direction: Direction, learning: LearningCatalogue) -> list[str]:
    """What the person has, almost has and misses for the work, and the papers it asks for, in that order."""
    lines = [have_line(direction), *almost_lines(direction), missing_line(direction)]
    lines.append(licence_line(direction, learning))
    return [line for line in lines if line]


def direction_spoken(direction: Direction, learning: LearningCatalogue) -> list[str]:
    return [_(direction.label), dots_spoken(direction), *need_lines(direction, learning)]


def step_details(step: NextStep) -> str:
    """Kind, length and level of a step on one line: "Korte cursus · 1 dag · niveau MBO 2"."""
    parts = [_(KIND_WORDS[step.kind])]
    if step.length:
        parts.append(_(step.length))
    if step.level:
        parts.append(_("niveau {level}").format(level=_(step.level)))
    return " · ".join(parts)


def step_purpose(step: NextStep) -> str:
    """What the step is for: a missing skill, or the work itself (a licence)."""
    if step.skill_label:
        return _("Voor: {skill}.").format(skill=_(step.skill_label))
    return _("Nodig voor dit werk.")


def step_spoken(step: NextStep) -> str:
    return speech(_(step.label), step_details(step).replace(" · ", ", "), step_purpose(step))
