""" "Mag een coach meekijken?" at the end of the kiosk interview, in both kiosks: the holder's Ja makes the new
passport visible to a coach, Nee (or skipping the question) keeps it from every coach, and the union chosen
lets only that union's counsellors look. Real Textual app (`App.run_test()`), real web kiosk over HTTP, real
store, dialogue and matcher."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from starlette.testclient import TestClient
from textual.widgets import Static

from assistant.context import AppContext
from assistant.errors import AssistantError
from assistant.passport.review import Review
from assistant.storage import Store
from assistant.ui.app import make_app
from assistant.ui.screens import ConfirmScreen, EndScreen, QuestionScreen, WelcomeScreen
from assistant.web.app import make_app as make_web_app
from assistant.web.desk_state import WebDesk
from assistant.web.pages import welcome
from tests.conftest import coach_session
from tests.test_kiosk_app import SIZE, start_with_name
from tests.test_web_kiosk import attribute, screen

WELCOME_CHOICE = "Aan het eind kiest u of een coach mag meekijken."
PROMISE = "Een coach kijkt ernaar."


async def test_the_welcome_says_the_person_chooses_at_the_end_and_promises_no_coach(
    context: AppContext,
) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WelcomeScreen)
        shown = " ".join(str(w.content) for w in app.screen.query(".lead").results(Static))
        spoken = app.screen.spoken_text()
        for said in (shown, spoken):
            assert WELCOME_CHOICE in said, "shown and read aloud: the person decides, at the end"
            assert PROMISE not in said, "nobody is told a coach looks before they said Ja"


async def _skip_to_permission(app, pilot) -> None:
    """Skips every question (a proposed skill: Nee) until "Mag een coach meekijken?" is on screen."""
    for _ in range(80):
        if isinstance(app.screen, QuestionScreen) and app.screen.question.id == "coach_meekijken":
            return
        await pilot.click("#verdict-nee" if isinstance(app.screen, ConfirmScreen) else "#skip")
        await pilot.pause()
    raise AssertionError("the kiosk never asked whether a coach may look")


async def _finish_saying(context: AppContext, *choices: str) -> str:
    """A whole interview at the Textual kiosk that ends with these taps on the permission questions (none:
    skipped); the id of the passport on the end screen."""
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await start_with_name(app, pilot, "Merel")
        await _skip_to_permission(app, pilot)
        for choice in choices:
            await pilot.click(f"#choice-{choice}")
            await pilot.pause()
        if not choices:
            await pilot.click("#skip")
            await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        # The end screen never promises a coach the holder did not allow.
        shown = " ".join(str(w.content) for w in app.screen.query(".lead").results(Static))
        said_ja = choices[:1] == ("ja",)
        assert ("Een coach kijkt ernaar." in shown) is said_ja
        assert ("Geen coach kijkt mee." in shown) is not said_ja
        return app.screen.passport.id


def _coach_may_see(store: Store, pid: str, token: str) -> bool:
    try:
        Review(store, pid, token)
    except AssistantError as refused:
        assert refused.code == "E515"
        return False
    return True


@pytest.mark.parametrize(
    ("choices", "coach", "fnv", "cnv"),
    [
        (("ja", "fnv"), True, True, False),
        (("ja", "geen"), True, False, False),
        (("nee",), False, False, False),
        ((), False, False, False),  # skipped: no clear Ja, nobody looks
    ],
)
async def test_the_textual_kiosk_asks_and_the_answer_decides_who_may_look(
    context: AppContext, choices: tuple[str, ...], coach: bool, fnv: bool, cnv: bool
) -> None:
    pid = await _finish_saying(context, *choices)
    store = context.store
    coach_token = coach_session(store, "Sanne", holders_said_yes=False)
    fnv_token = coach_session(store, "Fenna", "vakbondsconsulent", holders_said_yes=False)
    store.set_counsellor_union("Fenna", "FNV")
    cnv_token = coach_session(store, "Karel", "vakbondsconsulent", holders_said_yes=False)
    store.set_counsellor_union("Karel", "CNV")

    assert _coach_may_see(store, pid, coach_token) is coach
    assert _coach_may_see(store, pid, fnv_token) is fnv
    assert _coach_may_see(store, pid, cnv_token) is cnv
    assert [row[0] for row in store.passports(coach_token=coach_token)] == ([pid] if coach else [])
    said = [e.detail for e in store.access_log(pid) if e.action == "coach-permission"]
    assert said == [{"coach": coach, "union": "FNV" if fnv else "-"}]
    # Nothing of the answer is in the passport itself: it is the holder's choice, kept beside it.
    assert "meekijken" not in store.passport(pid).model_dump_json()


async def test_the_union_is_asked_only_after_ja(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await start_with_name(app, pilot, "Merel")
        await _skip_to_permission(app, pilot)
        assert {c.id for c in app.screen.question.options} == {"ja", "nee"}
        await pilot.click("#choice-ja")
        await pilot.pause()
        assert isinstance(app.screen, QuestionScreen) and app.screen.question.id == "coach_vakbond"
        await pilot.click("#back")  # the holder changes their mind before the end
        await pilot.pause()
        await pilot.click("#choice-nee")
        await pilot.pause()
        assert isinstance(app.screen, EndScreen)
        pid = app.screen.passport.id
    choices = context.store.holder_choices(pid)
    assert (choices.coach_may_look, choices.union) == (False, None)


# The web kiosk ---------------------------------------------------------------------------------------------


@pytest.fixture
def client(context: AppContext) -> Iterator[TestClient]:
    with TestClient(make_web_app(context, None, warm=False, desk=WebDesk(context))) as c:
        yield c


def _web_finish_saying(client: TestClient, *choices: str) -> str:
    page = client.post("/beginnen").text
    for _ in range(120):
        if screen(page) == "question" and attribute(page, "data-question") == "coach_meekijken":
            break
        if screen(page) == "confirm":
            page = client.post(
                "/oordeel", data={"skill": attribute(page, "data-skill"), "oordeel": "nee"}
            ).text
        else:
            qid = attribute(page, "data-question")
            page = client.post("/stap", data={"stap": "overslaan", "vraag": qid}).text
    else:
        raise AssertionError("the web kiosk never asked whether a coach may look")
    assert "Mag een coach meekijken?" in page
    assert page.count('<svg class="plaatje"') >= 2, "a picture on every card"
    for choice in choices:
        qid = attribute(page, "data-question")
        page = client.post("/antwoord", data={"vraag": qid, "keuze": choice}).text
    assert screen(page) == "end"
    return page


def test_the_web_welcome_says_the_same(client: TestClient) -> None:
    page = client.get("/").text
    assert screen(page) == "welcome"
    assert WELCOME_CHOICE in page and PROMISE not in page
    spoken = welcome([("nl", "Nederlands")], "nl").spoken
    assert WELCOME_CHOICE in spoken and PROMISE not in spoken, "the same is read aloud"


def test_the_web_kiosk_asks_the_same_and_records_it(client: TestClient, context: AppContext) -> None:
    end = _web_finish_saying(client, "ja", "cnv")
    assert "Een coach kijkt ernaar." in end and "Geen coach kijkt mee." not in end
    [(pid, *_)] = context.store.passports()
    store = context.store
    cnv = coach_session(store, "Karel", "vakbondsconsulent", holders_said_yes=False)
    store.set_counsellor_union("Karel", "CNV")
    fnv = coach_session(store, "Fenna", "vakbondsconsulent", holders_said_yes=False)
    store.set_counsellor_union("Fenna", "FNV")
    assert _coach_may_see(store, pid, coach_session(store, "Sanne", holders_said_yes=False))
    assert _coach_may_see(store, pid, cnv) and not _coach_may_see(store, pid, fnv)


def test_the_web_kiosk_keeps_the_passport_hidden_after_nee(client: TestClient, context: AppContext) -> None:
    end = _web_finish_saying(client, "nee")
    assert "Geen coach kijkt mee." in end and "Een coach kijkt ernaar." not in end
    [(pid, *_)] = context.store.passports()
    assert not _coach_may_see(
        context.store, pid, coach_session(context.store, "Sanne", holders_said_yes=False)
    )
