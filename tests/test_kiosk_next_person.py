"""The next person at the kiosk: an interview left open by a crash, a closed browser tab or someone who walked
away is never offered without its code, nothing of it shows on any screen reachable without the code, and
with the code it goes on where it stopped. Driven with the real app, restarted on the same store file."""

from __future__ import annotations

from textual.widgets import Digits, Input

from assistant.context import AppContext, load_context
from assistant.interview import desk
from assistant.ui.answer_widgets.text import AnswerBox
from assistant.ui.app import KioskApp, make_app
from assistant.ui.language_screen import LanguageScreen
from assistant.ui.resume_screens import CodeScreen
from assistant.ui.screens import IdleWarningScreen, QuestionScreen, WelcomeScreen
from assistant.ui.settings_screen import SettingsScreen
from tests.hand_clock import HandClock
from tests.test_kiosk_app import SIZE, _confirm_all, _question_id, start_with_name

NAME = "Zwanetta Brouwersgracht"
WORK = "Ik repareerde fietsen in de Jordaan"


def _everything_shown(app: KioskApp) -> str:
    """What anyone at the screen could read: the drawn screen, plus every input on any screen in the stack
    (a value scrolled out of sight is still one tap away)."""
    values = [w.value for screen in app.screen_stack for w in screen.query(Input)]
    values += [w.text for screen in app.screen_stack for w in screen.query(AnswerBox)]
    return app.export_screenshot() + " ".join(values)


def _assert_nothing_of_them(app: KioskApp, where: str) -> None:
    shown = _everything_shown(app).replace("&#160;", " ")
    for secret in (NAME.split()[0], NAME.split()[1], "fietsen"):
        assert secret not in shown, f"{secret!r} is readable on {where}"


async def _leave_an_interview_open(context: AppContext) -> str:
    """Someone starts, stops with a code, comes back with it, answers more, and the kiosk then dies
    without any goodbye (the app exits with the interview open). Returns the code they hold."""
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await start_with_name(app, pilot, NAME)
        await pilot.click("#choice-ja")
        await pilot.pause()
        await pilot.click("#pause")
        await pilot.pause()
        code = app.screen.query_one("#resume-code", Digits).value.replace(" ", "")
        await pilot.click("#done")
        await pilot.pause()
        await pilot.click("#code")
        await pilot.pause()
        app.screen.query_one("#code-input", Input).value = code
        await pilot.click("#submit")
        await pilot.pause()
        assert _question_id(app) == "werk_sector"
        await pilot.click("#skip")
        await pilot.pause()
        assert _question_id(app) == "werk_anders"
        app.screen.query_one("#answer", AnswerBox).text = WORK
        await pilot.press("enter")
        await pilot.pause()
        await _confirm_all(app, pilot)
        assert _question_id(app) not in (None, "werk_anders")
    assert len(context.store.sessions(("active",))) == 1, "left open, as after a crash or a closed tab"
    return code


async def test_after_a_restart_the_left_interview_needs_its_code(context: AppContext) -> None:
    code = await _leave_an_interview_open(context)
    left = context.store.sessions(("active",))[0]
    stopped_at = left.history[-1]
    context.store.close()

    restarted = load_context(context.settings)
    restarted.matcher._matcher = context.matcher._matcher
    app = make_app(restarted)
    try:
        async with app.run_test(size=SIZE) as pilot:
            assert isinstance(app.screen, WelcomeScreen)
            assert restarted.store.session(left.id).status == "paused", "paused at start, never lost"
            assert [b.id for b in app.screen.query("Button") if b.id in ("start", "code", "resume")] == [
                "start",
                "code",
            ], "only Beginnen and Ik heb een code: no way to the left interview without its code"
            _assert_nothing_of_them(app, "the welcome")

            # Every screen one can reach without the code.
            await pilot.press("f2")
            await pilot.pause()
            assert isinstance(app.screen, LanguageScreen)
            _assert_nothing_of_them(app, "the language screen")
            app.pop_screen()
            await pilot.pause()
            await pilot.click("#settings")
            await pilot.pause()
            assert isinstance(app.screen, SettingsScreen)
            _assert_nothing_of_them(app, "the settings")
            app.pop_screen()
            await pilot.pause()
            await pilot.click("#code")
            await pilot.pause()
            assert isinstance(app.screen, CodeScreen)
            app.screen.query_one("#code-input", Input).value = (
                "00000000" if code != "00000000" else "11111111"
            )
            await pilot.click("#submit")
            await pilot.pause()
            assert isinstance(app.screen, CodeScreen), "a wrong code opens nothing"
            _assert_nothing_of_them(app, "the code screen after a wrong code")
            await pilot.click("#back")
            await pilot.pause()
            await pilot.click("#start")
            await pilot.pause()
            assert _question_id(app) == "naam", "Beginnen starts a new, empty interview"
            _assert_nothing_of_them(app, "the first question of a new interview")
            for _ in range(3):
                await pilot.click("#back")
                await pilot.pause()
                _assert_nothing_of_them(app, "Terug from the first question")
            await pilot.click("#skip")
            await pilot.pause()
            _assert_nothing_of_them(app, "the next question of the new interview")
            await pilot.click("#pause")
            await pilot.pause()
            await pilot.click("#done")
            await pilot.pause()

            # With the code: on where it stopped, everything there.
            await pilot.click("#code")
            await pilot.pause()
            app.screen.query_one("#code-input", Input).value = code
            await pilot.click("#submit")
            await pilot.pause()
            assert isinstance(app.screen, QuestionScreen)
            assert _question_id(app) == stopped_at, "it goes on at the question where it stopped"
            assert app.session is not None and app.session.id == left.id
            assert app.session.interview.answers["naam"].text == NAME
            while _question_id(app) != "naam":
                await pilot.click("#back")
                await pilot.pause()
            assert NAME.split()[0] in _everything_shown(app), "with the code their own name is there again"
    finally:
        restarted.store.close()


async def test_the_next_person_after_the_idle_timeout_is_offered_nothing(context: AppContext) -> None:
    context.settings.idle_seconds = 90
    context.settings.idle_warning_seconds = 30
    app = make_app(context)
    clock = HandClock()
    app.clock = clock  # moved by hand below: the timeout does not depend on how busy the machine is
    async with app.run_test(size=SIZE) as pilot:
        await start_with_name(app, pilot, NAME)
        code = app.session.ensure_resume_code() if app.session else ""

        # The idle timer's own handler, at exact moments (the real timer may run too: it sees the same clock).
        clock.advance(89)
        app._check_idle()
        await pilot.pause()
        assert _question_id(app) == "werk_nu", "not yet: still within the idle time"
        clock.advance(1)
        app._check_idle()
        await pilot.pause()
        assert isinstance(app.screen, IdleWarningScreen), "first asked: Bent u er nog?"
        clock.advance(30)
        app._check_idle()
        await pilot.pause()

        assert isinstance(app.screen, WelcomeScreen), "the person walked away: back to the welcome"
        assert app.session is None, "the kiosk holds no interview for the next person"
        assert not app.screen.query("#resume")
        _assert_nothing_of_them(app, "the welcome after the idle timeout")
        await pilot.click("#code")
        await pilot.pause()
        app.screen.query_one("#code-input", Input).value = code
        await pilot.click("#submit")
        await pilot.pause()
        assert _question_id(app) == "werk_nu", "the one who walked away comes back with their code"


def test_the_kiosk_start_pauses_every_interview_left_open(context: AppContext) -> None:
    left = [desk.start_interview(context.store, context.dialogue, context.matcher, "nl") for _ in range(2)]
    context.store.set_session_status(left[0].id, "active")  # two open, as two crashed browser tabs
    desk.open_desk(context.store, 30)
    assert [context.store.session(s.id).status for s in left] == ["paused", "paused"]
    assert context.store.sessions(("active",)) == []
