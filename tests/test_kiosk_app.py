"""The real kiosk app, driven headless with the pilot: a whole interview from welcome to saved draft."""

from __future__ import annotations

import pytest
from textual.widgets import Button, Label, ProgressBar, Static

from assistant.context import AppContext
from assistant.ui.answer_widgets.text import AnswerBox
from assistant.ui.app import make_app
from assistant.ui.screens import ConfirmScreen, EndScreen, QuestionScreen, WelcomeScreen
from tests.hand_clock import HandClock

SIZE = (100, 40)


def _question_id(app) -> str | None:
    screen = app.screen
    return screen.question.id if isinstance(screen, QuestionScreen) else None


async def start_with_name(app, pilot, name: str) -> None:
    """Begins an interview and answers the first question (the name) by typing it and pressing enter."""
    await pilot.click("#start")
    await pilot.pause()
    app.screen.query_one("#answer", AnswerBox).text = name
    await pilot.press("enter")
    await pilot.pause()


async def _confirm_all(app, pilot, verdict: str = "ja") -> list[str]:
    confirmed = []
    while isinstance(app.screen, ConfirmScreen):
        confirmed.append(app.screen.proposal.skill_ref)
        await pilot.click(f"#verdict-{verdict}")
        await pilot.pause()
    return confirmed


async def _skip_to_end(app, pilot, verdict: str) -> None:
    """Skips every remaining question, answering each "Klopt dit?" with `verdict`, until the end screen."""
    for _ in range(80):
        if isinstance(app.screen, EndScreen):
            break
        if isinstance(app.screen, ConfirmScreen):
            await _confirm_all(app, pilot, verdict)
            continue
        await pilot.click("#skip")
        await pilot.pause()
    assert isinstance(app.screen, EndScreen)


@pytest.mark.slow
async def test_kiosk_full_interview_ends_with_a_saved_draft(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        assert isinstance(app.screen, WelcomeScreen)
        await pilot.click("#start")
        await pilot.pause()
        assert _question_id(app) == "naam"
        assert "Vraag 1 van" in str(app.screen.query_one("#progress-text", Label).content)
        assert app.screen.query_one("#progress", ProgressBar).total > 1

        await pilot.click("#answer")
        await pilot.press(*"Mo")
        await pilot.press("enter")
        await pilot.pause()
        assert _question_id(app) == "werk_nu"
        assert "Vraag 2 van" in str(app.screen.query_one("#progress-text", Label).content)

        await pilot.click("#choice-ja")  # mouse / touch
        await pilot.pause()
        assert _question_id(app) == "werk_sector"
        await pilot.click("#choice-bouw")
        await pilot.pause()
        assert _question_id(app) == "taken_bouw"
        # Multi choice by keyboard: number keys toggle, then Verder.
        await pilot.press("1", "2")
        await pilot.click("#submit")
        await pilot.pause()
        confirmed = await _confirm_all(app, pilot)
        assert confirmed, "construction tasks should lead to skills to confirm"

        assert _question_id(app) == "werk_vertel"
        app.screen.query_one(
            "#answer", AnswerBox
        ).text = "ik heb tien jaar gemetseld, gevoegd en ook gestukadoord"
        await pilot.click("#submit")
        await pilot.pause()
        confirmed += await _confirm_all(app, pilot, "beetje")

        await _skip_to_end(app, pilot, "nee")
        shown = " ".join(str(w.content) for w in app.screen.query(Static))
        assert "Klaar" in shown

    drafts = context.store.passports()
    assert len(drafts) == 1
    passport = context.store.passport(drafts[0][0])
    assert passport.person.nickname == "Mo"
    refs = {s.ref for s in passport.skills}
    assert set(confirmed) <= refs
    assert any(s.self_rating == "beetje" for s in passport.skills)
    assert any("gemetseld" in e.own_words for e in passport.experiences)


async def test_kiosk_empty_text_shows_kind_message_and_stays(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#start")
        await pilot.pause()
        await pilot.click("#submit")
        await pilot.pause()
        assert _question_id(app) == "naam"
        error = app.screen.query_one("#error", Static)
        assert "nog niets getypt" in str(error.content)
        assert error.has_class("visible")


async def test_kiosk_too_long_text_is_kept_on_screen(context: AppContext) -> None:
    context.settings.max_answer_chars = 20
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#start")
        await pilot.pause()
        long_text = "ik heb heel erg lang in de bouw gewerkt 🧱"
        app.screen.query_one("#answer", AnswerBox).text = long_text
        await pilot.click("#submit")
        await pilot.pause()
        assert _question_id(app) == "naam"
        assert app.screen.query_one("#answer", AnswerBox).text == long_text
        assert "te lang" in str(app.screen.query_one("#error", Static).content)


async def test_kiosk_back_and_dont_know_always_work(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#start")
        await pilot.pause()
        await pilot.click("#dont-know")
        await pilot.pause()
        assert _question_id(app) == "werk_nu"
        await pilot.press("escape")
        await pilot.pause()
        assert _question_id(app) == "naam"
        await pilot.click("#back")  # on the first question: nothing breaks
        await pilot.pause()
        assert _question_id(app) == "naam"
        assert isinstance(app.screen.query_one("#back", Button), Button)


async def test_kiosk_reads_each_screen_aloud_and_replays(context: AppContext) -> None:
    from assistant.speech.speaker import Speaker
    from tests.conftest import NULL_PLAYER

    speaker = Speaker(player=NULL_PLAYER)
    app = make_app(context, speaker=speaker)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert _spoken(speaker, "Welkom").ok
        await pilot.click("#start")
        await pilot.pause()
        question = _spoken(speaker, "Hoe mogen we u noemen?")
        assert question.ok
        await pilot.click("#read-aloud")
        await pilot.pause()
        assert _spoken(speaker, "Hoe mogen we u noemen?").text == question.text


async def test_kiosk_speech_can_be_switched_off_but_lees_voor_still_speaks(context: AppContext) -> None:
    from assistant.speech.speaker import Speaker
    from tests.conftest import NULL_PLAYER

    context.settings.auto_read = False  # the desk switched reading aloud off
    speaker = Speaker(player=NULL_PLAYER)
    app = make_app(context, speaker=speaker)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert speaker.events(timeout=1) == []
        await pilot.press("f5")
        await pilot.pause()
        assert _spoken(speaker, "Welkom").ok


def _spoken(speaker, words: str):
    """The first report of a text containing `words` being spoken (waits for the speech process)."""
    import time

    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        for event in speaker.events(timeout=0.5):
            if words in event.text:
                return event
    raise AssertionError(f"nothing with {words!r} was spoken")


@pytest.mark.slow
async def test_kiosk_language_switch_keeps_answers_and_flags_other_language_text(context: AppContext) -> None:
    from assistant.i18n import set_language

    app = make_app(context)
    try:
        async with app.run_test(size=SIZE) as pilot:
            await start_with_name(app, pilot, "Mo")
            await pilot.click("#choice-ja")
            await pilot.pause()
            assert _question_id(app) == "werk_sector"
            await pilot.press("f2")
            await pilot.pause()
            await pilot.click("#lang-en")
            await pilot.pause()
            assert _question_id(app) == "werk_sector", "the same question, now in English"
            question = str(app.screen.query_one("#question", Static).content)
            assert question != "Wat voor soort werk doet of deed u?"
            assert "Vraag" not in str(app.screen.query_one("#progress-text", Label).content)
            await pilot.click("#back")
            await pilot.pause()
            await pilot.click("#back")
            await pilot.pause()
            assert app.screen.query_one("#answer", AnswerBox).text == "Mo", "nothing was lost"
            await pilot.press("enter")
            await pilot.pause()
            await pilot.click("#choice-ja")
            await pilot.pause()
            await pilot.click("#choice-anders")
            await pilot.pause()
            app.screen.query_one("#answer", AnswerBox).text = "I was a security guard at the airport"
            await pilot.press("enter")
            await pilot.pause()
            await _skip_to_end(app, pilot, "ja")
    finally:
        set_language("nl")
    passport = context.store.passport(context.store.passports()[0][0])
    assert passport.person.nickname == "Mo"
    flagged = passport.other_language_answers()
    assert [a.own_words for a in flagged] == ["I was a security guard at the airport"]
    assert flagged[0].language == "en"


async def test_kiosk_privacy_warns_then_hides_the_person(context: AppContext) -> None:
    from assistant.ui.screens import IdleWarningScreen

    context.settings.idle_seconds = 90
    context.settings.idle_warning_seconds = 30
    app = make_app(context)
    clock = HandClock()
    app.clock = clock  # moved by hand: the idle timer's handler runs at exact moments, not after sleeps

    async def wait(seconds: float) -> None:
        clock.advance(seconds)
        app._check_idle()
        await pilot.pause()

    async with app.run_test(size=SIZE) as pilot:
        await start_with_name(app, pilot, "Geheime Naam")
        assert _question_id(app) == "werk_nu"

        await wait(90)
        assert isinstance(app.screen, IdleWarningScreen), "after a while a warning with a countdown"
        assert "seconden" in str(app.screen.query_one("#countdown", Static).content)
        await pilot.click("#still-here")
        await pilot.pause()
        assert _question_id(app) == "werk_nu", "'Ik ben er nog' goes back to the same question"

        await wait(89)
        assert _question_id(app) == "werk_nu", "'Ik ben er nog' started the idle time anew"
        await wait(1)
        assert isinstance(app.screen, IdleWarningScreen)
        await wait(30)
        assert isinstance(app.screen, WelcomeScreen)
        assert not app.screen.query("#resume"), "the next person is not offered this interview"
        shown = " ".join(str(w.content) for w in app.screen.query(Static))
        assert "Geheime Naam" not in shown
    session = context.store.sessions(("paused",))
    assert len(session) == 1
    assert context.store.answers(session[0].id)["naam"].text == "Geheime Naam", "nothing was lost"


async def test_kiosk_personal_number_is_stored_only_when_the_person_says_yes(context: AppContext) -> None:
    from assistant.ui.screens import PersonalDataScreen

    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await start_with_name(app, pilot, "Ria, bel 06-12345678")
        assert isinstance(app.screen, PersonalDataScreen)
        assert "telefoonnummer" in " ".join(str(w.content) for w in app.screen.query(Static))
        await pilot.click("#remove")
        await pilot.pause()
        assert _question_id(app) == "werk_nu"
        await pilot.click("#back")
        await pilot.pause()
        app.screen.query_one("#answer", AnswerBox).text = "Ria, mail ria@voorbeeld.nl"
        await pilot.press("enter")
        await pilot.pause()
        await pilot.click("#keep")
        await pilot.pause()
        assert _question_id(app) == "werk_nu"
    raw = context.settings.database.read_bytes()
    for suffix in ("-wal",):
        wal = context.settings.database.with_name(context.settings.database.name + suffix)
        if wal.exists():
            raw += wal.read_bytes()
    assert b"06-12345678" not in raw, "the number the person did not want kept is nowhere in the store"
    session = context.store.sessions(("active",))[0]
    assert context.store.answers(session.id)["naam"].text == "Ria, mail ria@voorbeeld.nl"
