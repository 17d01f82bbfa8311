"""The way to a direction in a real browser: `assistent web` as its own process, Debian's Chromium (through
Playwright) on a touch screen, from a finished passport's end page to "Wat wilt u hierna?", an occupation
typed with a spelling mistake, four steps ticked (refused kindly, every tick kept), three saved and read
back, Terug; in Dutch on a 1080p kiosk screen and in Arabic on a tablet. On each page axe-core (WCAG 2.0-2.2
A and AA) finds nothing serious or critical, every target is at least 44 px, Hulp and Terug stay in their
place, and the page says its language and direction (the checks of tests/test_web_kiosk_browser.py).
Screenshots of the list and the steps are kept in build/e2e-web/."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Browser, ViewportSize

from assistant.context import AppContext
from benchmarks.web_walk import screen_kind, tap_and_wait
from tests.browser_support import Served
from tests.conftest import open_store_at
from tests.test_kiosk_return_visit import _finished
from tests.test_web_kiosk_browser import (
    ARTEFACTS,
    KIOSK_SCREEN,
    MIN_TARGET,
    TABLET,
    ScreenChecks,
    _touch_page,
    _type_on_keypad,
    browser,
    served,
)

__all__ = ["browser", "served"]  # fixtures of the web kiosk's browser tests, used here as they are

pytestmark = pytest.mark.slow

JOB = "bouw.metselaar"


@pytest.mark.parametrize(("language", "viewport"), [("nl", KIOSK_SCREEN), ("ar", TABLET)])
def test_a_direction_and_three_steps_by_touch(
    served: Served,
    browser: Browser,
    context: AppContext,
    tmp_path: Path,
    language: str,
    viewport: ViewportSize,
) -> None:
    # The conftest store is the served kiosk's own file (both in tmp_path): made there, typed in here.
    assert context.settings.db_path == served.db
    pid, code = _finished(context)
    page = _touch_page(browser, viewport, served, [])
    checks = ScreenChecks(language, tmp_path)
    page.goto(served.url)
    page.locator("#ik-heb-een-code").tap()
    page.wait_for_selector('#scherm[data-screen="code"]')
    page.wait_for_load_state("load")
    _type_on_keypad(page, code)
    tap_and_wait(page, page.locator("#verder"))
    tap_and_wait(page, page.locator('button.kaart[value="paspoort"]'))
    assert screen_kind(page) == "end"
    if language != "nl":
        tap_and_wait(page, page.locator("#taal"))
        tap_and_wait(page, page.locator(f'button[name="taal"][value="{language}"]'))
        assert screen_kind(page) == "end"

    tap_and_wait(page, page.locator("#hierna"))
    assert screen_kind(page) == "direction"
    checks(page, "direction")
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(ARTEFACTS / f"{language}-direction.png"))  # kept for a person to look at
    dots = page.locator("section.richting .stippen").first
    assert dots.locator(".stippen-beeld").get_attribute("aria-hidden") == "true"
    assert dots.locator(".stippen-woorden").inner_text().strip(), "the dots in words"

    page.locator("#beroep-invoer").tap()
    page.locator("#beroep-invoer").fill("metselaer")
    field = page.locator("#beroep-invoer").bounding_box()
    assert field is not None and field["height"] >= MIN_TARGET
    tap_and_wait(page, page.locator("#zoeken"))
    assert screen_kind(page) == "direction"
    assert page.locator("#beroep-invoer").input_value() == "metselaer", "what was typed stays"
    tap_and_wait(page, page.locator(f'button.kies-beroep[value="{JOB}"]'))
    assert screen_kind(page) == "direction_steps"
    checks(page, "direction_steps")
    page.screenshot(path=str(ARTEFACTS / f"{language}-direction-steps.png"))

    steps = page.locator("label.kaart.stap")
    assert steps.count() >= 4
    for n in range(4):
        steps.nth(n).tap()
    tap_and_wait(page, page.locator("#bewaren"))
    assert screen_kind(page) == "direction_steps"
    assert page.locator("#fout").inner_text().strip(), "a kind message beside Bewaren"
    assert page.locator('input[name="stap"]:checked').count() == 4, "every tick kept"
    steps.nth(3).tap()
    tap_and_wait(page, page.locator("#bewaren"))
    assert screen_kind(page) == "direction_chosen"
    checks(page, "direction_chosen")
    assert page.locator("ol.gekozen-stappen li").count() == 3

    store = open_store_at(served.db)
    try:
        saved = store.passport(pid)
        assert saved.direction is not None and saved.direction.occupation_id == JOB
        assert len(saved.development_wishes) == 3
        assert store.passport_history(pid)[-1].actor_kind == "holder"
    finally:
        store.close()

    tap_and_wait(page, page.locator("#terug"))
    assert screen_kind(page) == "direction_steps"
    assert page.locator('input[name="stap"]:checked').count() == 3, "read back from the passport"
    tap_and_wait(page, page.locator("#terug"))
    assert screen_kind(page) == "direction"
    tap_and_wait(page, page.locator("#terug"))
    assert screen_kind(page) == "end"

    assert {k: v for k, v in checks.serious.items() if v} == {}, "axe-core: serious or critical violations"
    assert {k: v for k, v in checks.small_targets.items() if v} == {}, f"targets under {MIN_TARGET} px"
    moved = {spot: places for spot, places in checks.places.items() if len(places) > 1}
    assert moved == {}, "Hulp and Terug stay in the same place on every page (WCAG 3.2.6)"
