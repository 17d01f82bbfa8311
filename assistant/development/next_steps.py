"""What a person can do about a skill they miss for a chosen direction: learn it on the job, a course, a
recognised part-qualification or certificate from the learning catalogue, or, when they almost have it,
ask an employer to confirm what they already do. A licence the work asks for is always a step of its own."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict

from assistant.development.direction import Direction, SkillNeed, SkillState
from assistant.development.learning_options import LearningCatalogue, LearningKind, LearningOption
from assistant.i18n import N_
from assistant.passport.model import DevelopmentWish

StepKind = Literal[LearningKind, "employer_confirmation"]
#: How many steps a person may choose: more than three is a list, not a plan.
MAX_CHOSEN_STEPS = 3
#: The order a person sees the options in: the nearest, cheapest step first.
_KIND_ORDER: dict[str, int] = {
    "employer_confirmation": 0,
    "on_the_job": 1,
    "course": 2,
    "certificate": 3,
    "licence": 4,
    "part_qualification": 5,
}
#: Each kind of step in plain words, the same at every kiosk. Dutch msgids: show them through `_()`.
KIND_WORDS: dict[str, str] = {
    "on_the_job": N_("Leren op het werk"),
    "course": N_("Korte cursus"),
    "part_qualification": N_("Erkend mbo-certificaat"),
    "certificate": N_("Certificaat"),
    "licence": N_("Rijbewijs, vergunning of registratie"),
    "employer_confirmation": N_("Uw werkgever bevestigt het"),
}
#: The local id of the step that asks an employer to confirm a skill; not a learning-catalogue entry.
EMPLOYER_STEP_ID = "stap.werkgever_bevestigt"
#: The local id of learning a skill from a colleague at work, open to every missing skill.
ON_THE_JOB_STEP_ID = "stap.leren_op_het_werk"


class NextStep(BaseModel):
    """One thing the person can do. `label` and `length` are Dutch msgids from the catalogue: translate them
    with `_()` where they are shown."""

    model_config = ConfigDict(frozen=True)

    id: str
    """A learning-option id, or `EMPLOYER_STEP_ID`."""
    kind: StepKind
    label: str
    length: str | None = None
    level: str | None = None
    source: str | None = None
    source_url: str | None = None
    skill_ref: str | None = None
    """The missing skill it is for; None for a licence the occupation asks for as a whole."""
    skill_label: str | None = None


def steps_for_need(need: SkillNeed, learning: LearningCatalogue) -> list[NextStep]:
    """Every step for one skill the person does not fully have, nearest first."""
    if need.state is SkillState.HAVE:
        return []
    steps = [_from_option(option, need) for option in learning.for_skill(need.ref)]
    if not any(s.kind == "on_the_job" for s in steps):
        steps.append(
            _generic(ON_THE_JOB_STEP_ID, "on_the_job", N_("Leren op het werk, van een collega"), need)
        )
    if need.state is SkillState.ALMOST:
        label = N_("Vraag uw werkgever om te bevestigen dat u dit al doet")
        steps.append(_generic(EMPLOYER_STEP_ID, "employer_confirmation", label, need))
    steps.sort(key=lambda s: (_KIND_ORDER[s.kind], s.label.casefold(), s.id))
    return steps


def licence_steps(direction: Direction, learning: LearningCatalogue) -> list[NextStep]:
    """The licences and certificates the work asks for, as concrete steps."""
    return [
        _from_option(option, None)
        for licence in direction.licences
        if (option := learning.options.get(licence)) is not None
    ]


def steps_for_direction(direction: Direction, learning: LearningCatalogue) -> list[NextStep]:
    """Licences first, then steps for the essential gaps, then for the optional ones; each step once."""
    steps: dict[str, NextStep] = {step_key(s): s for s in licence_steps(direction, learning)}
    gaps = sorted(
        (n for n in direction.needs if n.state is not SkillState.HAVE),
        key=lambda n: (not n.essential, n.state is SkillState.MISSING),
    )
    for need in gaps:
        for step in steps_for_need(need, learning):
            steps.setdefault(step_key(step), step)
    return list(steps.values())


def step_key(step: NextStep) -> str:
    """A step's key among the steps of one direction: the generic steps (learning on the job, the employer's
    confirmation) exist once per skill; a learning option is one step whatever it teaches, as
    `steps_for_direction` lists it once."""
    return _key(step.id, step.skill_ref)


def wish_key(wish: DevelopmentWish) -> str:
    """The key of the step a saved wish came from, so a screen can show it ticked again."""
    return _key(wish.step_id, wish.skill_ref)


def _key(step_id: str, skill_ref: str | None) -> str:
    generic = step_id in (EMPLOYER_STEP_ID, ON_THE_JOB_STEP_ID)
    return f"{step_id}:{skill_ref}" if generic and skill_ref else step_id


def _generic(step_id: str, kind: StepKind, label: str, need: SkillNeed) -> NextStep:
    return NextStep(id=step_id, kind=kind, label=label, skill_ref=need.ref, skill_label=need.label)


def _from_option(option: LearningOption, need: SkillNeed | None) -> NextStep:
    """A learning option as a step: for the missing skill `need`, or for the work as a whole (a licence)."""
    return NextStep(
        id=option.id,
        kind=option.kind,
        label=option.label,
        length=option.length,
        level=option.level,
        source=option.source,
        source_url=option.source_url,
        skill_ref=need.ref if need else None,
        skill_label=need.label if need else None,
    )
