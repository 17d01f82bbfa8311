"""A person at the touch web kiosk, played by Playwright: taps the cards of each screen the way
`benchmarks.kiosk_load.run_interview` answers in the terminal (typed everyday sentences, two ticks on a
multiple choice, "ja" on each "Klopt dit?"), and times each tap until the next screen has loaded.

Used by the browser test (which also checks each screen) and by `benchmarks.web_kiosk` (which reports the
times). The page contract it relies on (ids and data attributes) is written out in tests/test_web_kiosk_browser.py.
The typed answers are sentences written for this simulation; they come from no benchmark.
"""

from __future__ import annotations

import random
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from playwright.sync_api import Browser, Locator, Page, Playwright

#: The typed answer per page language. Arabic is typed as an Arabic speaker would at the kiosk.
SENTENCES = {
    "nl": "Ik heb zes jaar in een magazijn gewerkt. Ik pakte dozen in en reed op de heftruck.",
    "ar": "عملت ست سنوات في مستودع. كنت أحزم الصناديق وأقود الرافعة.",
}

#: Records when this page's reading aloud started to play (ms after the page's navigation began).
SPEECH_TIMING = """
window.__speechStarted = null;
document.addEventListener('playing', (event) => {
  if (event.target.id === 'spraak' && window.__speechStarted === null) {
    window.__speechStarted = performance.now();
  }
}, true);
"""

MAX_SCREENS = 120

CHROMIUM = Path("/usr/bin/chromium")
BROWSER_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    # Without these Chromium keeps dialling Google's hosts, which this machine's closed network refuses.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # A kiosk reads each screen aloud on arrival, before any tap; a kiosk browser is set up the same way.
    "--autoplay-policy=no-user-gesture-required",
]


def launch_chromium(playwright: Playwright) -> Browser:
    if not CHROMIUM.exists():
        raise RuntimeError("Debian's chromium is missing: `make test` (scripts/setup.sh test) installs it")
    return playwright.chromium.launch(
        executable_path=str(CHROMIUM), headless=True, args=BROWSER_ARGS, timeout=30_000
    )


@dataclass
class Step:
    """One tap and what came of it."""

    screen: str
    question: str | None
    seconds: float
    """From the tap until the next screen had loaded."""


@dataclass
class Walk:
    language: str
    steps: list[Step] = field(default_factory=list)
    screens: list[str] = field(default_factory=list)
    answered: dict[str, tuple[list[str], str | None]] = field(default_factory=dict)
    """Per question: the choices tapped and the text typed (the last time it was asked)."""
    confirmed: list[str] = field(default_factory=list)


#: Called on each screen before anything on it is tapped (the test checks the screen there).
OnScreen = Callable[[Page, str], None]
#: Called after each answer or confirmation with what was given, to check that it was saved.
OnSaved = Callable[[Walk, str, str | None], None]


def screen_kind(page: Page) -> str:
    return page.get_attribute("#scherm", "data-screen") or ""


#: Notes when the finger touched the screen (ms since the epoch, the event's own time stamp), in the tab's
#: session storage so that the next page can read it. Added to every page with `page.add_init_script`.
TOUCH_TIMING = """
document.addEventListener('touchstart', (event) => {
  sessionStorage.setItem('__touchedAt', String(performance.timeOrigin + event.timeStamp));
}, {capture: true, passive: true});
"""

#: From that touch until the browser first drew this page with content (its own paint timing), in ms.
TOUCH_TO_PAINT = """() => new Promise(done => {
  new PerformanceObserver((list, observer) => {
    const paint = list.getEntries().find(e => e.name === 'first-contentful-paint');
    if (paint) {
      observer.disconnect();
      done(performance.timeOrigin + paint.startTime - Number(sessionStorage.getItem('__touchedAt')));
    }
  }).observe({type: 'paint', buffered: true});
})"""


def tap_and_wait(page: Page, target: Locator) -> float:
    """Taps `target` (a touch, not a click) and waits for the next page; returns the seconds from the touch
    until the browser first drew the next screen (the answer saved and the next step worked out on the
    way), both by the browser's own clock. Not Playwright's time around the tap (its checks before a tap
    take 0.1 s), and not the load event: an `<audio autoplay>` holds that back until its speech is ready,
    which is not what a person waits for to see the screen. Needs TOUCH_TIMING on the page."""
    with page.expect_navigation(wait_until="domcontentloaded"):
        target.tap()
    return float(page.evaluate(TOUCH_TO_PAINT)) / 1000


def walk_interview(
    page: Page,
    language: str,
    rng: random.Random,
    on_screen: OnScreen | None = None,
    on_saved: OnSaved | None = None,
) -> Walk:
    """From the first question to the end screen; returns what was tapped and typed."""
    walk = Walk(language)
    seen: set[str] = set()
    for _ in range(MAX_SCREENS):
        kind = screen_kind(page)
        walk.screens.append(kind)
        if on_screen is not None:
            on_screen(page, kind)
        if kind == "end":
            return walk
        question = page.get_attribute("#scherm", "data-question") if kind == "question" else None
        saved_what: str | None = question
        if kind == "question":
            assert question is not None
            seconds = _answer(page, question, question in seen, language, rng, walk)
            seen.add(question)
        elif kind == "personal":
            seconds = tap_and_wait(page, page.locator('button[name="keuze"][value="keep"]'))
        elif kind == "confirm":
            skill = page.get_attribute("#scherm", "data-skill")
            assert skill, "a confirm screen names its skill"
            seconds = tap_and_wait(page, page.locator('button[name="oordeel"][value="ja"]'))
            walk.confirmed.append(skill)
            saved_what = skill
        else:
            raise AssertionError(f"unexpected screen {kind!r} during the interview")
        walk.steps.append(Step(kind, question, seconds))
        if on_saved is not None and kind in ("question", "confirm"):
            on_saved(walk, kind, saved_what)
    raise AssertionError(f"no end screen after {MAX_SCREENS} screens: {walk.screens[-10:]}")


def _answer(page: Page, question: str, again: bool, language: str, rng: random.Random, walk: Walk) -> float:
    text_box = page.locator("#tekst")
    ticks = page.locator('label.kaart:has(input[name="keuze"])')
    cards = page.locator('button.kaart[name="keuze"]')
    if text_box.count():
        text = SENTENCES[language]
        text_box.tap()
        text_box.fill(text)
        walk.answered[question] = ([], text)
        return tap_and_wait(page, page.locator("#verder"))
    if ticks.count():
        chosen = sorted(rng.sample(range(ticks.count()), k=min(2, ticks.count())))
        for index in chosen:
            ticks.nth(index).tap()
        # Some come ticked already (the language in use on "Welke talen spreekt u?"): a tap unticks those.
        ticked = page.locator('input[name="keuze"]:checked')
        values = [ticked.nth(i).get_attribute("value") or "" for i in range(ticked.count())]
        walk.answered[question] = (values, None)
        return tap_and_wait(page, page.locator("#verder"))
    count = cards.count()
    assert count, f"question {question} shows no answer cards"
    # Asked again ("nog een baan?"): the last card ends the loop, as in the terminal walk.
    card = cards.nth(count - 1 if again else rng.randrange(count))
    walk.answered[question] = ([card.get_attribute("value") or ""], None)
    return tap_and_wait(page, card)


def start(page: Page, url: str, language: str) -> float:
    """From the welcome: taps the language card (unless Dutch, the desk's language) and "Beginnen"."""
    page.goto(url)
    if language != "nl":
        tap_and_wait(page, page.locator(f'button[name="taal"][value="{language}"]'))
    return tap_and_wait(page, page.locator("#beginnen"))


def axe_violations(page: Page, axe_script: Path) -> list[dict[str, object]]:
    """axe-core's WCAG 2.0-2.2 A and AA rules on the page as it is now."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):
        page.add_script_tag(path=str(axe_script))
    result: list[dict[str, object]] = page.evaluate(
        """async () => {
          const tags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22a', 'wcag22aa'];
          const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}});
          return result.violations.map(v => ({
            id: v.id, impact: v.impact, help: v.help,
            nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5),
          }));
        }"""
    )
    return result
