"""A holder comes back 400 days later (the clock moved with freezegun) with only the lasting code: the resume
code has stopped, the lasting code opens the holder's screen, and there "Iets nieuws toevoegen" starts the
same short follow-up as the return screen of a resume code, and "Wat is er veranderd" shows a coach's change.
Both kiosks: the Textual app through `App.run_test()`, the web kiosk through Starlette's TestClient. Real
store, dialogues and matcher."""

from __future__ import annotations

import html
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from freezegun import freeze_time
from textual.widgets import Input, Static

from assistant import holder, holder_code
from assistant.config import Settings
from assistant.context import AppContext
from assistant.errors import MESSAGES as ERRORS
from assistant.passport.recheck import due_for_recheck
from assistant.passport.review import Review
from assistant.ui.app import make_app
from assistant.ui.holder_access_screens import HolderScreen
from assistant.ui.resume_screens import CodeScreen
from assistant.ui.return_screens import HistoryScreen
from assistant.ui.screens import EndScreen, QuestionScreen
from tests.conftest import coach_session
from tests.test_kiosk_app import SIZE, _skip_to_end
from tests.test_kiosk_holder import _click
from tests.test_kiosk_return_visit import _finished
from tests.test_web_kiosk import TestClient, attribute, check_page, client, clock, screen

__all__ = ["client", "clock"]  # fixtures of the web kiosk's tests, used here as they are

#: The first visit is put 400 days back (freezegun) and the kiosks run on the real clock: the Textual app's
#: timers and speech do not live well with a frozen clock.
RETURN = datetime.now(UTC)
FIRST_VISIT = RETURN - timedelta(days=400)
COACH_LOOKS = FIRST_VISIT + timedelta(days=20)
MONTHS = (
    "januari", "februari", "maart", "april", "mei", "juni",
    "juli", "augustus", "september", "oktober", "november", "december",
)  # fmt: skip
ASKED = f"Wat is er veranderd sinds {FIRST_VISIT.day} {MONTHS[FIRST_VISIT.month - 1]} {FIRST_VISIT.year}?"


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    """Skills older than a year are due for a re-check; the web kiosk's idle times of test_web_kiosk.py."""
    return Settings(
        data_dir=tmp_path,
        db_path=tmp_path / "kiosk.sqlite3",
        recheck_years=1,
        idle_seconds=60,
        idle_warning_seconds=30,
    )


def _a_year_ago(context: AppContext) -> tuple[str, str, str, str]:
    """A passport finished on FIRST_VISIT, with its lasting code and a coach allowed to look, and a coach's
    change three weeks later: (passport id, resume code, lasting code, the skill the coach took out)."""
    store = context.store
    with freeze_time(FIRST_VISIT):
        pid, resume = _finished(context)
        lasting = holder.issue_code(store, pid)
        holder.choose_coach(store, pid, True, None)
    with freeze_time(COACH_LOOKS):
        review = Review(store, pid, coach_session(store, "Sanne"))
        removed = review.passport.skills[1]
        review.reject(removed.id, note="Niet zelf gedaan")
    return pid, resume, lasting, removed.label


def _kept_and_marked(context: AppContext, pid: str, before: set[str], lasting: str) -> None:
    """After the follow-up: the new skill joined as a version by the holder, nothing old was deleted, the
    old skills are marked for the coach to re-check, and the holder's code and choices are as they were."""
    store = context.store
    after = store.passport(pid)
    refs = {s.ref for s in after.skills}
    assert "logistiek.heftruck" in refs - before, "the confirmed skill joined the same passport"
    assert before <= refs, "nothing old was deleted"
    versions = store.passport_history(pid)
    assert [(v.actor_kind, v.action) for v in versions] == [
        ("holder", "made"),
        ("coach", "reject"),
        ("holder", "followup"),
    ]
    old = [s for s in after.skills if s.ref in before and s.status != "rejected"]
    assert old, "a skill from a year ago is still in the passport"
    assert versions[-1].at.date() == RETURN.date(), "made on the return day"
    assert set(versions[-1].detail["recheck"]) == {s.id for s in old}, "old skills marked for re-check"
    assert {s.id for s in due_for_recheck(after, 1, RETURN)} == {s.id for s in old}
    # The code they came back with still opens the passport, and the coach still may look.
    assert holder.open_with_code(store, holder.HolderAttempts(), lasting) == pid
    assert store.holder_choices(pid).coach_may_look


# The Textual kiosk -------------------------------------------------------------------------------------


def _texts(app) -> str:
    return "\n".join(str(w.content) for w in app.screen.query(Static))


async def _type_code(app, pilot, typed: str) -> None:
    if not isinstance(app.screen, CodeScreen):
        await pilot.click("#code")
        await pilot.pause()
    app.screen.query_one("#code-input", Input).value = typed
    await pilot.click("#submit")
    await pilot.pause()


async def test_a_year_later_the_lasting_code_adds_something_new(context: AppContext) -> None:
    pid, resume, lasting, removed = _a_year_ago(context)
    before = {s.ref for s in context.store.passport(pid).skills}

    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await _type_code(app, pilot, resume)
        assert isinstance(app.screen, CodeScreen), "the resume code stopped 30 days after the answers"
        error = str(app.screen.query_one("#error", Static).content)
        assert error == ERRORS["E107"]

        await _type_code(app, pilot, holder_code.shown(lasting))
        assert isinstance(app.screen, HolderScreen)
        assert "Iets nieuws toevoegen" in app.screen.spoken_text()

        # What changed: the coach's change, then back to the holder's screen.
        await _click(app, pilot, "#history")
        assert isinstance(app.screen, HistoryScreen)
        shown = _texts(app)
        assert "door coach Sanne:" in shown and f"Weggehaald: {removed}." in shown
        await _click(app, pilot, "#back")
        assert isinstance(app.screen, HolderScreen)

        # Something new: the follow-up's first question, with the date of the last version by the holder.
        await _click(app, pilot, "#add-new")
        assert isinstance(app.screen, QuestionScreen) and app.screen.question.id == "veranderd"
        assert ASKED in _texts(app)
        await _click(app, pilot, "#choice-nieuw_certificaat")
        await _click(app, pilot, "#submit")
        assert isinstance(app.screen, QuestionScreen)
        assert app.screen.question.id == "nieuw_certificaat_welke"
        await _click(app, pilot, "#choice-heftruck")
        await _skip_to_end(app, pilot, "ja")
        assert isinstance(app.screen, EndScreen)
        assert not app.screen.query("#holder-code"), "no new lasting code: the old one goes on working"

    looks = [e for e in context.store.access_log(pid) if e.action == "viewed-history"]
    assert len(looks) == 1, "the holder's look at the history is logged"
    _kept_and_marked(context, pid, before, lasting)


async def test_without_a_follow_up_dialogue_the_holder_screen_says_so_kindly(context: AppContext) -> None:
    _pid, _resume, lasting, _removed = _a_year_ago(context)
    context.followup = None  # a desk whose dialogues folder has no followup.yaml
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await _type_code(app, pilot, holder_code.shown(lasting))
        await _click(app, pilot, "#add-new")
        assert isinstance(app.screen, HolderScreen), "the holder stays where they were"
        assert str(app.screen.query_one("#error", Static).content) == ERRORS["E306"]
    assert not context.store.sessions(("active",)), "nothing was started"


# The web kiosk -----------------------------------------------------------------------------------------


def _text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def _holder_cards(page: str) -> dict[str, str]:
    """The holder page's picture cards that post to the return visit: value -> the whole button."""
    form = re.search(r'<form method="post" action="/terugkomst".*?</form>', page, re.S)
    assert form, "the holder page has the return visit's cards"
    found = re.findall(
        r'(<button type="submit" class="kaart"[^>]* value="(\w+)">.*?</button>)', form[0], re.S
    )
    return {value: button for button, value in found}


def test_web_a_year_later_the_lasting_code_adds_something_new(
    client: TestClient, context: AppContext
) -> None:
    pid, resume, lasting, removed = _a_year_ago(context)
    before = {s.ref for s in context.store.passport(pid).skills}

    page = client.post("/code", data={"code": resume}).text
    assert screen(page) == "code" and html.escape(ERRORS["E107"], quote=True) in page

    page = client.post("/code", data={"code": holder_code.shown(lasting)}).text
    check_page(page, "nl", "ltr")
    assert screen(page) == "holder"
    cards = _holder_cards(page)
    assert list(cards) == ["nieuw", "geschiedenis"]
    assert "Iets nieuws toevoegen" in _text(cards["nieuw"])
    assert "Wat is er veranderd" in _text(cards["geschiedenis"])
    for value, button in cards.items():
        assert '<svg class="plaatje" aria-hidden="true"' in button, f"a picture on the card {value}"

    # Another browser cannot choose for the holder.
    stranger = TestClient(client.app)
    assert screen(stranger.post("/terugkomst", data={"keuze": "geschiedenis"}).text) == "welcome"

    page = client.post("/terugkomst", data={"keuze": "geschiedenis"}).text
    check_page(page, "nl", "ltr")
    assert screen(page) == "history"
    shown = _text(page)
    assert "door coach Sanne:" in shown and f"Weggehaald: {removed}." in shown
    page = client.post("/terugkomst/terug").text
    assert screen(page) == "holder", "back to the holder's page, not to the return screen"

    page = client.post("/terugkomst", data={"keuze": "nieuw"}).text
    assert attribute(page, "data-question") == "veranderd"
    assert ASKED in html.unescape(page)
    page = client.post("/antwoord", data={"vraag": "veranderd", "keuze": ["nieuw_certificaat"]}).text
    page = client.post("/antwoord", data={"vraag": "nieuw_certificaat_welke", "keuze": "heftruck"}).text
    for _ in range(10):
        if screen(page) == "confirm":
            skill = attribute(page, "data-skill")
            page = client.post("/oordeel", data={"skill": skill, "oordeel": "ja"}).text
        elif screen(page) == "question":
            qid = attribute(page, "data-question")
            page = client.post("/stap", data={"stap": "overslaan", "vraag": qid}).text
        else:
            break
    assert screen(page) == "end"
    assert 'id="vaste-code"' not in page, "no new lasting code: the old one goes on working"

    _kept_and_marked(context, pid, before, lasting)


def test_web_without_a_follow_up_dialogue_the_holder_page_says_so_kindly(
    client: TestClient, context: AppContext
) -> None:
    _pid, _resume, lasting, _removed = _a_year_ago(context)
    context.followup = None
    client.post("/code", data={"code": holder_code.shown(lasting)})
    page = client.post("/terugkomst", data={"keuze": "nieuw"}).text
    assert screen(page) == "holder", "the holder stays on their page"
    error = re.search(r'<p id="fout" role="alert"[^>]*>(.+?)</p>', page)
    assert error and html.unescape(error.group(1)) == ERRORS["E306"]
    assert not context.store.sessions(("active",)), "nothing was started"
