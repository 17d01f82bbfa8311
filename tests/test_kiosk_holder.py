"""The holder at the kiosk: share chosen parts with someone until a date, stop sharing, erase everything."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.widgets import Input, Static

from assistant.context import AppContext
from assistant.ui.app import make_app
from assistant.ui.holder_access_screens import TakeAlongScreen
from assistant.ui.holder_screens import EraseScreen, ShareScreen
from assistant.ui.screens import EndScreen, WelcomeScreen
from tests.test_kiosk_app import SIZE, _skip_to_end, start_with_name


async def _click(app, pilot, selector: str) -> None:
    """Clicks a button that may be below the fold: scroll it into view first, as a person would, once the
    screen is still (an error line that goes away when a field changes moves what is under it)."""
    await pilot.pause()
    widget = app.screen.query_one(selector)
    bodies = app.screen.query("#body")
    if bodies:
        bodies.first().scroll_to_widget(widget, animate=False, top=True)
        await pilot.pause()
    await pilot.click(selector)
    await pilot.pause()


async def _to_end(app, pilot) -> str:
    await start_with_name(app, pilot, "Yara")
    await _skip_to_end(app, pilot, "ja")
    assert isinstance(app.screen, EndScreen)
    return app.screen.passport.id


@pytest.mark.slow
async def test_the_holder_shares_chosen_parts_and_can_stop_again(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        pid = await _to_end(app, pilot)
        await _click(app, pilot, "#share")
        assert isinstance(app.screen, ShareScreen)

        await _click(app, pilot, "#share")  # nothing chosen yet: a kind message, nothing saved
        assert "Kies met wie" in str(app.screen.query_one("#error", Static).content)
        assert context.store.consents(pid) == []

        for button in ("#part-ambitions", "#receiver-employer", "#purpose-sollicitatie", "#period-kwartaal"):
            await _click(app, pilot, button)
        app.screen.query_one("#receiver-name", Input).value = "Bouwbedrijf De Hoek"
        await _click(app, pilot, "#share")
        assert isinstance(app.screen, TakeAlongScreen), "the take-along code comes first"
        await _click(app, pilot, "#close")
        assert isinstance(app.screen, EndScreen)

        [consent] = context.store.consents(pid)
        assert consent.parts == ["skills", "ambitions"]
        assert (consent.receiver_kind, consent.receiver) == ("employer", "Bouwbedrijf De Hoek")
        assert consent.purpose == "Solliciteren"
        assert consent.until == date.today() + timedelta(days=92)
        assert ("eigenaar", "consent-given") in [(e.actor, e.action) for e in context.store.access_log(pid)]

        await _click(app, pilot, "#share")
        shown = " ".join(str(w.content) for w in app.screen.query(Static))
        assert "Bouwbedrijf De Hoek" in shown
        await _click(app, pilot, f"#withdraw-{consent.id}")
        assert context.store.consent(consent.id).withdrawn_at is not None


@pytest.mark.slow
async def test_the_holder_erases_everything_after_saying_yes(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        pid = await _to_end(app, pilot)
        await _click(app, pilot, "#erase")
        assert isinstance(app.screen, EraseScreen)
        await pilot.press("enter")  # the focus is on "Nee, bewaren"
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        assert context.store.passport(pid).id == pid

        await _click(app, pilot, "#erase")
        await _click(app, pilot, "#erase")
        assert isinstance(app.screen, WelcomeScreen)
    assert context.store.passports() == []
    assert context.store.sessions(("active", "paused", "finished")) == []
    assert [e.action for e in context.store.access_log()] == ["deleted"]
