"""The settings a person can change at the kiosk: reading aloud, slower speech, large text, strong contrast;
and choosing among more than nine choices with the number keys."""

from __future__ import annotations

from textual.color import Color
from textual.widgets import Button

from assistant.context import AppContext
from assistant.speech.speaker import Speaker
from assistant.speech.voices import NORMAL_RATE, SLOW_RATE
from assistant.ui.app import make_app
from assistant.ui.screens import WelcomeScreen
from assistant.ui.settings_screen import SettingsScreen
from assistant.ui.themes import HIGH_CONTRAST
from tests.conftest import NULL_PLAYER
from tests.test_kiosk_app import SIZE, _question_id, _spoken, start_with_name


async def _to_sector_question(app, pilot) -> None:
    await start_with_name(app, pilot, "Mo")
    await pilot.click("#choice-ja")
    await pilot.pause()
    assert _question_id(app) == "werk_sector"


async def _toggle(app, pilot, name: str) -> None:
    await pilot.click("#settings")
    await pilot.pause()
    assert isinstance(app.screen, SettingsScreen)
    await pilot.click(f"#pref-{name}")
    await pilot.pause()
    await pilot.click("#close")
    await pilot.pause()


async def test_large_text_gives_one_big_choice_per_row(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await _to_sector_question(app, pilot)
        first, second = (app.screen.query_one(f"#choice-{c}", Button) for c in ("bouw", "metaal_elektro"))
        assert first.region.y == second.region.y, "normally two choices side by side"
        await _toggle(app, pilot, "large_text")
        assert _question_id(app) == "werk_sector", "the same question stays on screen"
        first, second = (app.screen.query_one(f"#choice-{c}", Button) for c in ("bouw", "metaal_elektro"))
        assert first.region.x == second.region.x and second.region.y > first.region.y
        assert first.region.height == 5 and first.region.width > 80


async def test_strong_contrast_is_white_and_yellow_on_black(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await _toggle(app, pilot, "high_contrast")
        assert app.theme == HIGH_CONTRAST
        code = app.screen.query_one("#code", Button)
        assert code.styles.background == Color.parse("#000000")
        assert code.styles.color == Color.parse("#FFFFFF")
        focused = app.focused
        assert isinstance(focused, Button) and focused is not code
        assert focused.styles.background == Color.parse("#FFFF00"), "focus shows as a yellow block"


async def test_reading_aloud_can_be_switched_off_and_slowed_down_by_the_person(context: AppContext) -> None:
    speaker = Speaker(player=NULL_PLAYER)
    app = make_app(context, speaker=speaker)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert _spoken(speaker, "Welkom").ok
        await _toggle(app, pilot, "slow_speech")
        assert speaker.rate == SLOW_RATE < NORMAL_RATE
        await _toggle(app, pilot, "auto_read")
        speaker.events(timeout=1)  # what was said while toggling
        await pilot.click("#start")
        await pilot.pause()
        assert not [e for e in speaker.events(timeout=1.5) if "noemen" in e.text], "no longer read by itself"
        await pilot.click("#read-aloud")
        await pilot.pause()
        assert _spoken(speaker, "Hoe mogen we u noemen?").ok, "Lees voor still reads"


async def test_the_next_person_starts_with_the_desk_settings(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await _toggle(app, pilot, "high_contrast")
        await _toggle(app, pilot, "large_text")
        await _to_sector_question(app, pilot)
        await pilot.click("#pause")
        await pilot.pause()
        await pilot.click("#done")
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        assert app.theme != HIGH_CONTRAST and not app.has_class("-large-text")


async def test_number_keys_reach_choices_ten_and_eleven(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await _to_sector_question(app, pilot)
        await pilot.press("1", "1")  # the eleventh choice: "Iets anders"
        await pilot.pause()
        assert _question_id(app) == "werk_anders"
        await pilot.click("#back")
        await pilot.pause()
        await pilot.press("1")  # on its own, after a moment: the first choice
        await pilot.pause(1.2)
        assert _question_id(app) == "taken_bouw"
