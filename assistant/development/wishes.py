"""Saving what the person chose: a direction (one occupation) and at most three next steps, the
*ontwikkelwensen*. Pure functions from passport to passport; the caller saves the result as a new version."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from assistant.development.direction import Direction
from assistant.development.learning_options import LearningCatalogue
from assistant.development.next_steps import (
    MAX_CHOSEN_STEPS,
    NextStep,
    step_key,
    steps_for_direction,
    wish_key,
)
from assistant.errors import InputError
from assistant.passport.model import ChosenBy, ChosenDirection, DevelopmentWish, Passport


def choose_direction(passport: Passport, direction: Direction, when: datetime, by: ChosenBy) -> Passport:
    """The passport with `direction` chosen. Choosing another occupation drops steps chosen for the old one;
    choosing the same again keeps them."""
    chosen = ChosenDirection(
        occupation_id=direction.occupation_id,
        label=direction.label,
        uri=direction.uri,
        chosen_at=when,
        chosen_by=by,
    )
    kept = [w for w in passport.development_wishes if w.occupation_id == direction.occupation_id]
    return passport.model_copy(update={"direction": chosen, "development_wishes": kept, "updated_at": when})


def choose_steps(
    passport: Passport,
    direction: Direction,
    learning: LearningCatalogue,
    step_keys: Sequence[str],
    when: datetime,
    by: ChosenBy,
) -> Passport:
    """The passport with the steps named by `step_keys` (see `step_key`) as its development wishes,
    replacing earlier ones. Raises E643 without a chosen direction, E642 for a step that is not offered for
    this direction, E640 for more than three; the passport is then unchanged."""
    if passport.direction is None or passport.direction.occupation_id != direction.occupation_id:
        raise InputError("E643")
    keys = list(dict.fromkeys(step_keys))
    if len(keys) > MAX_CHOSEN_STEPS:
        raise InputError("E640", limit=MAX_CHOSEN_STEPS)
    offered = {step_key(s): s for s in steps_for_direction(direction, learning)}
    if any(k not in offered for k in keys):
        raise InputError("E642")
    earlier = {wish_key(w): w for w in passport.development_wishes}
    wishes = [_wish(offered[k], direction, when, by, earlier) for k in keys]
    return passport.model_copy(update={"development_wishes": wishes, "updated_at": when})


def _wish(
    step: NextStep,
    direction: Direction,
    when: datetime,
    by: ChosenBy,
    earlier: dict[str, DevelopmentWish],
) -> DevelopmentWish:
    # A step chosen before keeps its first date: the coach sees since when the person wants it.
    old = earlier.get(step_key(step))
    if old is not None:
        return old
    return DevelopmentWish(
        step_id=step.id,
        kind=step.kind,
        label=step.label,
        skill_ref=step.skill_ref,
        skill_label=step.skill_label,
        occupation_id=direction.occupation_id,
        chosen_at=when,
        chosen_by=by,
    )
