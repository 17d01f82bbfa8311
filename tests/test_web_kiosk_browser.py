"""The touch web kiosk in a real browser: `assistent web` runs as its own process, Debian's Chromium (through
Playwright) taps a whole interview on a touch viewport, in Dutch on a 1080p kiosk screen and in Arabic on a
tablet. After every answer and every "Klopt dit?" the store holds what was tapped or typed. On each kind of
screen axe-core (WCAG 2.0-2.2 A and AA) finds nothing serious or critical, every target is at least 44 px,
help and the way back stay in the same place, and the page says its language and direction. Screenshots of
the welcome, a choice screen, a confirm screen and the end are kept in build/e2e-web/.

The page contract (what this test and benchmarks/web_walk.py rely on): every page has
`<main id="scherm" data-screen="welcome|question|confirm|personal|pause|code|end|erase|idle|return|history">`; a question
names itself in `data-question`, a confirm screen its skill in `data-skill`; single choices are
`button.kaart[name=keuze]`, multiple choices `label.kaart` around `input[name=keuze]`, typed answers go in
`textarea#tekst`; `#verder`, `#terug`, `#weetniet`, `#overslaan`, `#later`, `#lees-voor`, `#hulp`; verdicts
`button[name=oordeel]`; the code screen's keypad `button.toets[data-cijfer]` and `#code-invoer`; the pause
screen's `#code`; the end's `#klaar` and `#wissen`; the return screen's cards `button.kaart[name=keuze]`
(nieuw, geschiedenis, paspoort) and its `#klaar`; the history's `#terug`; the reading aloud `audio#spraak`.
"""

from __future__ import annotations

import random
import re
import shutil
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, ViewportSize, sync_playwright

from assistant.config import REPO_ROOT
from assistant.context import AppContext
from assistant.passport.review import Review
from benchmarks.web_walk import (
    SPEECH_TIMING,
    TOUCH_TIMING,
    OnSaved,
    Walk,
    axe_violations,
    screen_kind,
    start,
    tap_and_wait,
    walk_interview,
)
from tests.browser_support import (
    Served,
    assistent_served,
    launch_chromium,
    only_this_server,
)
from tests.conftest import coach_session, open_store_at
from tests.test_kiosk_return_visit import _finished

pytestmark = pytest.mark.slow

ARTEFACTS = REPO_ROOT / "build" / "e2e-web"
AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
KIOSK_SCREEN: ViewportSize = {"width": 1920, "height": 1080}
TABLET: ViewportSize = {"width": 820, "height": 1180}
#: The screens kept as pictures, the first of each kind.
PHOTOGRAPHED = ("welcome", "question", "confirm", "end")
#: WCAG 2.5.5: a target a finger can hit.
MIN_TARGET = 44


@pytest.fixture
def served(tmp_path: Path) -> Iterator[Served]:
    with assistent_served("web", tmp_path, "gezond") as served:
        yield served


@pytest.fixture
def browser() -> Iterator[Browser]:
    assert AXE.exists(), "axe-core is missing: `make test` (scripts/setup.sh test) installs it with npm"
    with sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


def _touch_page(browser: Browser, viewport: ViewportSize, served: Served, elsewhere: list[str]) -> Page:
    context = browser.new_context(viewport=viewport, has_touch=True, is_mobile=viewport is TABLET)
    page = context.new_page()
    page.set_default_timeout(20_000)
    page.add_init_script(SPEECH_TIMING + TOUCH_TIMING)
    page.route("**/*", only_this_server(served.url.rstrip("/"), elsewhere))
    return page


@dataclass
class ScreenChecks:
    """What is checked on every screen of a walk, and what was found."""

    language: str
    shots: Path
    serious: dict[str, list[dict[str, object]]] = field(default_factory=dict)
    small_targets: dict[str, list[str]] = field(default_factory=dict)
    places: dict[str, set[tuple[int, int, int, int]]] = field(default_factory=dict)
    photographed: list[str] = field(default_factory=list)
    hidden_actions: dict[str, set[str]] = field(default_factory=dict)

    def __call__(self, page: Page, kind: str) -> None:
        html = page.locator("html")
        assert html.get_attribute("lang") == self.language, f"{kind}: the page says its language"
        assert html.get_attribute("dir") == ("rtl" if self.language == "ar" else "ltr"), f"{kind}: direction"
        assert page.title().strip(), f"{kind}: a page title"
        for fixed in ("#hulp", "#terug", "#weetniet", "#overslaan"):
            box = page.locator(fixed).bounding_box() if page.locator(fixed).count() else None
            if box is not None:
                spot = (round(box["x"]), round(box["y"]), round(box["width"]), round(box["height"]))
                self.places.setdefault(fixed, set()).add(spot)
        for main_action in ("#verder", "#klaar"):
            if page.locator(main_action).count():
                # In sight and not under a bar, without scrolling: a person who reads little does not know
                # to scroll down for the way on.
                seen = page.locator(main_action).evaluate(
                    """(e) => { const r = e.getBoundingClientRect();
                                const hit = document.elementFromPoint(r.x + r.width / 2, r.y + r.height / 2);
                                return r.bottom <= innerHeight && hit !== null && e.contains(hit); }"""
                )
                self.hidden_actions.setdefault(kind, set())
                if not seen:
                    self.hidden_actions[kind].add(main_action)
        if kind in self.serious:
            return  # each kind of screen is checked in full once
        violations = axe_violations(page, AXE)
        self.serious[kind] = [v for v in violations if v["impact"] in ("serious", "critical")]
        self.small_targets[kind] = page.evaluate(
            """(min) => [...document.querySelectorAll('button, label.kaart, textarea, a.knop, #ik-heb-een-code')]
                .filter(e => e.offsetParent !== null)
                .filter(e => { const r = e.getBoundingClientRect(); return r.width < min || r.height < min; })
                .map(e => e.id || e.getAttribute('value') || e.textContent.trim().slice(0, 30))""",
            MIN_TARGET,
        )
        if kind in PHOTOGRAPHED:
            path = self.shots / f"{self.language}-{kind}.png"
            page.screenshot(path=str(path))
            self.photographed.append(kind)


def _saved_checker(served: Served) -> OnSaved:
    def check(walk: Walk, kind: str, what: str | None) -> None:
        store = open_store_at(served.db)
        try:
            sessions = store.sessions(("active", "finished"))
            assert len(sessions) == 1, "one interview at this desk"
            session = sessions[0]
            if kind == "question":
                assert what is not None
                answers = store.answers(session.id)
                assert what in answers, f"the answer to {what} was saved when it was given"
                values, text = walk.answered[what]
                if text is not None:
                    assert answers[what].text == text
                else:
                    assert list(answers[what].values) == values
            else:
                verdicts = {p.skill_ref: p.verdict for p in store.proposals(session.id)}
                assert verdicts.get(what or "") == "ja", f"'ja' on {what} was saved when it was tapped"
        finally:
            store.close()

    return check


@pytest.mark.parametrize(("language", "viewport"), [("nl", KIOSK_SCREEN), ("ar", TABLET)])
def test_a_whole_interview_by_touch(
    served: Served, browser: Browser, tmp_path: Path, language: str, viewport: ViewportSize
) -> None:
    elsewhere: list[str] = []
    page = _touch_page(browser, viewport, served, elsewhere)
    checks = ScreenChecks(language, tmp_path)
    page.goto(served.url)
    if language != "nl":
        tap_and_wait(page, page.locator(f'button[name="taal"][value="{language}"]'))
    checks(page, "welcome")
    tap_and_wait(page, page.locator("#beginnen"))

    walk = walk_interview(page, language, random.Random(7), checks, _saved_checker(served))

    assert walk.screens[-1] == "end"
    assert "confirm" in walk.screens, "the kiosk asked 'Klopt dit?' at least once"
    assert sum(1 for kind in walk.screens if kind == "question") >= 5
    store = open_store_at(served.db)
    try:
        (session,) = store.sessions(("finished",))
        assert session.passport_id, "the end screen comes with a passport"
        assert session.language == language
    finally:
        store.close()
    assert {k: v for k, v in checks.serious.items() if v} == {}, "axe-core: serious or critical violations"
    assert {k: v for k, v in checks.small_targets.items() if v} == {}, f"targets under {MIN_TARGET} px"
    assert {k: v for k, v in checks.hidden_actions.items() if v} == {}, "Verder and Klaar in sight"
    moved = {spot: places for spot, places in checks.places.items() if len(places) > 1}
    assert moved == {}, "help and the way back stay in the same place on every screen (WCAG 3.2.6)"
    assert elsewhere == [], "the page loads nothing from other servers"
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    for kind in PHOTOGRAPHED:
        shot = tmp_path / f"{language}-{kind}.png"
        png = shot.read_bytes()
        assert png.startswith(b"\x89PNG") and len(png) > 10_000, f"{kind}: a real picture of the screen"
        shutil.copyfile(shot, ARTEFACTS / shot.name)


def test_reading_aloud_plays_on_arrival_again_on_request_and_stops_at_a_tap(
    served: Served, browser: Browser
) -> None:
    page = _touch_page(browser, KIOSK_SCREEN, served, [])
    start(page, served.url, "nl")
    audio = page.locator("audio#spraak")
    assert audio.count() == 1, "the question is read aloud"
    page.wait_for_function("window.__speechStarted !== null", timeout=15_000)
    source = audio.get_attribute("src")
    assert source
    response = page.request.get(served.url.rstrip("/") + source if source.startswith("/") else source)
    assert response.ok and response.headers["content-type"].startswith("audio/")
    assert response.body()[:4] == b"RIFF" and len(response.body()) > 8_000, "real speech, not an empty file"
    page.evaluate("document.getElementById('spraak').pause()")
    page.locator("#lees-voor").tap()
    page.wait_for_function("!document.getElementById('spraak').paused", timeout=5_000)
    page.locator("#hulp").tap()  # any tap that stays on the page stops the voice
    # Stopped by the tap, not ended: the question takes seconds to say.
    page.wait_for_function("(a => a.paused && !a.ended)(document.getElementById('spraak'))", timeout=1_000)


def test_a_paused_interview_comes_back_only_with_its_code_typed_on_the_keypad(
    served: Served, browser: Browser
) -> None:
    page = _touch_page(browser, TABLET, served, [])
    start(page, served.url, "nl")
    first = page.get_attribute("#scherm", "data-question")
    page.locator("#tekst").tap()
    page.locator("#tekst").fill("Samira")
    tap_and_wait(page, page.locator("#verder"))
    second = page.get_attribute("#scherm", "data-question")
    assert second and second != first

    tap_and_wait(page, page.locator("#later"))
    assert screen_kind(page) == "pause"
    code = re.sub(r"\D", "", page.locator("#code").inner_text())
    assert len(code) == 8

    page.goto(served.url)
    assert screen_kind(page) == "welcome"
    assert "Samira" not in page.content(), "the next person sees nothing of the last one"
    page.locator("#ik-heb-een-code").tap()
    page.wait_for_selector('#scherm[data-screen="code"]')

    wrong = "1" + code[1:] if code[0] != "1" else "2" + code[1:]
    _type_on_keypad(page, wrong)
    tap_and_wait(page, page.locator("#verder"))
    assert screen_kind(page) == "code"
    message = page.locator("#fout").inner_text()
    assert message.strip() and not re.search(r"E\d{3}", message), "a kind message, no error code"

    while page.locator("#code-invoer").input_value():
        page.locator("#wis-cijfer").tap()
    _type_on_keypad(page, code)
    tap_and_wait(page, page.locator("#verder"))
    assert screen_kind(page) == "question"
    assert page.get_attribute("#scherm", "data-question") == second, "back where the person left off"


@pytest.mark.parametrize(("language", "viewport"), [("nl", KIOSK_SCREEN), ("ar", TABLET)])
def test_a_finished_passport_comes_back_to_three_cards_and_its_history(
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
    review = Review(context.store, pid, coach_session(context.store, "Sanne"))
    review.reject(review.passport.skills[1].id, note="Niet zelf gedaan")

    page = _touch_page(browser, viewport, served, [])
    checks = ScreenChecks(language, tmp_path)
    page.goto(served.url)
    page.locator("#ik-heb-een-code").tap()
    page.wait_for_selector('#scherm[data-screen="code"]')
    page.wait_for_load_state("load")  # the keypad's script is deferred: a digit tapped before it is lost
    _type_on_keypad(page, code)
    tap_and_wait(page, page.locator("#verder"))
    assert screen_kind(page) == "return"
    if language != "nl":  # the passport was made in Dutch: the holder changes it with the top bar's Taal
        tap_and_wait(page, page.locator("#taal"))
        tap_and_wait(page, page.locator(f'button[name="taal"][value="{language}"]'))
        assert screen_kind(page) == "return"
    checks(page, "return")
    cards = page.locator('button.kaart[name="keuze"]')
    assert [cards.nth(i).get_attribute("value") for i in range(cards.count())] == [
        "nieuw",
        "geschiedenis",
        "paspoort",
    ]
    assert page.locator("button.kaart svg.plaatje").count() == 3, "a picture on every card"

    tap_and_wait(page, page.locator('button.kaart[value="geschiedenis"]'))
    assert screen_kind(page) == "history"
    checks(page, "history")
    assert "Sanne" in page.locator("#scherm").inner_text()
    tap_and_wait(page, page.locator("#terug"))
    assert screen_kind(page) == "return"

    assert {k: v for k, v in checks.serious.items() if v} == {}, "axe-core: serious or critical violations"
    assert {k: v for k, v in checks.small_targets.items() if v} == {}, f"targets under {MIN_TARGET} px"
    assert {k: v for k, v in checks.hidden_actions.items() if v} == {}, "Klaar in sight"


def _type_on_keypad(page: Page, digits: str) -> None:
    for digit in digits:
        page.locator(f'button.toets[data-cijfer="{digit}"]').tap()
    assert re.sub(r"\D", "", page.locator("#code-invoer").input_value()) == digits
