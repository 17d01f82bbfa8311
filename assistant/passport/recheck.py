"""Which skills a coach should look at again: those whose newest judgement (by the person, a coach or
anyone else) is older than a set number of years. They are marked, never deleted: what someone could do
ten years ago may still be true, but nobody has said so lately."""

from __future__ import annotations

from datetime import UTC, datetime

from assistant.passport.model import Passport, Skill


def last_judged(skill: Skill) -> datetime:
    """When someone last said something about this skill."""
    return max(assessment.date for assessment in skill.provenance)


def years_before(moment: datetime, years: int) -> datetime:
    """The same day `years` earlier (28 February for a 29 February that year does not have)."""
    try:
        return moment.replace(year=moment.year - years)
    except ValueError:
        return moment.replace(year=moment.year - years, day=28)


def due_for_recheck(passport: Passport, years: int, now: datetime | None = None) -> list[Skill]:
    """The skills still in the passport (not rejected) last judged more than `years` ago, oldest first."""
    limit = years_before(now or datetime.now(UTC), years)
    due = [s for s in passport.skills if s.status != "rejected" and last_judged(s) < limit]
    return sorted(due, key=last_judged)
