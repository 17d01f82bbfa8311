"""Coach review: accept, reject, add a skill and write a note, each recorded with provenance."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Input, OptionList

from assistant.context import AppContext
from assistant.errors import StorageError
from assistant.interview_session import InterviewSession
from assistant.passport.review import Review
from assistant.ui.coach_app import DraftListScreen, DraftScreen, make_coach_app


def _draft(context: AppContext) -> str:
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    session.answer(text="Piet")
    session.answer(values=["ja"])
    session.answer(values=["bouw"])
    for p in session.answer(values=[o.id for o in session.current.options[:2]]):
        session.confirm(p.skill_ref, "ja")
    while not session.finished:
        session.skip()
    return session.finish().id


def test_review_accept_reject_add_and_note_are_recorded(context: AppContext) -> None:
    pid = _draft(context)
    review = Review(context.store, pid, coach="Coach Anja")
    first, second = review.passport.skills[0], review.passport.skills[1]
    review.accept(first.id, level="skillscertificaat")
    review.reject(second.id, note="Niet zelf gedaan")
    review.add_skill(
        context.catalogue,
        "bouw.metselen"
        if "bouw.metselen" in context.catalogue.skills
        else next(iter(context.catalogue.skills)),
        evidence="Zag foto's van zijn werk",
    )
    review.add_note("Sterk in praktisch werk.")

    saved = context.store.passport(pid)
    accepted = saved.skill(first.id)
    assert accepted.status == "accepted" and accepted.level == "skillscertificaat"
    last = accepted.provenance[-1]
    assert (last.assessed_by, last.assessor, last.verdict) == ("coach", "Coach Anja", "accepted")
    assert saved.skill(second.id).status == "rejected"
    assert saved.skill(second.id).provenance[-1].note == "Niet zelf gedaan"
    added = saved.skills[-1]
    assert added.provenance[0].assessed_by == "coach" and added.provenance[0].verdict == "added"
    assert saved.notes[0].text == "Sterk in praktisch werk."
    actions = [a for _, a, _, _ in context.store.coach_events(pid)]
    assert actions == ["accept", "reject", "add", "note"]


def test_review_second_coach_gets_a_conflict_not_a_silent_overwrite(context: AppContext) -> None:
    pid = _draft(context)
    anja = Review(context.store, pid, coach="Anja")
    bram = Review(context.store, pid, coach="Bram")
    anja.add_note("Eerste notitie")
    with pytest.raises(StorageError) as info:
        bram.add_note("Tweede notitie")
    assert info.value.code == "E307"
    assert [n.text for n in context.store.passport(pid).notes] == ["Eerste notitie"]


async def test_coach_app_lists_drafts_and_accepts_a_skill(context: AppContext) -> None:
    pid = _draft(context)
    app = make_coach_app(context, coach="Coach Anja")
    async with app.run_test(size=(120, 45)) as pilot:
        assert isinstance(app.screen, DraftListScreen)
        table = app.screen.query_one("#drafts", DataTable)
        assert table.row_count == 1
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DraftScreen)
        skills = app.screen.query_one("#skills", DataTable)
        assert skills.row_count >= 1
        evidence = skills.get_row_at(0)[3]
        assert evidence, "each skill shows the words it came from"
        await pilot.press("a")
        await pilot.pause()
        app.screen.query_one("#search", Input).value = "metselen"
        await pilot.pause()
        results = app.screen.query_one("#results", OptionList)
        assert results.option_count >= 1
        results.highlighted = 0
        results.action_select()
        await pilot.pause()
        app.screen.query_one("#note", Input).value = "Goed gesprek gehad."
        await pilot.click("#save-note")
        await pilot.pause()
    saved = context.store.passport(pid)
    assert saved.skills[0].status == "accepted"
    assert saved.skills[0].provenance[-1].assessor == "Coach Anja"
    assert saved.skills[-1].provenance[0].verdict == "added"
    assert saved.notes[-1].text == "Goed gesprek gehad."
