"""Both kiosks, the Textual one and the web one, at a desk whose central store cannot be reached: a code the
desk knows brings back its own copy, with the plain sentence that says so and from when; a code it does not
know gets a kind message that it cannot be checked now. And a coach opens a passport by the holder's code.
The desk's own SQLite file, the real apps."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient
from textual.widgets import Input

from assistant.coach_accounts import add_user
from assistant.context import AppContext
from assistant.interview import desk
from assistant.interview.session import InterviewSession
from assistant.resume_code import Attempts
from assistant.storage import Store
from assistant.storage.central_link import CentralLink
from assistant.ui.app import make_app as make_kiosk
from assistant.ui.coach_app import DraftListScreen, DraftScreen, make_coach_app
from assistant.ui.screens import QuestionScreen
from assistant.web.app import make_app as make_web
from assistant.web.desk_state import WebDesk
from tests.conftest import let_coaches_look
from tests.test_coach_review import PASSWORD, _log_in
from tests.test_kiosk_app import SIZE

BROKEN_URL = "postgresql://kiosk:fout@127.0.0.1:1/nergens"
OWN_COPY = re.compile(r"Dit is wat dit loket weet van \d\d-\d\d-\d{4}\.")


@pytest.fixture
def offline(context: AppContext) -> Iterator[AppContext]:
    """The desk's context with a central store that cannot be reached (nothing listens on port 1)."""
    context.region = CentralLink(context.store, lambda: Store(BROKEN_URL, context.store.cipher))
    yield context
    context.region.close()


def _paused_code(context: AppContext) -> str:
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    session.answer(text="Merel")
    code = session.ensure_resume_code()
    session.pause()
    return code


async def test_the_terminal_kiosk_offline_says_it_shows_its_own_copy(offline: AppContext) -> None:
    code = _paused_code(offline)
    app = make_kiosk(offline)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#code")
        await pilot.pause()
        await pilot.press(*code, "enter")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen), "the person goes on with the desk's own copy"
        told = [n.message for n in app._notifications]
        assert any(OWN_COPY.search(m) and "niet te bereiken" in m for m in told), told

        await pilot.press("escape")
    app = make_kiosk(offline)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.click("#code")
        await pilot.pause()
        await pilot.press(*"12121212", "enter")
        await pilot.pause()
        shown = " ".join(str(w.content) for w in app.screen.query("Static"))
        assert "kan nu niet worden nagekeken" in shown and "niets verloren" in shown


def test_the_web_kiosk_offline_says_it_shows_its_own_copy(offline: AppContext) -> None:
    code = _paused_code(offline)
    with TestClient(make_web(offline, None, warm=False, desk=WebDesk(offline))) as client:
        page = client.post("/code", data={"code": code}).text
        assert 'data-screen="question"' in page
        assert OWN_COPY.search(page) and "niet te bereiken" in page
        assert not OWN_COPY.search(client.get("/").text), "said once, not on every page"
        client.post("/later")
        page = client.post("/code", data={"code": "1212 1212"}).text
        assert "kan nu niet worden nagekeken" in page and "E331" not in page


async def test_a_coach_types_the_holders_code_in_the_search_and_their_passport_opens(
    context: AppContext,
) -> None:
    add_user(context.store, "Sanne", PASSWORD)
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    session.answer(text="Kievit")
    code = session.ensure_resume_code()
    while not session.finished:
        session.skip()
    pid = session.finish().id
    other = InterviewSession.start(context.store, context.dialogue, context.matcher)
    other.answer(text="Tureluur")
    while not other.finished:
        other.skip()
    other.finish()
    let_coaches_look(context.store)  # both holders said Ja to "Mag een coach meekijken?"
    app = make_coach_app(context)
    async with app.run_test(size=(160, 60)) as pilot:
        await _log_in(pilot, "Sanne", PASSWORD)
        assert isinstance(app.screen, DraftListScreen)
        search = app.screen.query_one("#filter", Input)
        search.value = "1212 1212" if code != "12121212" else "3434 3434"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DraftListScreen), "a wrong code opens nothing"
        assert any("E107" in str(n.message) for n in app._notifications)
        search.value = code[:4] + " " + code[4:]
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, DraftScreen) and app.screen.passport_id == pid
        assert app.screen.review is not None and app.screen.review.passport.person.nickname == "Kievit"


def test_a_desk_that_could_not_reach_the_central_store_does_not_make_the_next_person_wait_for_it(
    context: AppContext,
) -> None:
    code = _paused_code(context)
    tries: list[float] = []
    now = [0.0]

    def unreachable() -> Store:
        tries.append(now[0])
        return Store(BROKEN_URL, context.store.cipher)

    link = CentralLink(context.store, unreachable, retry_after=20, clock=lambda: now[0])
    for _ in range(3):
        assert desk.find_by_code(context.store, Attempts(), code, 30, link).own_copy_from is not None
    assert tries == [0.0], "one try; the next codes are checked offline at once"
    now[0] = 21.0
    desk.find_by_code(context.store, Attempts(), code, 30, link)
    assert tries == [0.0, 21.0], "a while later the desk tries the central store again"
