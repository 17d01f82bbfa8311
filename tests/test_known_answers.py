"""Earlier answers are reused, never asked again: how long someone worked, and the languages they use."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from textual.widgets import Button, Static

from assistant.context import AppContext
from assistant.dialogue.known_answers import years_mentioned
from assistant.i18n import set_language
from assistant.interview.session import InterviewSession
from assistant.ui.answer_widgets.text import AnswerBox
from assistant.ui.app import make_app
from tests.test_kiosk_app import SIZE, _confirm_all, _question_id, start_with_name

NOW = datetime(2026, 11, 23, tzinfo=UTC)


@pytest.mark.parametrize(
    ("text", "years"),
    [
        ("ik werk er al 12 jaar", 12),
        ("Ik heb tien jaar muren gemetseld.", 10),
        ("sinds 2019 bij de supermarkt", 7),
        ("een half jaar in een magazijn", 0.5),
        ("drie maanden via een uitzendbureau", 0.25),
        ("I worked there for 3 years", 3),
    ],
)
def test_a_working_time_in_typed_text_is_understood(text: str, years: float) -> None:
    assert years_mentioned([text], NOW) == years


@pytest.mark.parametrize(
    "text",
    [
        "ik paste op kinderen van 4 jaar",
        "dat was 2 jaar geleden",
        "mijn zoon is 6 jaar oud",
        "ik vulde vakken",
    ],
)
def test_an_age_or_a_moment_is_not_taken_for_a_working_time(text: str) -> None:
    assert years_mentioned([text], NOW) is None


def _to_werk_vertel(session: InterviewSession) -> None:
    session.answer(text="Bram")
    session.answer(values=["ja"])
    session.answer(values=["anders"])
    session.answer(text="beveiliger")
    assert session.current is not None and session.current.id == "werk_vertel"


def test_how_long_is_not_asked_when_the_person_already_said_it(context: AppContext) -> None:
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    _to_werk_vertel(session)
    session.answer(text="ik loop al 12 jaar rondes op een bedrijventerrein")
    for proposal in session.pending():
        session.confirm(proposal.skill_ref, "ja")
    assert session.current is not None and session.current.id == "werk_leiding", "werk_duur is skipped"
    [(question, answer)] = session.just_filled_in()
    assert question.id == "werk_duur" and answer.values == ["meer_dan_5_jaar"]
    saved = context.store.answers(session.id)["werk_duur"]
    assert saved.values == ["meer_dan_5_jaar"] and saved.inferred_from == "werk_vertel"

    # Going back shows the question with that answer chosen; the person can change it, and that stands.
    session.back()
    assert session.current is not None and session.current.id == "werk_duur"
    previous = session.previous_answer()
    assert previous is not None and previous.values == ["meer_dan_5_jaar"]
    session.answer(values=["een_tot_5_jaar"])
    assert context.store.answers(session.id)["werk_duur"].inferred_from is None
    session.back()
    session.back()
    session.answer(text="ik loop al 12 jaar rondes")
    assert session.current is not None and session.current.id == "werk_duur", "own answer is not overwritten"


def test_without_a_working_time_the_question_is_asked(context: AppContext) -> None:
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    _to_werk_vertel(session)
    session.answer(text="ik liep rondes en keek naar de camera's")
    assert session.current is not None and session.current.id == "werk_duur"


@pytest.mark.slow
async def test_the_kiosk_says_what_it_already_knew_and_chooses_the_kiosk_language(
    context: AppContext,
) -> None:
    app = make_app(context)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await start_with_name(app, pilot, "Bram")
            await pilot.click("#choice-ja")
            await pilot.pause()
            await pilot.click("#choice-anders")
            await pilot.pause()
            app.screen.query_one("#answer", AnswerBox).text = "beveiliger"
            await pilot.press("enter")
            await pilot.pause()
            await _confirm_all(app, pilot)
            app.screen.query_one("#answer", AnswerBox).text = "ik werk daar al 8 jaar"
            await pilot.press("enter")
            await pilot.pause()
            await _confirm_all(app, pilot)
            assert _question_id(app) == "werk_leiding"
            shown = " ".join(str(w.content) for w in app.screen.query(Static))
            assert "Dit had u al verteld: Meer dan 5 jaar." in shown

            await pilot.press("f2")
            await pilot.pause()
            await pilot.click("#lang-pl")
            await pilot.pause()
            for _ in range(60):
                if _question_id(app) == "talen":
                    break
                if _question_id(app) is None:
                    await _confirm_all(app, pilot, "nee")
                    continue
                await pilot.click("#skip")
                await pilot.pause()
            assert _question_id(app) == "talen"
            chosen = {b.id for b in app.screen.query(".choice").results(Button) if b.has_class("selected")}
            assert chosen == {"choice-nederlands", "choice-pools"}, "Dutch and Polish were used at the kiosk"
    finally:
        set_language("nl")
