"""The web kiosk's way from the end page to a direction and next steps, as the holder's browser uses it:
"Wat wilt u hierna?" with the occupations that fit (dots with words, what the person has, what is missing),
a typed occupation name with a spelling mistake, the next steps with the licence first, three steps saved
as a new version made by the holder and read back from the store, a fourth refused with every tick kept,
Terug on every page, and the same in Arabic, right to left. Real store, catalogue, matcher and templates
through Starlette's TestClient, as tests/test_web_kiosk.py does; a small learning catalogue built here
(the real one is being written), so the steps asserted do not depend on today's data."""

from __future__ import annotations

import html
import re

import pytest

from assistant.context import AppContext
from assistant.development.direction import direction_for
from assistant.development.learning_options import LearningCatalogue, LearningOption
from assistant.development.next_steps import wish_key
from assistant.interview.access import HOLDER
from assistant.web.speech import SpeechFiles
from tests.test_kiosk_return_visit import _finished
from tests.test_web_kiosk import (
    TestClient,
    audio_key,
    check_page,
    client,
    clock,
    loudness,
    screen,
    settings,
    speaking,
)

__all__ = [
    "client",
    "clock",
    "settings",
    "speaking",
]  # fixtures of the web kiosk's tests, used here as they are

JOB = "bouw.metselaar"
VCA = "leren.vca_test"
OPTIONS = [
    LearningOption(
        id=VCA, label="VCA-certificaat halen", kind="certificate", length="1 dag", level="VCA basis",
        source="Stichting Samenwerken Voor Veiligheid", teaches=["bouw.veilig_werken"],
    ),
    LearningOption(
        id="leren.voegen_test", label="Cursus voegen", kind="course", length="2 dagen", level="MBO 2",
        source="Bouwmensen", teaches=["bouw.voegen"],
    ),
]  # fmt: skip


@pytest.fixture
def holder_at_end(client: TestClient, context: AppContext) -> str:
    """A passport made at the kiosk (Ayla: muren metselen and tegels zetten), opened with its code and on its
    end page; a learning catalogue with a certificate the masonry work asks for. Returns the passport id."""
    return _to_end(client, context)


def _to_end(client: TestClient, context: AppContext) -> str:
    occupations = dict(context.catalogue.occupations)
    occupations[JOB] = occupations[JOB].model_copy(update={"licences": (VCA,)})
    context.catalogue = context.catalogue.model_copy(update={"occupations": occupations})
    context.learning = LearningCatalogue(options={o.id: o for o in OPTIONS})
    pid, code = _finished(context)
    client.post("/code", data={"code": code})
    page = client.post("/terugkomst", data={"keuze": "paspoort"}).text
    assert screen(page) == "end"
    return pid


def _text(page: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", page)).split())


def _section(page: str, occupation_id: str) -> str:
    found = re.search(
        rf'<section class="richting"[^>]*data-beroep="{occupation_id}">(.*?)</section>', page, re.S
    )
    assert found, f"{occupation_id} is on the page"
    return found.group(1)


def _ticked(page: str) -> list[str]:
    return re.findall(r'name="stap" value="([^"]+)" checked', page)


def _steps(page: str) -> list[str]:
    return re.findall(r'name="stap" value="([^"]+)"', page)


def test_web_directions_from_the_end_page(
    client: TestClient, context: AppContext, holder_at_end: str
) -> None:
    end = client.get("/").text
    assert re.search(r'<form method="get" action="/richting">\s*<button type="submit" id="hierna"', end)
    assert "Wat wilt u hierna?" in _text(end)
    with TestClient(client.app) as stranger:
        assert screen(stranger.get("/richting").text) == "welcome", "only the holder's own browser"

    page = client.get("/richting").text
    check_page(page, "nl", "ltr")
    assert screen(page) == "direction"
    assert "Wat wilt u hierna?" in _text(page)
    mason = _section(page, JOB)
    words = _text(mason)
    assert "Metselaar" in words
    assert "Muren metselen" in _text(mason.split("Dit heeft u al:")[1].split("</ul>")[0]), (
        "what the person has"
    )
    missing = _text(mason.split("Dit mist nog:")[1].split("</ul>")[0])
    assert "Bouwtekening lezen" in missing, "a gap is shown as missing"
    # Which gaps are "bijna" is the core's rule on today's catalogue; the page must show each with its reason.
    expected = direction_for(context.store.passport(holder_at_end), context.catalogue, JOB)
    assert expected.almost, "the mason's two skills make something bijna"
    almost = _text(mason.split("Bijna:")[1].split("</ul>")[0])
    for need in expected.almost:
        assert f"{need.label} (u kunt al: {need.close_to})" in almost, "bijna, and why"
    assert "VCA-certificaat halen" in _text(mason.split("Hiervoor is nodig:")[1]), (
        "the licence beside the gaps"
    )
    # The dots: a picture hidden from a screen reader, with words beside it; never a percentage.
    dots = re.search(r'<p class="stippen"><span class="stippen-beeld" aria-hidden="true">(.*?)</span> '
                     r'<span class="stippen-woorden">([^<]+)</span>', mason)  # fmt: skip
    assert dots, "dots with their words"
    filled = dots.group(1).count('class="stip vol"')
    assert dots.group(1).count('class="stip') == 5 and 1 <= filled <= 4, "never 5 while a skill is missing"
    assert dots.group(2) == f"Past {filled} van de 5."
    assert "%" not in _text(page)
    # The way on for each occupation is a real button whose words are its label.
    assert re.search(rf'<button type="submit" class="knop hoofd kies-beroep" name="beroep" value="{JOB}" '
                     rf'aria-describedby="beroep-\d">.*?<span>Kies dit beroep</span></button>', mason, re.S)  # fmt: skip
    assert '<label for="beroep-invoer">' in page and 'id="beroep-invoer"' in page

    page = client.post("/richting/terug").text
    assert screen(page) == "end", "Terug: the end page again"


def test_web_a_typed_occupation_with_a_spelling_mistake_is_found(
    client: TestClient, context: AppContext, holder_at_end: str
) -> None:
    page = client.post("/richting/zoek", data={"beroep": "heftruckchauffer"}).text
    assert screen(page) == "direction"
    assert "Dit vonden we:" in _text(page)
    truck = _text(_section(page, "logistiek.heftruckchauffeur"))
    assert "Heftruckchauffeur" in truck and "Dit mist nog:" in truck, "far from it: what it asks, as missing"
    assert 'value="heftruckchauffer"' in page, "what was typed stays in the field"

    page = client.post("/richting/zoek", data={"beroep": "<b>zzqqxv</b>"}).text
    assert screen(page) == "direction"
    message = re.search(r'<p id="fout" role="alert">([^<]+)</p>', page)
    assert message and "Dit beroep kennen we niet" in html.unescape(message.group(1))
    assert not re.search(r"E\d{3}", message.group(1)), "a kind message, no code"
    assert 'value="&lt;b&gt;zzqqxv&lt;/b&gt;"' in page, "the typed text kept, escaped"
    assert 'aria-invalid="true"' in page
    assert _section(page, JOB), "the occupations that fit are still there"

    page = client.post("/richting/zoek", data={"beroep": "   "}).text
    assert "Typ eerst de naam van een beroep." in _text(page)


def test_web_three_steps_are_saved_and_a_fourth_is_refused(
    client: TestClient, context: AppContext, holder_at_end: str
) -> None:
    store = context.store
    page = client.get("/richting/stappen", params={"beroep": JOB}).text
    check_page(page, "nl", "ltr")
    assert screen(page) == "direction_steps"
    steps = _steps(page)
    assert steps[0] == VCA, "the licence the work asks for comes first"
    assert "Dit is nodig voor dit werk:" in _text(page).split("VCA-certificaat halen")[0]
    card = _text(page.split(f'value="{VCA}"')[1].split("</label>")[0])
    assert "Certificaat" in card and "Hoe lang: 1 dag" in card and "Niveau: VCA basis" in card
    course = _text(page.split('value="leren.voegen_test"')[1].split("</label>")[0])
    assert "Korte cursus" in course and "MBO 2" in course and "Voor: Voegen van muren" in course
    assert len(steps) >= 4
    assert re.search(r'<label class="kaart stap">\s*<input type="checkbox" name="stap"', page), "a tick box"

    version = store.passport_version(holder_at_end)
    four = steps[:4]
    page = client.post("/richting/bewaar", data={"beroep": JOB, "stap": four}).text
    assert screen(page) == "direction_steps"
    assert "Kies hoogstens 3 stappen. Er is niets opgeslagen." in _text(page)
    assert _ticked(page) == four, "every tick kept"
    assert (
        store.passport_version(holder_at_end) == version and store.passport(holder_at_end).direction is None
    )

    response = client.post(
        "/richting/bewaar", data={"beroep": JOB, "stap": steps[:3]}, follow_redirects=False
    )
    assert response.status_code == 303 and response.headers["location"] == "/richting/bewaard"
    page = client.get(response.headers["location"]).text
    assert screen(page) == "direction_chosen"
    saved = store.passport(holder_at_end)
    assert saved.direction is not None and saved.direction.occupation_id == JOB
    assert saved.direction.chosen_by == "holder"
    keys = [wish_key(w) for w in saved.development_wishes]
    assert keys == steps[:3], "the three ticked steps, the licence first"
    last = store.passport_history(holder_at_end)[-1]
    assert (last.actor_kind, last.actor, last.action) == ("holder", HOLDER, "direction")
    assert last.version == version + 1
    words = _text(page)
    assert "Uw richting: Metselaar" in words and "VCA-certificaat halen" in words
    assert re.search(r"Gekozen op \d{1,2} \w+ \d{4}\.", words), "with its date"

    # Back to the steps: the three read back from the store, ticked.
    page = client.get("/richting/stappen", params={"beroep": JOB}).text
    assert _ticked(page) == steps[:3]
    assert screen(client.post("/richting/terug").text) == "end"


def test_web_direction_pages_in_arabic_right_to_left(
    client: TestClient, context: AppContext, holder_at_end: str
) -> None:
    client.post("/taal", data={"taal": "ar"})
    for address, kind in (("/richting", "direction"), (f"/richting/stappen?beroep={JOB}", "direction_steps")):
        page = client.get(address).text
        check_page(page, "ar", "rtl")
        assert screen(page) == kind
        words = _text(page)
        assert "Wat wilt u hierna?" not in words and "Terug" not in words, "translated"
        assert "Past " not in words and "Dit mist nog" not in words and "Kies hoogstens" not in words
        assert 'id="terug"' in page


def test_web_direction_pages_need_the_holders_end_page(client: TestClient, context: AppContext) -> None:
    client.post("/beginnen")
    for address in ("/richting", f"/richting/stappen?beroep={JOB}", "/richting/bewaard"):
        assert screen(client.get(address).text) == "question", "in the interview: its question, nothing else"
    response = client.post("/richting/bewaar", data={"beroep": JOB, "stap": []})
    assert screen(response.text) == "question"


def test_web_direction_pages_are_read_aloud_and_forgotten(
    speaking: tuple[TestClient, SpeechFiles], context: AppContext
) -> None:
    client, speech = speaking
    _to_end(client, context)
    for address in ("/richting", f"/richting/stappen?beroep={JOB}"):
        page = client.get(address).text
        assert 'id="lees-voor"' in page, "Lees voor, as on every page"
        key = audio_key(page)
        wav = client.get(f"/spraak/{key}.wav")
        assert wav.status_code == 200 and loudness(wav.content)[1] > 0.2, "real speech"
        assert not list(speech.cache_dir.glob(f"{key}*")), "the person's own skills are never kept by a hash"
    client.post("/klaar")
    assert client.get(f"/spraak/{key}.wav").status_code == 404, "gone with the person"
