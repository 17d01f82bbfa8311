"""A holder who comes back later with the lasting code reaches "Wat wilt u hierna?" from their own screen, in
both kiosks: the same direction and next-step screens as the end screen, Terug back to the holder's screen
(not the end screen), the choice saved as a new version made by the holder, the saved direction ticked and
named again on a later visit, and the idle timeout still hides it all. Real apps (`App.run_test()`,
Starlette's TestClient), real store, catalogue and matcher; a small learning catalogue built here, so the
steps do not depend on today's data."""

from __future__ import annotations

import re

from textual.widgets import Button

from assistant import holder, holder_code
from assistant.context import AppContext
from assistant.development.learning_options import LearningCatalogue
from assistant.interview.access import HOLDER
from assistant.ui.app import KioskApp, make_app
from assistant.ui.direction_screens import DirectionScreen
from assistant.ui.holder_access_screens import HolderScreen
from assistant.ui.screens import WelcomeScreen
from assistant.ui.step_screens import DirectionSavedScreen, StepsScreen
from tests.test_kiosk_app import SIZE
from tests.test_kiosk_direction import METSELAAR, _bricklayer, _click, _fit_button, _search, _shown
from tests.test_kiosk_holder_code import _open_with
from tests.test_kiosk_return_visit import _finished
from tests.test_web_direction import JOB, OPTIONS, VCA, _section, _steps, _text, _ticked
from tests.test_web_kiosk import Clock, TestClient, client, clock, screen, settings

__all__ = ["client", "clock", "settings"]  # fixtures of the web kiosk's tests, used here as they are

COOK = "horeca.kok"


def _with_a_licence(context: AppContext) -> None:
    """Metselaar asks for a VCA certificate, and the learning catalogue has it: there is a step to tick."""
    occupations = dict(context.catalogue.occupations)
    occupations[JOB] = occupations[JOB].model_copy(update={"licences": (VCA,)})
    context.catalogue = context.catalogue.model_copy(update={"occupations": occupations})
    context.learning = LearningCatalogue(options={o.id: o for o in OPTIONS})


# The terminal kiosk ---------------------------------------------------------------------------------------


async def _holder_screen(app: KioskApp, pilot, code: str) -> HolderScreen:
    await pilot.pause()
    await _open_with(app, pilot, holder_code.shown(code))
    assert isinstance(app.screen, HolderScreen)
    return app.screen


async def test_the_holder_chooses_a_direction_from_their_own_screen(context: AppContext) -> None:
    _with_a_licence(context)
    store = context.store
    pid = _bricklayer(context).id
    code = holder.issue_code(store, pid)
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        mine = await _holder_screen(app, pilot, code)
        assert "Wat wilt u hierna?" in _shown(app) and "Wat wilt u hierna?" in mine.spoken_text()
        assert not mine.query("#direction"), "no direction chosen yet"
        await _click(app, pilot, "#directions")
        assert isinstance(app.screen, DirectionScreen) and app.screen.fits
        await _click(app, pilot, "#back")
        assert app.screen is mine, "Terug: the holder's own screen, not the end screen"

        await _click(app, pilot, "#directions")
        directions = app.screen
        assert isinstance(directions, DirectionScreen) and not directions.query("#saved-direction")
        await _click(app, pilot, _fit_button(directions, METSELAAR))
        steps = app.screen
        assert isinstance(steps, StepsScreen) and steps.steps, "the VCA certificate at least"
        await _click(app, pilot, "#step-0")
        await _click(app, pilot, "#save")
        assert isinstance(app.screen, DirectionSavedScreen)
        saved = store.passport(pid)
        assert saved.direction is not None and saved.direction.occupation_id == METSELAAR
        assert saved.direction.chosen_by == "holder" and len(saved.development_wishes) == 1
        last = store.passport_history(pid)[-1]
        assert (last.actor_kind, last.actor, last.action) == ("holder", HOLDER, "direction")

        for _screen in range(3):  # saved, steps, directions: each Terug one back
            await _click(app, pilot, "#back")
        assert app.screen is mine, "back on the holder's screen"
        assert "Uw richting: Metselaar." in _shown(app), "what was just chosen shows there at once"
        assert "Uw richting: Metselaar." in mine.spoken_text()
        await _click(app, pilot, "#done")
        assert isinstance(app.screen, WelcomeScreen)

        # Later, with the same code: the direction again, ticked, with the step chosen then.
        mine = await _holder_screen(app, pilot, code)
        assert "Uw richting: Metselaar." in _shown(app)
        await _click(app, pilot, "#directions")
        directions = app.screen
        assert isinstance(directions, DirectionScreen)
        label = str(directions.query_one(_fit_button(directions, METSELAAR), Button).label)
        assert "✔ Metselaar" in label, "the saved direction is ticked"
        assert (
            "Uw richting: Metselaar." in _shown(app) and "Uw richting: Metselaar." in directions.spoken_text()
        )
        await _click(app, pilot, _fit_button(directions, METSELAAR))
        assert isinstance(app.screen, StepsScreen)
        assert len(app.screen.ticked) == 1, "the step chosen then is ticked again"


async def test_a_typed_direction_saved_before_comes_first_and_ticked(context: AppContext) -> None:
    store = context.store
    pid = _bricklayer(context).id
    code = holder.issue_code(store, pid)
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        mine = await _holder_screen(app, pilot, code)
        await _click(app, pilot, "#directions")
        directions = app.screen
        assert isinstance(directions, DirectionScreen)
        assert COOK not in [d.occupation_id for d in directions.fits], "cooking is no fit for a bricklayer"
        await _search(app, pilot, "kok")
        found = [d.occupation_id for d in directions.found]
        await _click(app, pilot, f"#found-{found.index(COOK)}")
        await _click(app, pilot, "#save")
        assert isinstance(app.screen, DirectionSavedScreen)
        for _screen in range(3):
            await _click(app, pilot, "#back")
        assert app.screen is mine

        await _click(app, pilot, "#directions")
        again = app.screen
        assert isinstance(again, DirectionScreen) and again is not directions
        assert again.fits[0].occupation_id == COOK, "the work chosen before, first"
        assert "✔ Kok" in str(again.query_one("#fit-0", Button).label)
        assert sum("✔" in str(b.label) for b in again.query(".direction").results(Button)) == 1


async def test_the_idle_timeout_hides_the_holders_directions(context: AppContext) -> None:
    store = context.store
    pid = _bricklayer(context).id
    code = holder.issue_code(store, pid)
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await _holder_screen(app, pilot, code)
        await _click(app, pilot, "#directions")
        assert isinstance(app.screen, DirectionScreen)
        await _click(app, pilot, _fit_button(app.screen, METSELAAR))
        assert isinstance(app.screen, StepsScreen)
        context.settings.idle_seconds = 1  # from here on, as if the person walked away
        context.settings.idle_warning_seconds = 1
        await pilot.pause(3.5)
        assert isinstance(app.screen, WelcomeScreen), "the holder's steps are not left on screen"
        assert "Metselaar" not in _shown(app) and app.holder_passport_id is None
        assert len(app.screen_stack) == 2, "nothing of the holder's kept under the welcome"


# The web kiosk --------------------------------------------------------------------------------------------


def _web_holder(client: TestClient, context: AppContext) -> tuple[str, str]:
    """Ayla's passport (muren metselen, tegels zetten) with a lasting code, opened on the holder page."""
    _with_a_licence(context)
    pid, _resume = _finished(context)
    code = holder.issue_code(context.store, pid)
    assert screen(client.post("/code", data={"code": code}).text) == "holder"
    return pid, code


def test_web_the_holder_page_leads_to_directions_and_back(client: TestClient, context: AppContext) -> None:
    store = context.store
    pid, code = _web_holder(client, context)
    page = client.get("/").text
    assert re.search(r'<form method="get" action="/richting">\s*<button type="submit" id="hierna"', page)
    assert "Wat wilt u hierna?" in _text(page) and 'id="richting"' not in page

    page = client.get("/richting").text
    assert screen(page) == "direction" and "Metselaar" in _text(_section(page, JOB))
    assert 'id="gekozen-richting"' not in page
    assert screen(client.post("/richting/terug").text) == "holder", "Terug: the holder's page, not the end"

    steps = _steps(client.get(f"/richting/stappen?beroep={JOB}").text)
    assert steps, "the VCA certificate at least"
    page = client.post("/richting/bewaar", data={"beroep": JOB, "stap": steps[:1]}).text
    assert screen(page) == "direction_chosen" and "Uw richting: Metselaar" in _text(page)
    saved = store.passport(pid)
    assert saved.direction is not None and saved.direction.occupation_id == JOB
    assert saved.direction.chosen_by == "holder" and len(saved.development_wishes) == 1
    last = store.passport_history(pid)[-1]
    assert (last.actor_kind, last.actor, last.action) == ("holder", HOLDER, "direction")
    page = client.post("/richting/terug").text
    assert screen(page) == "holder" and "Uw richting: Metselaar" in _text(page), "shown at once"

    # Later, with the same code: the direction named and ticked, the step chosen then ticked again.
    client.post("/klaar")
    assert screen(client.post("/code", data={"code": code}).text) == "holder"
    assert "Uw richting: Metselaar" in _text(client.get("/").text)
    page = client.get("/richting").text
    assert "Uw richting: Metselaar" in _text(page)
    assert re.search(rf'<section class="richting gekozen"[^>]*data-beroep="{JOB}">', page)
    assert page.count('class="richting gekozen"') == 1
    assert _ticked(client.get(f"/richting/stappen?beroep={JOB}").text) == steps[:1]


def test_web_another_browser_cannot_reach_the_holders_directions(
    client: TestClient, context: AppContext
) -> None:
    pid, _code = _web_holder(client, context)
    with TestClient(client.app) as stranger:
        assert screen(stranger.get("/richting").text) == "welcome"
        stranger.post("/richting/bewaar", data={"beroep": JOB, "stap": []})
    assert context.store.passport(pid).direction is None, "nothing saved by a stranger"


def test_web_the_idle_timeout_hides_the_holders_directions(
    client: TestClient, context: AppContext, clock: Clock
) -> None:
    pid, _code = _web_holder(client, context)
    assert screen(client.get(f"/richting/stappen?beroep={JOB}").text) == "direction_steps"
    clock.now += 61
    assert screen(client.get("/").text) == "idle"
    clock.now += 95
    assert screen(client.get("/").text) == "welcome"
    for address in ("/richting", f"/richting/stappen?beroep={JOB}"):
        assert screen(client.get(address).text) == "welcome", "the holder's directions are gone"
    client.post("/richting/bewaar", data={"beroep": JOB, "stap": []})
    assert context.store.passport(pid).direction is None
