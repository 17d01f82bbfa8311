"""The return visit at the Textual kiosk (driven headless with App.run_test): the holder types the code of a
finished passport, sees what a coach changed under "Wat is er veranderd", adds a new diploma through the
short follow-up (no intake question again), and the passport keeps both versions."""

from __future__ import annotations

from textual.widgets import Input, Static

from assistant.context import AppContext
from assistant.interview.session import InterviewSession
from assistant.passport.review import Review
from assistant.ui.answer_widgets.text import AnswerBox
from assistant.ui.app import make_app
from assistant.ui.return_screens import HistoryScreen, ReturnScreen
from assistant.ui.screens import EndScreen, QuestionScreen
from tests.conftest import coach_session
from tests.test_kiosk_app import SIZE, _question_id
from tests.test_kiosk_holder import _click


def _finished(context: AppContext) -> tuple[str, str]:
    """A passport made at the kiosk (name Ayla, building work, two skills), and its code."""
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    session.answer(text="Ayla")
    session.answer(values=["ja"])
    session.answer(values=["bouw"])
    for proposal in session.answer(values=["metselen", "tegels"]):
        session.confirm(proposal.skill_ref, "ja")
    while not session.finished:
        session.skip()
    code = session.ensure_resume_code()
    return session.finish().id, code


def _texts(app) -> str:
    return "\n".join(str(w.content) for w in app.screen.query(Static))


async def test_the_holder_comes_back_sees_the_history_and_adds_a_diploma(context: AppContext) -> None:
    pid, code = _finished(context)
    review = Review(context.store, pid, coach_session(context.store, "Sanne"))
    review.reject(review.passport.skills[1].id, note="Niet zelf gedaan")
    removed = review.passport.skills[1].label

    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#code")
        await pilot.pause()
        app.screen.query_one("#code-input", Input).value = code
        await pilot.click("#submit")
        await pilot.pause()
        assert isinstance(app.screen, ReturnScreen)
        assert "Welkom terug, Ayla!" in _texts(app)

        # What changed: the coach's change, as a version the holder can see, and the first version.
        await _click(app, pilot, "#history")
        assert isinstance(app.screen, HistoryScreen)
        shown = _texts(app)
        assert "door coach Sanne:" in shown and f"Weggehaald: {removed}." in shown
        assert "door uzelf:" in shown and "Het paspoort is gemaakt." in shown
        await _click(app, pilot, "#back")
        assert isinstance(app.screen, ReturnScreen)

        # Something new: only the follow-up's questions.
        await _click(app, pilot, "#add-new")
        assert isinstance(app.screen, QuestionScreen) and _question_id(app) == "veranderd"
        assert "Wat is er veranderd sinds " in _texts(app) and "{datum}" not in _texts(app)
        await _click(app, pilot, "#choice-nieuwe_cursus")
        await _click(app, pilot, "#submit")
        asked = [_question_id(app)]
        for typed in ("Heftruck chauffeur 🚜", "2025"):
            app.screen.query_one("#answer", AnswerBox).text = typed
            await pilot.press("enter")
            await pilot.pause()
            asked.append(_question_id(app))
        await _click(app, pilot, "#dont-know")  # the school: "Weet ik niet"
        asked.append(_question_id(app))
        await _click(app, pilot, "#choice-mbo_2")
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)

    assert asked == [
        "nieuwe_cursus_naam",
        "nieuwe_cursus_jaar",
        "nieuwe_cursus_school",
        "nieuwe_cursus_niveau",
    ]
    intake_ids = {q.id for q in context.dialogue.questions}
    assert not intake_ids & set(asked)
    passport = context.store.passport(pid)
    diploma = passport.credentials[-1]
    assert (diploma.name, diploma.kind, diploma.year, diploma.issuer, diploma.level) == (
        "Heftruck chauffeur 🚜",
        "diploma",
        2025,
        None,
        "MBO 2",
    )
    assert passport.skill(review.passport.skills[0].id) is not None, "the old skills are kept"
    versions = context.store.passport_history(pid)
    assert [(v.actor_kind, v.action) for v in versions] == [
        ("holder", "made"),
        ("coach", "reject"),
        ("holder", "followup"),
    ]
