"""SVG snapshots of the key kiosk screens: welcome, a choice question, free text, a skill to confirm, the end.

Deterministic: a fixed terminal size, Dutch, no speech, no idle timer, a fixed resume code and lasting
code, and a steady cursor. After a deliberate change of a screen, look at the new picture and accept it with
`.venv/bin/pytest tests/test_snapshots.py --snapshot-update`.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from assistant.config import Settings
from assistant.context import AppContext, load_context
from assistant.skills.assembly import as_proposer
from assistant.skills.matcher import SkillMatcher
from assistant.speech.speaker import Speaker
from assistant.ui.answer_widgets.text import AnswerBox
from assistant.ui.app import KioskApp, make_app
from assistant.ui.screens import ConfirmScreen, EndScreen, QuestionScreen
from tests.conftest import NULL_PLAYER

SIZE = (100, 36)
Steps = Callable[[Pilot], Awaitable[None]]


@pytest.fixture
def app(tmp_path: Path, matcher: SkillMatcher, monkeypatch: pytest.MonkeyPatch) -> Iterator[KioskApp]:
    monkeypatch.setattr("assistant.resume_code.new_code", lambda: "20261123")
    monkeypatch.setattr("assistant.holder_code.new_holder_code", lambda: "202611230412")
    settings = Settings(
        data_dir=tmp_path,
        db_path=tmp_path / "kiosk.sqlite3",
        language="nl",
        idle_seconds=10**6,
        auto_read=False,
        audio_player=NULL_PLAYER,
    )
    context: AppContext = load_context(settings)
    context.matcher._matcher = as_proposer(matcher)
    yield make_app(context, speaker=Speaker(player=NULL_PLAYER, enabled=False))
    context.store.close()


def _steady(steps: Steps | None = None) -> Steps:
    async def run(pilot: Pilot) -> None:
        await pilot.pause()
        if steps is not None:
            await steps(pilot)
        for field in pilot.app.screen.query(Input):
            field.cursor_blink = False
        for box in pilot.app.screen.query(AnswerBox):
            box.cursor_blink = False
        await pilot.pause()

    return run


async def _start_and_name(pilot: Pilot) -> None:
    await pilot.click("#start")
    await pilot.pause()
    pilot.app.screen.query_one("#answer", AnswerBox).text = "Mo"
    await pilot.press("enter")
    await pilot.pause()


async def _choice_question(pilot: Pilot) -> None:
    await _start_and_name(pilot)
    await pilot.click("#choice-ja")
    await pilot.pause()
    assert isinstance(pilot.app.screen, QuestionScreen) and pilot.app.screen.question.id == "werk_sector"


async def _free_text(pilot: Pilot) -> None:
    await pilot.click("#start")
    await pilot.pause()
    await pilot.press(*"Mo")


async def _confirm(pilot: Pilot) -> None:
    await _choice_question(pilot)
    await pilot.click("#choice-bouw")
    await pilot.pause()
    await pilot.press("1")
    await pilot.click("#submit")
    await pilot.pause()
    assert isinstance(pilot.app.screen, ConfirmScreen)


async def _end(pilot: Pilot) -> None:
    await _confirm(pilot)
    for _ in range(80):
        if isinstance(pilot.app.screen, EndScreen):
            break
        screen = pilot.app.screen
        if isinstance(screen, QuestionScreen) and screen.question.id == "coach_meekijken":
            await pilot.click("#choice-ja")  # the end screen then says that a coach looks
        else:
            await pilot.click("#verdict-ja" if isinstance(screen, ConfirmScreen) else "#skip")
        await pilot.pause()
    assert isinstance(pilot.app.screen, EndScreen)


def test_snapshot_welcome(app: KioskApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=_steady())


def test_snapshot_choice_question(app: KioskApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=_steady(_choice_question))


def test_snapshot_free_text_question(app: KioskApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=_steady(_free_text))


def test_snapshot_skill_confirmation(app: KioskApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=_steady(_confirm))


def test_snapshot_end(app: KioskApp, snap_compare) -> None:
    assert snap_compare(app, terminal_size=SIZE, run_before=_steady(_end))
