"""The coach app's "Richting en volgende stappen" page, in the real app: the work that fits with dots, an
occupation typed with a slip, choosing it and at most three steps (saved as versions made by the coach),
a fourth step refused, "Vaststellen" kept, and "Gespreksblad maken" writing the conversation sheet."""

from __future__ import annotations

import io

from pypdf import PdfReader
from textual.pilot import Pilot
from textual.widgets import Button, Input, OptionList, SelectionList, Static

from assistant.coach_accounts import add_user
from assistant.context import AppContext
from assistant.passport.review import Review
from assistant.ui.coach_app import CoachApp, DirectionScreen, DraftScreen, make_coach_app
from tests.conftest import coach_session
from tests.test_coach_review import PASSWORD, _open_first_draft
from tests.test_sharing import _passport


async def _direction_page(app: CoachApp, pilot: Pilot[None]) -> DirectionScreen:
    await _open_first_draft(app, pilot)
    await pilot.press("g")
    await pilot.pause()
    assert isinstance(app.screen, DirectionScreen)
    return app.screen


async def _type(pilot: Pilot[None], selector: str, text: str) -> None:
    await pilot.click(selector)
    for char in text:
        await pilot.press(char)
    await pilot.pause()


def _shown(screen: DirectionScreen, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def test_a_coach_chooses_a_typed_occupation_and_three_steps_saved_as_coach_versions(
    context: AppContext,
) -> None:
    add_user(context.store, "Sanne", PASSWORD)
    pid = _passport(context, name="Noor")
    app = make_coach_app(context)
    async with app.run_test(size=(160, 80)) as pilot:
        screen = await _direction_page(app, pilot)
        fitting = screen.query_one("#fitting", OptionList)
        assert fitting.option_count >= 1
        first = str(fitting.get_option_at_index(0).prompt)
        assert "●" in first and "%" not in first, "dots, never a percentage"
        assert "Er is nog geen werk gekozen." in _shown(screen, "#chosen")

        await _type(pilot, "#occupation-search", "metselar")  # a slip, as a coach types in a hurry
        found = screen.query_one("#found", OptionList)
        assert "bouw.metselaar" in [found.get_option_at_index(i).id for i in range(found.option_count)]
        index = next(
            i for i in range(found.option_count) if found.get_option_at_index(i).id == "bouw.metselaar"
        )
        found.focus()
        found.highlighted = index
        await pilot.press("enter")
        await pilot.pause()

        chosen = _shown(screen, "#chosen")
        assert "Gekozen: Metselaar" in chosen and "Nog leren:" in chosen
        assert screen.query_one("#occupation-search", Input).value == ""
        saved = context.store.passport(pid)
        assert saved.direction is not None and saved.direction.occupation_id == "bouw.metselaar"
        assert saved.direction.chosen_by == "coach"

        steps = screen.query_one("#steps", SelectionList)
        assert steps.option_count >= 4, "a step for each skill a bricklayer still needs"
        values = [steps.get_option_at_index(i).value for i in range(4)]
        for value in values[:3]:
            steps.select(value)
        await pilot.click("#save-steps")
        await pilot.pause()
        assert not screen.query_one("#message", Static).has_class("visible")
        wishes = context.store.passport(pid).development_wishes
        assert len(wishes) == 3 and {w.chosen_by for w in wishes} == {"coach"}

        steps.select(values[3])
        # A button ignores a click while it still shows the last press: wait as a person would.
        await pilot.pause(screen.query_one("#save-steps", Button).active_effect_duration + 0.1)
        await pilot.click("#save-steps")
        await pilot.pause()
        message = screen.query_one("#message", Static)
        assert message.has_class("visible") and "E640" in str(message.render())
        assert "hoogstens 3 stappen" in str(message.render())
        assert len(context.store.passport(pid).development_wishes) == 3, "a fourth step saves nothing"

        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DraftScreen)

    history = context.store.passport_history(pid)
    assert [(v.actor_kind, v.actor, v.action) for v in history[-2:]] == [
        ("coach", "Sanne", "direction"),
        ("coach", "Sanne", "steps"),
    ]


async def test_choosing_a_direction_keeps_vaststellen_and_the_button_writes_the_sheet(
    context: AppContext,
) -> None:
    add_user(context.store, "Sanne", PASSWORD)
    pid = _passport(context, name="Noor")
    Review(context.store, pid, coach_session(context.store, "Anja")).finalise()
    app = make_coach_app(context)
    async with app.run_test(size=(160, 80)) as pilot:
        screen = await _direction_page(app, pilot)
        fitting = screen.query_one("#fitting", OptionList)
        label = str(fitting.get_option_at_index(0).prompt).split("  ", 1)[1]
        fitting.focus()
        fitting.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        assert "(gekozen)" in str(fitting.get_option_at_index(0).prompt)

        await pilot.click("#make-sheet")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert str(context.settings.exports) in _shown(screen, "#written")

    passport = context.store.passport(pid)
    assert passport.direction is not None and passport.direction.label == label
    assert passport.status == "reviewed", "choosing work does not change what the person can do"
    sheet = context.settings.exports / f"gesprek-{pid[:8]}.pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(sheet.read_bytes())).pages)
    assert "Gesprek over werk en leren: Noor" in " ".join(text.split())
    assert label in text and "Samen met de coach gekozen op" in " ".join(text.split())
    assert [e.actor for e in context.store.access_log(pid) if e.action == "conversation-sheet"] == ["Sanne"]


async def test_the_page_is_only_there_for_an_open_draft(context: AppContext) -> None:
    add_user(context.store, "Sanne", PASSWORD)
    _passport(context, name="Noor")
    app = make_coach_app(context)
    async with app.run_test(size=(160, 80)) as pilot:
        await pilot.press("g")  # on the login screen: nothing to reach
        await pilot.pause()
        assert not isinstance(app.screen, DirectionScreen)
