"""Skills nobody judged for years are marked for the coach to check again, never deleted: the rule on its
own (with the time given) and in the coach app."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from textual.widgets import DataTable, Static

from assistant.coach_accounts import add_user
from assistant.context import AppContext
from assistant.passport.model import Passport
from assistant.passport.recheck import due_for_recheck, years_before
from assistant.ui.coach_app import DraftScreen, make_coach_app
from tests.conftest import let_coaches_look
from tests.test_coach_review import PASSWORD, _draft, _open_first_draft

NOW = datetime(2026, 12, 4, 12, 0, tzinfo=UTC)


def _aged(context: AppContext, pid: str, ages_in_days: list[int]) -> Passport:
    """The passport with its skills last judged that many days before NOW, in order; saved."""
    passport = context.store.passport(pid)
    for skill, days in zip(passport.skills, ages_in_days, strict=False):
        for assessment in skill.provenance:
            assessment.date = NOW - timedelta(days=days)
    context.store.save_passport(passport, context.store.passport_version(pid))
    return context.store.passport(pid)


def test_only_skills_judged_longer_ago_than_the_limit_are_due_oldest_first(context: AppContext) -> None:
    pid = _draft(context)
    passport = _aged(context, pid, [4 * 365, 9 * 365])
    assert len(passport.skills) == 2
    assert [s.id for s in due_for_recheck(passport, years=5, now=NOW)] == [passport.skills[1].id]
    assert due_for_recheck(passport, years=10, now=NOW) == []
    passport = _aged(context, pid, [6 * 365, 9 * 365])
    due = due_for_recheck(passport, years=5, now=NOW)
    assert [s.id for s in due] == [passport.skills[1].id, passport.skills[0].id], "oldest first"
    assert len(context.store.passport(pid).skills) == 2, "marked, never deleted"


def test_a_rejected_skill_is_not_asked_about_again(context: AppContext) -> None:
    pid = _draft(context)
    passport = _aged(context, pid, [8 * 365])
    passport.skills[0].status = "rejected"
    assert passport.skills[0].id not in {s.id for s in due_for_recheck(passport, years=5, now=NOW)}


def test_a_newer_judgement_makes_the_skill_current_again(context: AppContext) -> None:
    pid = _draft(context)
    passport = _aged(context, pid, [8 * 365])
    skill = passport.skills[0]
    newer = skill.provenance[-1].model_copy(update={"date": NOW - timedelta(days=30)})
    skill.provenance.append(newer)
    assert skill.id not in {s.id for s in due_for_recheck(passport, years=5, now=NOW)}


def test_the_limit_falls_on_the_same_day_years_back_even_from_29_february() -> None:
    assert years_before(datetime(2028, 2, 29, tzinfo=UTC), 5) == datetime(2023, 2, 28, tzinfo=UTC)
    assert years_before(NOW, 5) == datetime(2021, 12, 4, 12, 0, tzinfo=UTC)


async def test_the_coach_sees_which_skills_to_check_again(context: AppContext) -> None:
    add_user(context.store, "Sanne", PASSWORD)
    pid = _draft(context)
    old_days = (datetime.now(UTC) - NOW).days + 7 * 365
    passport = _aged(context, pid, [old_days])
    let_coaches_look(context.store)  # the holders said Ja to a coach looking
    app = make_coach_app(context)
    async with app.run_test(size=(160, 70)) as pilot:
        draft = await _open_first_draft(app, pilot)
        assert isinstance(draft, DraftScreen)
        table = draft.query_one("#skills", DataTable)
        old_status = str(table.get_row(passport.skills[0].id)[1])
        new_status = str(table.get_row(passport.skills[1].id)[1])
        assert "opnieuw nakijken" in old_status
        assert "opnieuw nakijken" not in new_status
        told = str(draft.query_one("#other-language", Static).render())
        assert "1 vaardigheden zijn langer dan 5 jaar niet bekeken" in told
