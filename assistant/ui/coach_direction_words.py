"""The words the coach app's direction page shows for a direction and a next step: dots instead of a
percentage, what the person has, almost has ("bijna") and still misses, the licences, and one line per
step. Plain functions, so the page itself only lays out and asks."""

from __future__ import annotations

from assistant.development.direction import MAX_DOTS, Direction, SkillState
from assistant.development.learning_options import LearningCatalogue
from assistant.development.next_steps import NextStep, licence_steps
from assistant.i18n import N_, _

STEP_KINDS = {
    "employer_confirmation": N_("werkgever"),
    "on_the_job": N_("op het werk"),
    "course": N_("cursus"),
    "part_qualification": N_("mbo-certificaat"),
    "certificate": N_("certificaat"),
    "licence": N_("papier voor werk"),
}


def direction_option(direction: Direction, chosen: bool) -> str:
    """One line in the list of work: the dots first, so the coach's eye runs down one column."""
    line = _("{dots}  {label}").format(dots=direction.dots_picture, label=_(direction.label))
    return _("{line} (gekozen)").format(line=line) if chosen else line


def direction_lines(direction: Direction, learning: LearningCatalogue) -> list[str]:
    """What the person has, almost has and misses for this work, and the papers it asks for."""
    lines = [
        _("Gekozen: {label}").format(label=_(direction.label)),
        _("Past: {dots} ({n} van {total})").format(
            dots=direction.dots_picture, n=direction.dots, total=MAX_DOTS
        ),
    ]
    have = ", ".join(_(n.label) for n in direction.have)
    lines.append(_("Dit kunt u al: {skills}").format(skills=have or "-"))
    for need in direction.needs:
        if need.state is SkillState.ALMOST:
            lines.append(_("Bijna: {skill}").format(skill=_(need.label)))
    missing = ", ".join(_(n.label) for n in direction.missing)
    if missing:
        lines.append(_("Nog leren: {skill}").format(skill=missing))
    papers = ", ".join(_(s.label) for s in licence_steps(direction, learning))
    if papers:
        lines.append(_("Papier nodig: {names}").format(names=papers))
    return lines


def step_line(step: NextStep) -> str:
    """A step with its kind and, when it is for one skill, that skill: the coach reads it out."""
    kind = _(STEP_KINDS.get(step.kind, step.kind))
    if step.skill_label:
        return _("{step} ({kind}), voor: {skill}").format(
            step=_(step.label), kind=kind, skill=_(step.skill_label)
        )
    return _("{step} ({kind})").format(step=_(step.label), kind=kind)
