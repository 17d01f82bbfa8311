"""Coach review: log in, find a draft, accept, reject, reword, change the level, add a skill and write a note,
each recorded with provenance; a second coach's change is a conflict that is shown, never overwritten."""

from __future__ import annotations

import pytest
from textual.pilot import Pilot
from textual.widgets import DataTable, Input, OptionList, Static

from assistant.coach_accounts import add_user
from assistant.context import AppContext
from assistant.errors import InputError, StorageError
from assistant.interview.session import InterviewSession
from assistant.passport.review import Review
from assistant.ui.coach_app import CoachApp, DraftListScreen, DraftScreen, make_coach_app
from tests.conftest import coach_session, let_coaches_look

PASSWORD = "lang-genoeg-wachtwoord"


def _draft(context: AppContext, name: str = "Piet") -> str:
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    session.answer(text=name)
    session.answer(values=["ja"])
    session.answer(values=["bouw"])
    for p in session.answer(values=[o.id for o in session.current.options[:2]]):
        session.confirm(p.skill_ref, "ja")
    while not session.finished:
        session.skip()
    return session.finish().id


def _catalogue_ref(context: AppContext) -> str:
    return (
        "bouw.metselen"
        if "bouw.metselen" in context.catalogue.skills
        else next(iter(context.catalogue.skills))
    )


def test_review_accept_reject_add_and_note_are_recorded(context: AppContext) -> None:
    pid = _draft(context)
    review = Review(context.store, pid, coach_session(context.store, "Coach Anja"))
    first, second = review.passport.skills[0], review.passport.skills[1]
    review.accept(
        first.id,
        level="skillscertificaat",
        evidence="Werkbriefje van 2025",
        confirmed_by="Bouwbedrijf De Steen",
    )
    review.reject(second.id, note="Niet zelf gedaan")
    review.add_skill(context.catalogue, _catalogue_ref(context), evidence="Zag foto's van zijn werk")
    review.add_note("Sterk in praktisch werk.")

    saved = context.store.passport(pid)
    accepted = saved.skill(first.id)
    assert accepted.status == "accepted" and accepted.level == "skillscertificaat"
    last = accepted.provenance[-1]
    assert (last.assessed_by, last.assessor, last.verdict) == ("coach", "Coach Anja", "accepted")
    assert last.purpose and last.standard == first.provenance[-1].standard
    assert last.confirmed_by == "Bouwbedrijf De Steen" and last.evidence[-1].text == "Werkbriefje van 2025"
    assert saved.skill(second.id).status == "rejected"
    assert saved.skill(second.id).provenance[-1].note == "Niet zelf gedaan"
    added = saved.skills[-1]
    assert added.provenance[0].assessed_by == "coach" and added.provenance[0].verdict == "added"
    assert saved.notes[0].text == "Sterk in praktisch werk."
    actions = [a for _, a, _, _ in context.store.coach_events(pid)]
    assert actions == ["accept", "reject", "add", "note"]
    log = [(e.actor, e.action, e.detail.get("action")) for e in context.store.access_log(pid)]
    assert log == [("Coach Anja", "viewed", None)] + [("Coach Anja", "changed", a) for a in actions]


def test_edit_wording_changes_only_the_words_the_holder_sees(context: AppContext) -> None:
    pid = _draft(context)
    review = Review(context.store, pid, coach_session(context.store, "Sanne"))
    before = review.passport.skills[0]
    review.edit_wording(before.id, "  Muren bouwen   met stenen ")

    after = context.store.passport(pid).skill(before.id)
    assert after.label == "Muren bouwen met stenen"
    assert (after.ref, after.source, after.competentnl) == (before.ref, before.source, before.competentnl)
    assert after.status == before.status and after.level == before.level
    last = after.provenance[-1]
    assert (last.assessed_by, last.assessor, last.verdict) == ("coach", "Sanne", "edited")
    assert last.standard == before.provenance[-1].standard
    coach, action, detail, _at = context.store.coach_events(pid)[-1]
    assert (coach, action, detail["from"], detail["to"]) == ("Sanne", "edit", before.label, after.label)
    assert context.store.access_log(pid)[-1].detail["action"] == "edit"
    with pytest.raises(InputError) as info:
        review.edit_wording(before.id, "   ")
    assert info.value.code == "E101"


def test_change_level_records_the_level_and_keeps_the_status(context: AppContext) -> None:
    pid = _draft(context)
    review = Review(context.store, pid, coach_session(context.store, "Sanne"))
    skill = review.passport.skills[0]
    proof = {"evidence": "Examen lassen 2024", "confirmed_by": "Examenbureau Metaal"}
    review.change_level(skill.id, "skillsbewijs", **proof)
    review.change_level(skill.id, "skillsbewijs", **proof)  # the same level again is not a change

    saved = context.store.passport(pid).skill(skill.id)
    assert saved.level == "skillsbewijs" and saved.status == skill.status
    assert len(saved.provenance) == len(skill.provenance) + 1
    assert (saved.provenance[-1].verdict, saved.provenance[-1].level) == ("edited", "skillsbewijs")
    assert [a for _, a, _, _ in context.store.coach_events(pid)] == ["level"]
    with pytest.raises(ValueError):
        review.change_level(skill.id, "diploma")  # type: ignore[arg-type]


def test_review_second_coach_gets_a_conflict_not_a_silent_overwrite(context: AppContext) -> None:
    pid = _draft(context)
    anja = Review(context.store, pid, coach_session(context.store, "Anja"))
    bram = Review(context.store, pid, coach_session(context.store, "Bram"))
    anja.add_note("Eerste notitie")
    with pytest.raises(StorageError) as info:
        bram.add_note("Tweede notitie")
    assert info.value.code == "E307"
    assert [n.text for n in context.store.passport(pid).notes] == ["Eerste notitie"]
    # Bram's review still holds the draft as he read it, and after reading again his note goes in.
    assert bram.passport.notes == []
    assert [(c, a) for c, a, _, _ in bram.events_since_read()] == [("Anja", "note")]
    bram.reload()
    bram.add_note("Tweede notitie")
    assert [n.text for n in context.store.passport(pid).notes] == ["Eerste notitie", "Tweede notitie"]


async def _log_in(pilot: Pilot[None], name: str, password: str) -> None:
    screen = pilot.app.screen
    screen.query_one("#name", Input).value = name
    screen.query_one("#password", Input).value = password
    await pilot.click("#login-button")
    await pilot.pause()


async def _open_first_draft(app: CoachApp, pilot: Pilot[None]) -> DraftScreen:
    await _log_in(pilot, "Sanne", PASSWORD)
    assert isinstance(app.screen, DraftListScreen)
    await pilot.press("enter")  # enter in the search opens the first draft found
    await pilot.pause()
    assert isinstance(app.screen, DraftScreen)
    return app.screen


def _rows(screen: DraftListScreen) -> list[str]:
    table = screen.query_one("#drafts", DataTable)
    return [str(table.get_row_at(i)[4]) for i in range(table.row_count)]


async def test_coach_logs_in_finds_a_draft_and_reviews_it(context: AppContext) -> None:
    add_user(context.store, "Sanne", PASSWORD)
    piet, karin = _draft(context, "Piet"), _draft(context, "Karin")
    let_coaches_look(context.store)  # the holders said Ja to a coach looking
    app = make_coach_app(context)
    async with app.run_test(size=(160, 60)) as pilot:
        await _log_in(pilot, "Sanne", PASSWORD)
        assert isinstance(app.screen, DraftListScreen)
        screen = app.screen
        assert len(_rows(screen)) == 2
        search = screen.query_one("#filter", Input)
        search.value = "piet"
        await pilot.pause()
        assert _rows(screen) == [piet]
        search.value = piet[:6]
        await pilot.pause()
        assert _rows(screen) == [piet]
        label = context.store.passport(piet).skills[0].label
        search.value = label.split()[0].lower()  # a skill word: in neither name nor (hex) id
        await pilot.pause()
        assert sorted(_rows(screen)) == sorted([piet, karin])
        search.value = "geen-paspoort-heet-zo"
        await pilot.pause()
        assert _rows(screen) == []
        search.value = "Piet"
        await pilot.pause()
        search.focus()
        await pilot.press("enter")
        await pilot.pause()

        assert isinstance(app.screen, DraftScreen)
        draft = app.screen
        skills = draft.query_one("#skills", DataTable)
        first = context.store.passport(piet).skills[0]
        row = [str(cell) for cell in skills.get_row_at(0)]
        evidence = first.provenance[0].evidence[0]
        assert row[4] == evidence.text, "each skill shows the person's own words"
        question = next(
            e.question
            for e in context.store.passport(piet).experiences
            if e.question_id == evidence.question_id
        )
        assert row[5] == question, "and the question they answered"
        assert "Vraag:" in str(draft.query_one("#detail", Static).render())

        await pilot.press("a")
        await pilot.pause()
        # One tap on a higher level is refused with the reason; with the evidence and who confirms it, it goes.
        await pilot.click("#level-skillscertificaat")
        await pilot.pause()
        message = draft.query_one("#message", Static)
        assert message.has_class("visible") and "E507" in str(message.render())
        assert context.store.passport(piet).skill(first.id).level == "skillsverklaring"
        draft.query_one("#raise-evidence", Input).value = "Werkbriefje van 2025"
        draft.query_one("#raise-party", Input).value = "Bouwbedrijf De Steen"
        await pilot.pause(0.3)  # a second click within 0.2 s would be taken as the same press
        await pilot.click("#level-skillscertificaat")
        await pilot.pause()
        assert not message.has_class("visible")
        assert draft.query_one("#raise-party", Input).value == ""
        draft.query_one("#wording", Input).value = "Muren bouwen van steen"
        await pilot.click("#save-wording")
        await pilot.pause()
        draft.query_one("#search", Input).value = "metselen"
        await pilot.pause()
        results = draft.query_one("#results", OptionList)
        assert results.option_count >= 1
        added_ref = results.get_option_at_index(0).id
        results.highlighted = 0
        results.action_select()
        await pilot.pause()
        draft.query_one("#note", Input).value = "Goed gesprek gehad."
        await pilot.click("#save-note")
        await pilot.pause()
        assert not draft.query_one("#message", Static).has_class("visible")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DraftListScreen)

    saved = context.store.passport(piet)
    skill = saved.skill(first.id)
    assert (skill.status, skill.level, skill.label, skill.ref) == (
        "accepted",
        "skillscertificaat",
        "Muren bouwen van steen",
        first.ref,
    )
    assert [a.verdict for a in skill.provenance[1:]] == ["accepted", "edited", "edited"]
    assert {a.assessor for a in skill.provenance[1:]} == {"Sanne"}
    assert saved.skills[-1].ref == added_ref and saved.skills[-1].provenance[0].verdict == "added"
    assert saved.notes[-1].text == "Goed gesprek gehad." and saved.notes[-1].author == "Sanne"
    log = [(e.actor, e.action) for e in context.store.access_log(piet)]
    assert log[0] == ("Sanne", "viewed") and log.count(("Sanne", "changed")) == 5


async def test_a_second_coachs_change_is_shown_as_a_conflict_and_nothing_is_lost(context: AppContext) -> None:
    add_user(context.store, "Sanne", PASSWORD)
    pid = _draft(context)
    let_coaches_look(context.store)  # the holders said Ja to a coach looking
    app = make_coach_app(context)
    async with app.run_test(size=(160, 60)) as pilot:
        draft = await _open_first_draft(app, pilot)
        Review(context.store, pid, coach_session(context.store, "Bram")).add_note("Bram was eerst.")
        draft.query_one("#note", Input).value = "Mijn notitie"
        await pilot.click("#save-note")
        await pilot.pause()

        message = draft.query_one("#message", Static)
        assert message.has_class("visible")
        text = str(message.render())
        assert "E307" in text and "Bram" in text and "Bram was eerst." in text
        assert "Bram was eerst." in str(draft.query_one("#notes", Static).render()), "the draft reloaded"
        assert draft.query_one("#note", Input).value == "Mijn notitie", "what Sanne typed is still there"
        draft.query_one("#note", Input).focus()
        await pilot.press("enter")  # a second click within 0.2 s would be taken as the same press
        await pilot.pause()
        assert not message.has_class("visible")
    notes = [(n.author, n.text) for n in context.store.passport(pid).notes]
    assert notes == [("Bram", "Bram was eerst."), ("Sanne", "Mijn notitie")]
