"""The holder comes back to the web kiosk with the code of a finished passport: three picture cards (add what is
new, see what changed, look at the passport), the follow-up that adds a new skill as a new version, the
history with a coach's change in plain sentences, and the same in Arabic, right to left. Real store,
dialogues and matcher through Starlette's TestClient, as test_web_kiosk.py does."""

from __future__ import annotations

import html
import re

from assistant.context import AppContext
from assistant.passport.review import Review
from assistant.web.pictures import PictureSet
from assistant.web.speech import SpeechFiles
from tests.conftest import coach_session
from tests.test_kiosk_return_visit import _finished
from tests.test_web_kiosk import (
    COOKIE,
    TestClient,
    attribute,
    audio_key,
    check_page,
    client,
    clock,
    loudness,
    screen,
    settings,
    speaking,
    values,
)

__all__ = [
    "client",
    "clock",
    "settings",
    "speaking",
]  # fixtures of the web kiosk's tests, used here as they are

CARDS = ["nieuw", "geschiedenis", "paspoort"]


def _cards(page: str) -> list[tuple[str, str]]:
    """(value, the card's whole button) for each card on the return screen."""
    return re.findall(r'(<button type="submit" class="kaart"[^>]* value="(\w+)">.*?</button>)', page, re.S)


def _text(page: str) -> str:
    return html.unescape(re.sub(r"<[^>]+>", " ", page))


def test_web_a_finished_passport_code_gives_three_picture_cards(
    client: TestClient, context: AppContext
) -> None:
    _pid, code = _finished(context)
    page = client.post("/code", data={"code": code}).text
    check_page(page, "nl", "ltr")
    assert screen(page) == "return", "not straight to the end page"
    assert "Welkom terug, Ayla!" in html.unescape(page) and "Wat wilt u doen?" in page
    assert values(page) == CARDS
    words = {value: _text(button) for button, value in _cards(page)}
    assert "Iets nieuws toevoegen" in words["nieuw"]
    assert "Wat is er veranderd" in words["geschiedenis"]
    assert "Mijn paspoort bekijken" in words["paspoort"]
    pictures = PictureSet(context.settings.pictures, context.pictures)
    for name in ("iets-nieuws", "geschiedenis", "paspoort"):
        assert pictures.has_file(name), f"an OpenMoji file for {name}"
    for button, value in _cards(page):
        assert '<svg class="plaatje" aria-hidden="true"' in button, f"a picture on the card {value}"
    assert (
        'class="onderbalk"' in page and 'id="klaar"' in page and 'id="hulp"' in page and 'id="taal"' in page
    )

    # Another browser cannot choose for the holder.
    stranger = TestClient(client.app)
    assert screen(stranger.post("/terugkomst", data={"keuze": "paspoort"}).text) == "welcome"

    page = client.post("/terugkomst", data={"keuze": "paspoort"}).text
    assert screen(page) == "end", "Mijn paspoort bekijken: the end page with the passport"
    assert re.search(r'<p id="code"[^>]*>', page)


def test_web_something_new_adds_a_skill_as_a_new_version(client: TestClient, context: AppContext) -> None:
    pid, code = _finished(context)
    before = context.store.passport(pid)
    client.post("/code", data={"code": code})
    page = client.post("/terugkomst", data={"keuze": "nieuw"}).text
    assert attribute(page, "data-question") == "veranderd", "only the follow-up, not the intake again"
    again = client.post("/terugkomst", data={"keuze": "nieuw"}).text  # a double tap
    assert attribute(again, "data-question") == "veranderd"
    assert len(context.store.sessions(("active",))) == 1, "a double tap starts one follow-up, not two"
    assert "Wat is er veranderd sinds " in html.unescape(page) and "{datum}" not in page
    assert 'id="later"' in page, "an interview again: Later verder is there"

    page = client.post("/antwoord", data={"vraag": "veranderd", "keuze": ["nieuw_certificaat"]}).text
    assert attribute(page, "data-question") == "nieuw_certificaat_welke"
    page = client.post("/antwoord", data={"vraag": "nieuw_certificaat_welke", "keuze": "heftruck"}).text
    for _ in range(10):
        if screen(page) == "confirm":
            page = client.post(
                "/oordeel", data={"skill": attribute(page, "data-skill"), "oordeel": "ja"}
            ).text
        elif screen(page) == "question":
            qid = attribute(page, "data-question")
            page = client.post("/stap", data={"stap": "overslaan", "vraag": qid}).text
        else:
            break
    assert screen(page) == "end"

    after = context.store.passport(pid)
    new = {s.ref for s in after.skills} - {s.ref for s in before.skills}
    assert "logistiek.heftruck" in new, "the confirmed skill joined the same passport"
    assert {s.ref for s in before.skills} <= {s.ref for s in after.skills}, "nothing old was deleted"
    assert [v.action for v in context.store.passport_history(pid)] == ["made", "followup"]
    assert context.store.passport_history(pid)[-1].actor_kind == "holder"


def test_web_what_changed_shows_a_coach_change_and_goes_back(client: TestClient, context: AppContext) -> None:
    pid, code = _finished(context)
    review = Review(context.store, pid, coach_session(context.store, "Sanne"))
    review.reject(review.passport.skills[1].id, note="Niet zelf gedaan")
    removed = review.passport.skills[1].label

    client.post("/code", data={"code": code})
    page = client.post("/terugkomst", data={"keuze": "geschiedenis"}).text
    check_page(page, "nl", "ltr")
    assert screen(page) == "history"
    shown = _text(page)
    newest, oldest = shown.index("door coach Sanne:"), shown.index("door uzelf:")
    assert newest < oldest, "newest first"
    assert f"Weggehaald: {removed}." in shown and "Het paspoort is gemaakt." in shown
    assert 'class="onderbalk"' in page and 'id="terug"' in page
    looks = [e for e in context.store.access_log(pid) if e.action == "viewed-history"]
    assert len(looks) == 1, "the holder's look at the history is in the access log"

    page = client.post("/terugkomst/terug").text
    assert screen(page) == "return"
    assert client.cookies.get(COOKIE)


def test_web_return_and_history_in_arabic_right_to_left(client: TestClient, context: AppContext) -> None:
    pid, code = _finished(context)
    Review(context.store, pid, coach_session(context.store, "Sanne")).accept(
        context.store.passport(pid).skills[0].id
    )
    client.post("/code", data={"code": code})
    page = client.post("/taal", data={"taal": "ar"}).text
    check_page(page, "ar", "rtl")
    assert screen(page) == "return" and values(page) == CARDS
    assert "Iets nieuws toevoegen" not in page, "the cards speak Arabic"
    page = client.post("/terugkomst", data={"keuze": "geschiedenis"}).text
    check_page(page, "ar", "rtl")
    assert screen(page) == "history" and "Sanne" in page
    assert "door coach" not in page, "the history in Arabic too"


def test_web_return_and_history_are_read_aloud(
    speaking: tuple[TestClient, SpeechFiles], context: AppContext
) -> None:
    client, speech = speaking
    _pid, code = _finished(context)
    back = client.post("/code", data={"code": code}).text
    history = client.post("/terugkomst", data={"keuze": "geschiedenis"}).text
    for page in (back, history):
        assert 'id="lees-voor"' in page
        key = audio_key(page)
        wav = client.get(f"/spraak/{key}.wav")
        assert wav.status_code == 200 and loudness(wav.content)[1] > 0.2, "speech, not silence"
        assert not list(speech.cache_dir.glob(f"{key}*")), "the name and history are not kept by a hash"


def test_web_without_a_follow_up_dialogue_the_holder_is_told_kindly(
    client: TestClient, context: AppContext
) -> None:
    pid, code = _finished(context)
    context.followup = None  # a desk whose dialogues folder has no followup.yaml
    client.post("/code", data={"code": code})
    page = client.post("/terugkomst", data={"keuze": "nieuw"}).text
    assert screen(page) == "return", "the holder stays where they were"
    error = re.search(r'<p id="fout" role="alert"[^>]*>(.+?)</p>', page)
    assert error and not re.search(r"E\d{3}", error.group(1)), "a kind message, no code"
    assert not context.store.sessions(("active",)), "nothing was started"
    assert [v.action for v in context.store.passport_history(pid)] == ["made"]
