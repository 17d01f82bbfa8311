"""A chosen direction and chosen next steps read as plain sentences in the passport's history, so "Wat is
er veranderd" never says "nothing changed" after a person chose where they want to go."""

from __future__ import annotations

from datetime import UTC, datetime

from assistant.config import Settings
from assistant.development.direction import direction_for
from assistant.development.learning_options import LearningCatalogue
from assistant.development.next_steps import step_key, steps_for_direction
from assistant.development.wishes import choose_direction, choose_steps
from assistant.passport.history import NOTHING, changes_between
from assistant.passport.model import Assessment, Passport, Skill
from assistant.skills.catalogue import load_catalogue

WHEN = datetime(2026, 12, 5, 10, 0, tzinfo=UTC)


def _passport() -> Passport:
    provenance = Assessment(
        assessed_by="self", verdict="ja", standard=[], purpose="test", level="skillsverklaring", date=WHEN
    )
    skill = Skill(
        ref="bouw.metselen",
        label="Muren metselen",
        source="sector:bouw",
        status="confirmed",
        provenance=[provenance],
    )
    return Passport(session_id="s1", dialogue="intake", skills=[skill])


def test_choosing_work_and_steps_is_told_and_dropping_a_step_too() -> None:
    catalogue = load_catalogue(Settings().catalogue_dir)
    learning = LearningCatalogue(options={})
    before = _passport()
    direction = direction_for(before, catalogue, "bouw.metselaar")
    chosen = choose_direction(before, direction, WHEN, "holder")
    steps = [step_key(s) for s in steps_for_direction(direction, learning)][:2]
    after = choose_steps(chosen, direction, learning, steps, WHEN, "holder")

    told = changes_between(before, after)
    assert "Gekozen werk: Metselaar." in told
    assert sum(line.startswith("Volgende stap gekozen:") for line in told) == 2
    assert NOTHING not in told

    fewer = choose_steps(after, direction, learning, steps[:1], WHEN, "holder")
    assert [line for line in changes_between(after, fewer) if line.startswith("Volgende stap niet meer")]
    assert changes_between(fewer, fewer) == [NOTHING]
