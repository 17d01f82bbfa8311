"""What a new user met at the terminal kiosk by touch, and what they notice now it is fixed: after a tap the
typing still lands in the box, an error line goes away once they type, and no error codes are shown."""

from __future__ import annotations

import logging
import re

import pytest
from textual.geometry import Region
from textual.widgets import Button, Input, Static

from assistant.context import AppContext
from assistant.ui.answer_widgets.text import AnswerBox
from assistant.ui.app import make_app
from assistant.ui.holder_screens import EraseScreen
from assistant.ui.more_below import MoreBelow
from assistant.ui.resume_screens import CodeScreen
from assistant.ui.screens import EndScreen, WelcomeScreen
from tests.test_kiosk_app import SIZE, _question_id, _skip_to_end, start_with_name
from tests.test_kiosk_settings import _to_sector_question, _toggle


def _error(app) -> Static:
    return app.screen.query_one("#error", Static)


def _shown(app) -> str:
    """Every text on the screen that is in view."""
    return " ".join(str(w.content) for w in app.screen.query(Static) if w.display and w.visible)


def _focused_id(app) -> str | None:
    return app.focused.id if app.focused is not None else None


async def test_typing_after_an_empty_verder_lands_in_the_text_box(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#start")
        await pilot.pause()
        await pilot.click("#submit")  # nothing typed yet
        await pilot.pause()
        assert _error(app).has_class("visible")
        assert _focused_id(app) == "answer", "the focus is back in the text box, not on Verder"
        await pilot.press(*"Mo")
        await pilot.pause()
        assert app.screen.query_one("#answer", AnswerBox).text == "Mo"
        await pilot.click("#read-aloud")  # any other tap on the screen gives the focus back too
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert _question_id(app) == "werk_nu"


async def test_the_code_field_keeps_the_focus_after_a_tap_on_verder_or_a_number(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#code")
        await pilot.pause()
        assert isinstance(app.screen, CodeScreen)
        await pilot.click("#submit")  # no code yet
        await pilot.pause()
        assert _error(app).has_class("visible")
        assert _focused_id(app) == "code-input"
        await pilot.click("#digit-1")  # the number keys on screen and on a keyboard work together
        await pilot.pause()
        assert _focused_id(app) == "code-input"
        await pilot.press("2", "3")
        await pilot.pause()
        assert app.screen.query_one("#code-input", Input).value == "123"


async def test_the_empty_answer_message_goes_away_with_the_first_key(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#start")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert "nog niets getypt" in str(_error(app).content) and _error(app).has_class("visible")
        await pilot.press("M")
        await pilot.pause()
        assert not _error(app).has_class("visible") and str(_error(app).content) == ""
        assert "nog niets getypt" not in _shown(app)


async def test_the_unknown_code_message_goes_away_with_the_first_key(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#code")
        await pilot.pause()
        await pilot.press(*"12345678", "enter")
        await pilot.pause()
        assert "Deze code kennen we niet" in str(_error(app).content)
        await pilot.press("backspace")
        await pilot.pause()
        assert not _error(app).has_class("visible")
        await pilot.press("9", "enter")  # wrong again: the message comes back
        await pilot.pause()
        assert _error(app).has_class("visible")
        await pilot.click("#erase")  # a tap on the keypad's Wissen changes the code too
        await pilot.pause()
        assert not _error(app).has_class("visible")


async def test_the_worker_sees_no_error_codes_but_the_log_has_them(
    context: AppContext, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="assistant.errors")
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#start")
        await pilot.pause()
        await pilot.press("enter")  # E101
        await pilot.pause()
        assert "nog niets getypt" in _shown(app)
        assert not re.search(r"E\d{3}", _shown(app)), "no code on the question screen"
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#code")
        await pilot.pause()
        await pilot.press(*"12345678", "enter")  # E107
        await pilot.pause()
        assert "Deze code kennen we niet" in _shown(app)
        assert not re.search(r"E\d{3}", _shown(app)), "no code on the code screen"
    logged = " ".join(r.getMessage() for r in caplog.records)
    assert "E101" in logged and "E107" in logged, "whoever fixes the cause finds the codes in the log"


async def test_a_long_answer_wraps_over_several_lines_and_verder_sends_it(context: AppContext) -> None:
    said = "Ik heet Mo en ik werk al twintig jaar in de bouw als metselaar"
    app = make_app(context)
    async with app.run_test(size=(60, 40)) as pilot:
        await pilot.click("#start")
        await pilot.pause()
        box = app.screen.query_one("#answer", AnswerBox)
        assert box.region.height >= 5, "a box of several lines, not one line"
        await pilot.press(*said)
        await pilot.pause()
        assert box.text == said
        assert box.wrapped_document.height >= 2, "the answer goes on on the next line"
        assert box.max_scroll_x == 0 and box.scroll_x == 0, "nothing scrolls sideways out of view"
        await pilot.click("#submit")
        await pilot.pause()
        assert _question_id(app) == "werk_nu"
    session = context.store.sessions(("active",))[0]
    assert [a.text for a in context.store.answers(session.id).values()] == [said]


async def test_with_large_text_on_a_small_screen_every_choice_can_be_reached(context: AppContext) -> None:
    context.settings.large_text = True
    app = make_app(context)
    async with app.run_test(size=(80, 30)) as pilot:
        await start_with_name(app, pilot, "Mo")
        await pilot.click("#choice-ja")
        await pilot.pause()
        assert _question_id(app) == "werk_sector"
        body = app.screen.query_one("#body")
        hint = app.screen.query_one(MoreBelow)
        last = app.screen.query_one("#choice-anders", Button)
        assert not body.region.contains_region(last.region), "the last choice is out of view at first"
        assert hint.visible and "Meer keuzes onder" in str(hint.content), "so the screen says more follow"
        for _tap in range(20):  # a person taps the hint until they see what they look for
            if not hint.visible:
                break
            await pilot.click(MoreBelow)
            await pilot.pause()
        assert not hint.visible, "at the end the hint is gone"
        assert body.region.contains_region(last.region), "and the last choice is in view"
        await pilot.click("#choice-anders")
        await pilot.pause()
        assert _question_id(app) == "werk_anders"


async def test_the_hint_comes_when_large_text_is_switched_on_over_a_question(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=(100, 50)) as pilot:
        await _to_sector_question(app, pilot)
        hint = app.screen.query_one(MoreBelow)
        assert not hint.visible, "eleven choices in two columns fit: no hint"
        await _toggle(app, pilot, "large_text")
        await pilot.pause()
        assert app.screen.query_one(MoreBelow) is hint and hint.visible, (
            "one per row, taller: they no longer fit"
        )


async def test_settings_stay_under_the_finger_when_they_are_switched(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#settings")
        await pilot.pause()
        ids = ["#pref-auto_read", "#pref-slow_speech", "#pref-large_text", "#pref-high_contrast", "#close"]

        def regions() -> list[Region]:
            return [app.screen.query_one(i).region for i in ids]

        before = regions()
        large = app.screen.query_one("#pref-large_text").region
        await pilot.click(offset=(large.x + 5, large.y + 1))
        await pilot.pause()
        assert app.has_class("-large-text")
        assert regions() == before, "large text on: every button where it was"
        await pilot.click("#pref-high_contrast")
        await pilot.pause()
        assert regions() == before, "strong contrast on: every button where it was"
        await pilot.click(offset=(large.x + 5, large.y + 1))  # the same spot again: the same button
        await pilot.pause()
        assert not app.has_class("-large-text")
        assert regions() == before


def _label(app, selector: str) -> str:
    return str(app.screen.query_one(selector, Button).label)


async def test_ticked_choices_show_a_tick_and_not_only_a_colour(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await _to_sector_question(app, pilot)
        await pilot.click("#choice-bouw")
        await pilot.pause()
        assert _question_id(app) == "taken_bouw"
        first, second = (f"#choice-{c.id}" for c in app.screen.question.options[:2])
        assert _label(app, first).startswith("○") and "✔" not in _label(app, first), "can be ticked"
        await pilot.click(first)
        await pilot.pause()
        assert _label(app, first).startswith("✔"), "ticked: a tick in the words of the button"
        assert _label(app, second).startswith("○")
        await pilot.pause(0.5)  # a button takes no second tap while it still flashes from the first
        await pilot.click(first)
        await pilot.pause()
        assert _label(app, first).startswith("○"), "tapped again: not ticked"
        await pilot.click("#back")
        await pilot.pause()
        assert _question_id(app) == "werk_sector"
        assert _label(app, "#choice-bouw").startswith("✔"), "the earlier choice shows its tick"
        assert "✔" not in _label(app, "#choice-zorg")


def _apart(a: Region, b: Region) -> bool:
    """At least one empty cell between the two: a finger aimed at one does not touch the other."""
    return not a.grow((1, 1, 1, 1)).overlaps(b)


async def test_later_verder_sits_in_the_top_bar_away_from_the_answers(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await _to_sector_question(app, pilot)
        pause = app.screen.query_one("#pause").region
        choices = [b.region for b in app.screen.query(".choice").results(Button)]
        assert choices and all(_apart(pause, c) for c in choices)
        assert pause.bottom <= app.screen.query_one("#question").region.y, (
            "above the question, not among the answers"
        )
        assert all(_apart(pause, b.region) for b in app.screen.query("#nav Button").results(Button))
        app.screen.query_one("#body").scroll_end(animate=False)
        await pilot.pause()
        assert app.screen.query_one("#pause").region == pause, (
            "a fixed place: it does not scroll with the answers"
        )


async def test_erasing_needs_two_deliberate_taps_and_a_double_tap_keeps_everything(
    context: AppContext,
) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await start_with_name(app, pilot, "Yara")
        await _skip_to_end(app, pilot, "ja")
        assert isinstance(app.screen, EndScreen)
        pid = app.screen.passport.id
        share, erase = (app.screen.query_one(i).region for i in ("#share", "#erase"))
        assert _apart(share, erase) and erase.y - share.bottom >= 5, "Alles wissen is far from Delen"
        spot = (erase.x + 2, erase.y + 1)
        await pilot.click(offset=spot)
        await pilot.pause(0.3)
        assert isinstance(app.screen, EraseScreen), "one tap only asks"
        assert _apart(app.screen.query_one("#erase").region, erase), "Ja is not where the first tap was"
        await pilot.click(offset=spot)  # the same spot again, as a stray double tap would
        await pilot.pause()
        assert isinstance(app.screen, EndScreen), "that tap said Nee, bewaren"
        assert context.store.passport(pid).id == pid
        await pilot.click("#erase")
        await pilot.pause(0.3)
        await pilot.click("#erase")  # "Ja, alles wissen", on purpose
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
    assert context.store.passports() == []
