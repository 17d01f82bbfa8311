"""A real review: a higher level needs the evidence and who confirms it (E507, nothing changed otherwise);
each coach change can be taken back one step, logged; "Vaststellen" ends the review, and only then does the
PDF stop saying "concept" (a later change makes it a concept again)."""

from __future__ import annotations

import pytest
from textual.widgets import DataTable, Static

from assistant.coach_accounts import add_user
from assistant.context import AppContext
from assistant.errors import InputError, StorageError
from assistant.export.pdf_export import passport_pdf
from assistant.passport.review import Review
from assistant.ui.coach_app import DraftScreen, make_coach_app
from tests.conftest import coach_session, let_coaches_look
from tests.test_coach_review import PASSWORD, _catalogue_ref, _draft, _open_first_draft
from tests.test_pdf_export import MADE_AT, pdf_text

CONCEPT = "Dit is een concept. Een coach kijkt het nog na."


def _events(context: AppContext, pid: str) -> list[str]:
    return [action for _coach, action, _detail, _at in context.store.coach_events(pid)]


@pytest.mark.parametrize(
    "proof",
    [
        {},
        {"evidence": "Werkbriefje"},
        {"confirmed_by": "Bouwbedrijf De Steen"},
        {"evidence": " ", "confirmed_by": "X"},
    ],
)
def test_raising_a_level_without_evidence_and_a_confirming_party_is_refused(
    context: AppContext, proof: dict[str, str]
) -> None:
    pid = _draft(context)
    review = Review(context.store, pid, coach_session(context.store, "Sanne"))
    skill = review.passport.skills[0]
    version = context.store.passport_version(pid)
    for raise_it in (
        lambda: review.accept(skill.id, level="skillscertificaat", **proof),
        lambda: review.change_level(skill.id, "skillsbewijs", **proof),
    ):
        with pytest.raises(InputError) as info:
            raise_it()
        assert info.value.code == "E507"
        assert "bewijs" in info.value.user_message() and "bevestigt" in info.value.user_message()
    assert context.store.passport_version(pid) == version and _events(context, pid) == [], "nothing changed"
    assert context.store.passport(pid).skill(skill.id).level == "skillsverklaring"

    # With both it goes, and going back down needs nobody else's word.
    review.change_level(skill.id, "skillsbewijs", evidence="Examen 2024", confirmed_by="Examenbureau Bouw")
    review.change_level(skill.id, "skillsverklaring")
    assert context.store.passport(pid).skill(skill.id).level == "skillsverklaring"


def test_each_kind_of_coach_change_can_be_taken_back_one_step_and_it_is_logged(context: AppContext) -> None:
    pid = _draft(context)
    review = Review(context.store, pid, coach_session(context.store, "Sanne"))
    first, second = review.passport.skills[0], review.passport.skills[1]
    original = context.store.passport(pid)
    proof = {"evidence": "Werkbriefje", "confirmed_by": "Bouwbedrijf De Steen"}
    changes = [
        ("accept", lambda: review.accept(first.id)),
        ("reject", lambda: review.reject(second.id, note="Niet zelf gedaan")),
        (
            "add",
            lambda: review.add_skill(context.catalogue, _catalogue_ref(context), evidence="Zag het werk"),
        ),
        ("level", lambda: review.change_level(first.id, "skillscertificaat", **proof)),
    ]
    for action, make in changes:
        make()
        assert review.can_undo == action
        review.undo()
        assert review.can_undo is None
        saved = context.store.passport(pid)
        assert saved.skills == original.skills, f"{action} was taken back"
        with pytest.raises(InputError) as info:
            review.undo()  # one step back, not more
        assert info.value.code == "E508"
    assert _events(context, pid) == ["accept", "undo", "reject", "undo", "add", "undo", "level", "undo"]
    undone = [
        e.detail.get("undid") for e in context.store.access_log(pid) if e.detail.get("action") == "undo"
    ]
    assert undone == ["accept", "reject", "add", "level"]


def test_undo_after_another_coachs_change_is_a_conflict_not_a_silent_overwrite(context: AppContext) -> None:
    pid = _draft(context)
    sanne = Review(context.store, pid, coach_session(context.store, "Sanne"))
    sanne.reject(sanne.passport.skills[0].id)
    Review(context.store, pid, coach_session(context.store, "Bram")).add_note("Bram keek ook.")
    with pytest.raises(StorageError) as info:
        sanne.undo()
    assert info.value.code == "E307"
    saved = context.store.passport(pid)
    assert saved.skills[0].status == "rejected" and [n.text for n in saved.notes] == ["Bram keek ook."]


def test_the_pdf_says_concept_until_the_coach_sets_the_passport(context: AppContext) -> None:
    pid = _draft(context)
    review = Review(context.store, pid, coach_session(context.store, "Sanne"))
    review.accept(review.passport.skills[0].id)

    def status_line() -> str:
        _, text = pdf_text(passport_pdf(context.store.passport(pid), [], made_at=MADE_AT))
        return text

    assert CONCEPT in status_line(), "a review that was not ended is still a concept"
    review.finalise()
    saved = context.store.passport(pid)
    assert (saved.status, saved.reviewed_by) == ("reviewed", "Sanne")
    text = status_line()
    assert CONCEPT not in text and "Coach Sanne heeft dit paspoort vastgesteld op" in text
    assert "concept" not in text.lower()

    review.add_note("Nog een ding.")
    assert CONCEPT in status_line(), "a change after Vaststellen makes it a concept again"
    review.undo()
    assert context.store.passport(pid).status == "reviewed", "taking that change back gives the set passport"
    assert _events(context, pid)[-3:] == ["finalise", "note", "undo"]


async def test_the_coach_screen_takes_a_change_back_and_sets_the_passport(context: AppContext) -> None:
    add_user(context.store, "Sanne", PASSWORD)
    pid = _draft(context)
    let_coaches_look(context.store)  # the holders said Ja to a coach looking
    app = make_coach_app(context)
    async with app.run_test(size=(160, 70)) as pilot:
        draft = await _open_first_draft(app, pilot)
        assert isinstance(draft, DraftScreen)
        assert "concept" in str(draft.query_one("#who", Static).render())
        first = context.store.passport(pid).skills[0]
        draft.query_one("#skills", DataTable).focus()
        await pilot.press("r")
        await pilot.pause()
        assert context.store.passport(pid).skill(first.id).status == "rejected"
        await pilot.press("u")
        await pilot.pause()
        assert context.store.passport(pid).skill(first.id).status == "confirmed", (
            "the rejection was taken back"
        )
        await pilot.press("u")
        await pilot.pause()
        message = draft.query_one("#message", Static)
        assert message.has_class("visible") and "E508" in str(message.render())
        await pilot.click("#finalise")
        await pilot.pause()
        assert not message.has_class("visible")
        assert "vastgesteld door Sanne" in str(draft.query_one("#who", Static).render())
    assert context.store.passport(pid).status == "reviewed"
    assert _events(context, pid) == ["reject", "undo", "finalise"]
