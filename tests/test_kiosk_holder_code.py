"""The lasting code at both kiosks (Textual, and the web kiosk over HTTP): the end screen shows it once with
what it is for; at "Ik heb een code" it opens the holder's own screen, where they change "Mag een coach
meekijken?", hide a skill from what is shared, stop sharing and erase everything (after one more question).
Real apps (`App.run_test()`, Starlette's TestClient), real store, dialogue and matcher."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from starlette.testclient import TestClient
from textual.widgets import Button, Digits, Input, Static

from assistant import holder, holder_code, sharing
from assistant.context import AppContext
from assistant.errors import AssistantError
from assistant.passport.consent import shared_copy
from assistant.ui.app import make_app
from assistant.ui.holder_access_screens import HolderScreen
from assistant.ui.holder_screens import EraseScreen
from assistant.ui.resume_screens import CodeScreen
from assistant.ui.screens import EndScreen, WelcomeScreen
from assistant.web.app import make_app as make_web_app
from assistant.web.desk_state import WebDesk
from tests.test_holder_access import finished_passport
from tests.test_kiosk_app import SIZE, _skip_to_end, start_with_name
from tests.test_kiosk_holder import _click
from tests.test_web_kiosk import screen, skip_to_end


async def test_the_end_screen_shows_the_lasting_code_and_it_opens_the_passport(context: AppContext) -> None:
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await start_with_name(app, pilot, "Yara")
        await _skip_to_end(app, pilot, "ja")
        assert isinstance(app.screen, EndScreen)
        pid = app.screen.passport.id
        shown = app.screen.query_one("#holder-code", Digits).value
        texts = " ".join(str(w.content) for w in app.screen.query(Static))
        assert (
            "Met deze code kunt u later uw paspoort zien. Ook kunt u delen stoppen of alles wissen." in texts
        )
        assert "Met deze code kunt u later" in app.screen.spoken_text()
        await _click(app, pilot, "#done")
        assert isinstance(app.screen, WelcomeScreen)
        assert not app.screen.query("#holder-code"), "the next person never sees it"
    digits = shown.replace(" ", "")
    assert len(digits) == 12 and shown == holder_code.shown(digits)
    assert holder.open_with_code(context.store, holder.HolderAttempts(), shown) == pid
    # Only its keyed hash is kept.
    assert digits not in str(context.store.access_log(pid))


async def _open_with(app, pilot, typed: str) -> None:
    await pilot.click("#code")
    await pilot.pause()
    assert isinstance(app.screen, CodeScreen)
    app.screen.query_one("#code-input", Input).value = typed
    await pilot.click("#submit")
    await pilot.pause()


async def test_the_holder_screen_changes_every_choice_and_erases_last(context: AppContext) -> None:
    store = context.store
    pid, _resume = finished_passport(context)
    code = holder.issue_code(store, pid)
    consent = sharing.give_consent(
        store, pid, ["skills"], "employer", "Bouwbedrijf De Hoek", "Solliciteren",
        date.today() + timedelta(days=30), "eigenaar",
    )  # fmt: skip
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await _open_with(app, pilot, holder_code.shown(code))
        assert isinstance(app.screen, HolderScreen)
        assert not app.screen.query("#union-fnv"), "the union is asked only after Ja"

        await _click(app, pilot, "#coach-ja")
        assert store.holder_choices(pid).coach_may_look
        await _click(app, pilot, "#union-cnv")
        assert store.holder_choices(pid).union == "CNV"
        assert "selected" in app.screen.query_one("#union-cnv", Button).classes

        skill = store.passport(pid).active_skills()[0]
        await _click(app, pilot, "#skill-0")
        assert store.holder_choices(pid).hidden == {skill.ref}
        copy = shared_copy(
            store.passport(pid), store.consent(consent.id), hidden=store.holder_choices(pid).hidden
        )
        assert skill.ref not in [s.ref for s in copy.skills], "a hidden skill is not shared"
        await _click(app, pilot, "#skill-0")  # tapped again: shared again
        assert store.holder_choices(pid).hidden == frozenset()

        await _click(app, pilot, "#stop-sharing")
        assert store.consent(consent.id).withdrawn_at is not None
        assert not app.screen.query("#stop-sharing"), "nothing left to stop"

        other = sharing.give_consent(
            store,
            pid,
            ["skills"],
            "coach",
            "Werkplein",
            "Werk zoeken",
            date.today() + timedelta(days=9),
            "eigenaar",
        )
        app.screen.show(store.holder_choices(pid), 1)
        await _click(app, pilot, "#share")  # stopped on the sharing screen, then back
        await _click(app, pilot, f"#withdraw-{other.id}")
        await _click(app, pilot, "#back")
        assert isinstance(app.screen, HolderScreen)
        assert not app.screen.query("#stop-sharing"), "the holder's screen shows what is shared now"

        await _click(app, pilot, "#coach-nee")
        assert (store.holder_choices(pid).coach_may_look, store.holder_choices(pid).union) == (False, None)

        actions = [e.action for e in store.access_log(pid)]
        for logged in ("coach-permission", "skill-hidden", "skill-shown", "consent-withdrawn"):
            assert logged in actions

        await _click(app, pilot, "#erase")
        assert isinstance(app.screen, EraseScreen)
        await _click(app, pilot, "#erase")
        assert isinstance(app.screen, WelcomeScreen)
    with pytest.raises(AssistantError) as gone:
        store.passport(pid)
    assert gone.value.code == "E301"
    assert [e.action for e in store.access_log()] == ["deleted"], "erasing leaves one anonymous line"


async def test_a_wrong_lasting_code_gets_a_kind_message_and_opens_nothing(context: AppContext) -> None:
    pid, _resume = finished_passport(context)
    holder.issue_code(context.store, pid)
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await _open_with(app, pilot, "1234 5678 9012")
        assert isinstance(app.screen, CodeScreen)
        error = str(app.screen.query_one("#error", Static).content)
        assert "Deze vaste code kennen we niet" in error
        assert "E518" not in error


# The web kiosk ---------------------------------------------------------------------------------------------


@pytest.fixture
def client(context: AppContext) -> Iterator[TestClient]:
    with TestClient(make_web_app(context, None, warm=False, desk=WebDesk(context))) as c:
        yield c


def test_the_web_end_page_shows_the_lasting_code_and_the_keypad_takes_it(
    client: TestClient, context: AppContext
) -> None:
    store = context.store
    end = skip_to_end(client, client.post("/beginnen").text)
    shown = re.search(r'<p id="vaste-code" class="code" dir="ltr">([\d ]+)</p>', end)
    assert shown, "the lasting code is on the end page"
    assert "Ook kunt u delen stoppen of alles wissen." in end
    [(pid, *_)] = store.passports()
    client.post("/klaar")
    assert "vaste-code" not in client.get("/").text, "the next person never sees it"

    code_page = client.get("/code").text
    assert 'maxlength="16"' in code_page and "8 of 12 cijfers" in code_page
    page = client.post("/code", data={"code": shown.group(1)}).text
    assert screen(page) == "holder"
    assert "Bent u lid van een vakbond?" not in page, "the union is asked only after Ja"

    page = client.post("/houder/coach", data={"coach": "ja"}).text
    assert store.holder_choices(pid).coach_may_look and "Bent u lid van een vakbond?" in page
    page = client.post("/houder/coach", data={"vakbond": "fnv"}).text
    assert store.holder_choices(pid).union == "FNV"
    page = client.post("/houder/coach", data={"coach": "nee"}).text
    assert (store.holder_choices(pid).coach_may_look, store.holder_choices(pid).union) == (False, None)

    consent = sharing.give_consent(
        store, pid, ["skills"], "employer", "Bouwbedrijf De Hoek", "Solliciteren",
        date.today() + timedelta(days=30), "eigenaar",
    )  # fmt: skip
    page = client.get("/").text
    assert 'id="stop-delen"' in page
    client.post("/houder/stop")
    assert store.consent(consent.id).withdrawn_at is not None

    # Erasing asks once more; "Nee, bewaren" comes back to the holder's page.
    assert screen(client.post("/wissen").text) == "erase"
    assert screen(client.post("/wissen/niet").text) == "holder"
    client.post("/wissen")
    client.post("/wissen/zeker")
    with pytest.raises(AssistantError):
        store.passport(pid)


def test_the_web_holder_hides_a_skill_and_another_browser_can_change_nothing(
    client: TestClient, context: AppContext
) -> None:
    store = context.store
    pid, _resume = finished_passport(context)
    code = holder.issue_code(store, pid)
    skill = store.passport(pid).active_skills()[0]
    assert screen(client.post("/code", data={"code": code}).text) == "holder"
    page = client.post("/houder/skill", data={"skill": "0"}).text
    assert store.holder_choices(pid).hidden == {skill.ref}
    assert "(niet gedeeld)" in page

    with TestClient(client.app) as stranger:  # no cookie: the welcome, and no step taken
        assert screen(stranger.post("/houder/coach", data={"coach": "ja"}).text) == "welcome"
        stranger.post("/houder/skill", data={"skill": "0"})
    assert not store.holder_choices(pid).coach_may_look
    assert store.holder_choices(pid).hidden == {skill.ref}

    wrong = client.post("/code", data={"code": "1234 5678 9012"}).text
    assert screen(wrong) == "code" and "Deze vaste code kennen we niet" in wrong
