"""Verder on a text question is always in view: it sits in the bar at the bottom, not under the box in the part
that scrolls, so a person who reads little never has to scroll to find it on a small screen; the "more below"
line shows only while there is something under the part in view."""

from __future__ import annotations

from textual.containers import VerticalScroll
from textual.pilot import Pilot
from textual.widgets import Button

from assistant.context import AppContext
from assistant.ui.answer_widgets.text import AnswerBox
from assistant.ui.app import KioskApp, make_app
from assistant.ui.more_below import MoreBelow
from assistant.ui.screens import ConfirmScreen, QuestionScreen
from tests.test_kiosk_app import _question_id, start_with_name

SMALL = (80, 24)
SAID = "Ik metselde twintig jaar muren en zette tegels in badkamers en keukens van nieuwe huizen"


async def _to_the_long_text_question(app: KioskApp, pilot: Pilot) -> None:
    """The longest text question of the interview: "Vertel eens wat u deed in dat werk", with help."""
    await start_with_name(app, pilot, "Mo")
    await pilot.click("#choice-ja")
    await pilot.pause()
    await pilot.click("#choice-bouw")
    await pilot.pause()
    await pilot.click("#skip")
    await pilot.pause()
    assert _question_id(app) == "werk_vertel"
    await pilot.wait_for_scheduled_animations()


def _in_view_without_scrolling(app: KioskApp, widget: Button) -> bool:
    body = app.screen.query_one("#body", VerticalScroll)
    return app.screen.region.contains_region(widget.region) and not body.region.overlaps(widget.region)


async def test_verder_is_in_view_and_no_hint_when_everything_fits(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SMALL) as pilot:
        await _to_the_long_text_question(app, pilot)
        verder = app.screen.query_one("#submit", Button)
        assert _in_view_without_scrolling(app, verder), "Verder is on screen, outside the part that scrolls"
        assert app.screen.query_one("#body", VerticalScroll).max_scroll_y == 0, "the rest fits too"
        assert not app.screen.query_one(MoreBelow).visible, "nothing below: no hint"
        await pilot.press(*SAID)
        await pilot.click("#submit")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen), "Verder sends the answer"


async def test_with_large_text_verder_stays_in_view_and_the_hint_shows_only_while_more_is_below(
    context: AppContext,
) -> None:
    context.settings.large_text = True
    app = make_app(context)
    async with app.run_test(size=SMALL) as pilot:
        await _to_the_long_text_question(app, pilot)
        body = app.screen.query_one("#body", VerticalScroll)
        hint = app.screen.query_one(MoreBelow)
        verder = app.screen.query_one("#submit", Button)
        assert body.max_scroll_y > 0, "with large text the question, the tools and the box do not fit"
        assert _in_view_without_scrolling(app, verder)
        where = verder.region

        # A person scrolls up to read the question again: the box is now (partly) below.
        body.scroll_home(animate=False)
        await pilot.pause()
        assert body.region.contains_region(app.screen.query_one("#question").region)
        assert hint.visible and "Er staat meer onder" in str(hint.content), "the screen says more follows"
        assert verder.region == where and _in_view_without_scrolling(app, verder), "Verder did not move"

        body.scroll_end(animate=False)
        await pilot.pause()
        assert body.region.contains_region(app.screen.query_one("#answer", AnswerBox).region)
        assert not hint.visible, "at the end the hint is gone"
        assert verder.region == where

        await pilot.press(*SAID)
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and _in_view_without_scrolling(app, verder)
        await pilot.click("#submit")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmScreen), "Verder sends the answer"
