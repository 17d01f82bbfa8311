"""The web kiosk through HTTP, as a browser at the desk uses it: whole interviews in Dutch and in Arabic with
every answer in the store as it is given, one browser per interview, pause and resume by code, a restart
that offers nothing, the privacy timeout on the server, erasing that asks once more, the picture set, and
every page with its language, direction and title. Real store, dialogue and matcher; Starlette's
TestClient instead of a browser (tests/test_web_browser.py drives Chromium)."""

from __future__ import annotations

import array
import html
import io
import re
import shutil
import wave
from collections.abc import Iterator
from pathlib import Path

import pytest
from fontTools.ttLib import TTFont
from starlette.testclient import TestClient

from assistant.config import Settings
from assistant.context import AppContext, load_context
from assistant.dialogue.loader import PICTURES_FILE, load_pictures
from assistant.errors import StorageError
from assistant.web.app import COOKIE, make_app
from assistant.web.desk_state import WebDesk
from assistant.web.pictures import PictureSet
from assistant.web.speech import SpeechFiles

TEXTS = {
    "naam": "Fatima",
    "werk_vertel": "Ik heb tien jaar muren gemetseld en tegels gezet.",
}
ARABIC_TEXTS = {"naam": "فاطمة", "werk_vertel": "عملت في البناء عشر سنوات"}


class Clock:
    """A clock the test moves on, so the privacy timeout is tested without waiting minutes."""

    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return Settings(
        data_dir=tmp_path, db_path=tmp_path / "kiosk.sqlite3", idle_seconds=60, idle_warning_seconds=30
    )


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def client(context: AppContext, clock: Clock) -> Iterator[TestClient]:
    app = make_app(context, None, warm=False, desk=WebDesk(context, clock))
    with TestClient(app) as c:
        yield c


# Reading a page -----------------------------------------------------------------------------------------


def screen(page: str) -> str:
    found = re.search(r'<main id="scherm" data-screen="(\w+)"', page)
    assert found, page[:500]
    return found.group(1)


def attribute(page: str, name: str) -> str | None:
    found = re.search(rf'<main id="scherm"[^>]* {name}="([^"]*)"', page)
    return html.unescape(found.group(1)) if found else None


def values(page: str, name: str = "keuze") -> list[str]:
    return re.findall(rf'name="{name}" value="([^"]+)"', page)


def check_page(page: str, lang: str, direction: str) -> None:
    """What every page must have: its language and direction, a title, and the screen it is."""
    assert re.search(rf'<html lang="{lang}" dir="{direction}">', page), page[:200]
    title = re.search(r"<title>(.+?)</title>", page)
    assert title and title.group(1).strip()
    screen(page)


# Driving an interview -------------------------------------------------------------------------------------


def answer_question(client: TestClient, page: str, texts: dict[str, str]) -> str:
    """Answers the question on `page` as a person might: a few yeses to get to work, then mostly no."""
    qid = attribute(page, "data-question")
    assert qid is not None
    cards = values(page)
    if 'id="tekst"' in page:
        text = texts.get(qid, "Ik hielp in de tuin van de buren.")
        return client.post("/antwoord", data={"vraag": qid, "tekst": text}).text
    if 'type="checkbox"' in page:
        return client.post("/antwoord", data={"vraag": qid, "keuze": cards[:2]}).text
    if qid in ("werk_nu", "werk_vroeger") or "nee" not in cards:
        choice = "ja" if "ja" in cards else ("bouw" if "bouw" in cards else cards[0])
    else:
        choice = "nee"
    return client.post("/antwoord", data={"vraag": qid, "keuze": choice}).text


def drive_to_end(
    client: TestClient, context: AppContext, page: str, texts: dict[str, str], lang: str, direction: str
) -> tuple[str, list[str]]:
    """Answers every screen until the end page; after each step the store holds what was just given."""
    session_id = context.store.sessions(("active",))[0].id
    seen: list[str] = []
    for _ in range(120):
        check_page(page, lang, direction)
        kind = screen(page)
        seen.append(kind)
        if kind == "end":
            return page, seen
        if kind == "question":
            qid = attribute(page, "data-question")
            page = answer_question(client, page, texts)
            assert qid in context.store.answers(session_id), f"{qid} is saved once answered"
        elif kind == "confirm":
            skill = attribute(page, "data-skill")
            page = client.post("/oordeel", data={"skill": skill, "oordeel": "ja"}).text
            verdicts = {p.skill_ref: p.verdict for p in context.store.proposals(session_id)}
            assert verdicts[skill] == "ja", "the verdict is saved once given"
        elif kind == "personal":
            page = client.post("/persoonlijk", data={"keuze": "remove"}).text
        else:
            raise AssertionError(f"unexpected screen {kind}")
    raise AssertionError("the interview did not end")


def skip_to_end(client: TestClient, page: str) -> str:
    for _ in range(120):
        kind = screen(page)
        if kind == "end":
            return page
        if kind == "confirm":
            page = client.post(
                "/oordeel", data={"skill": attribute(page, "data-skill"), "oordeel": "nee"}
            ).text
        else:
            qid = attribute(page, "data-question")
            page = client.post("/stap", data={"stap": "overslaan", "vraag": qid}).text
    raise AssertionError("the interview did not end")


# Whole interviews -----------------------------------------------------------------------------------------


def test_web_whole_interview_in_dutch_saves_each_answer(client: TestClient, context: AppContext) -> None:
    page = client.get("/").text
    check_page(page, "nl", "ltr")
    assert screen(page) == "welcome"
    assert values(page, "taal")[:6] == ["nl", "en", "tr", "pl", "uk", "ar"]
    assert 'id="beginnen"' in page and 'id="ik-heb-een-code"' in page
    assert "OpenMoji" in page and "CC BY-SA 4.0" in page
    page = client.post("/beginnen").text
    assert attribute(page, "data-question") == "naam"
    for bar in ('id="terug"', 'id="weetniet"', 'id="overslaan"', 'id="later"', 'id="hulp"'):
        assert bar in page

    end, seen = drive_to_end(client, context, page, TEXTS, "nl", "ltr")
    assert "confirm" in seen, "the bricklaying answer brought a Klopt dit? screen"
    record = context.store.sessions(("finished",))[0]
    passport = context.store.passport(record.passport_id or "")
    assert passport.person.nickname == "Fatima"
    assert "Fatima" in end, "the end thanks the person by name"
    for skill in passport.active_skills():
        assert html.escape(skill.label) in end
    assert html.escape(TEXTS["werk_vertel"]) in end, "what the person said is on the end page"
    code = re.search(r'<p id="code"[^>]*>([\d ]+)</p>', end)
    assert code and len(code.group(1).replace(" ", "")) == 8
    assert 'id="klaar"' in end and 'id="wissen"' in end

    page = client.post("/klaar").text
    assert screen(page) == "welcome"
    assert "Fatima" not in page


def test_web_whole_interview_in_arabic_right_to_left(client: TestClient, context: AppContext) -> None:
    page = client.post("/taal", data={"taal": "ar"}).text
    check_page(page, "ar", "rtl")
    assert screen(page) == "welcome"
    page = client.post("/beginnen").text
    check_page(page, "ar", "rtl")
    assert "Hoe mogen we u noemen" not in page, "the question is in Arabic"
    drive_to_end(client, context, page, ARABIC_TEXTS, "ar", "rtl")
    record = context.store.sessions(("finished",))[0]
    assert record.language == "ar"
    answers = context.store.answers(record.id)
    assert answers["naam"].text == "فاطمة"

    page = client.post("/klaar").text
    check_page(page, "nl", "ltr")  # the next person starts in the desk's language


def test_web_the_language_can_change_in_the_middle_and_the_answers_stay(
    client: TestClient, context: AppContext
) -> None:
    page = client.post("/beginnen").text
    page = answer_question(client, page, {"naam": "Samira"})
    asked = attribute(page, "data-question")
    assert 'id="taal" href="/taal"' in page, "Taal is in the top bar during the interview"

    page = client.get("/taal").text
    assert screen(page) == "language"
    assert values(page, "taal") == ["nl", "en", "tr", "pl", "uk", "ar"]
    page = client.post("/taal", data={"taal": "ar"}).text
    check_page(page, "ar", "rtl")
    assert screen(page) == "question" and attribute(page, "data-question") == asked, "the same question"

    record = context.store.sessions(("active",))[0]
    assert record.language == "ar", "the interview goes on in Arabic, also after a pause"
    assert context.store.answers(record.id)["naam"].text == "Samira", "what was said stays"

    other = TestClient(client.app)
    welcome = other.get("/").text
    check_page(welcome, "nl", "ltr")
    assert 'id="taal"' not in welcome, "only the person at the desk changes their own language"
    assert screen(other.get("/taal").text) == "welcome"


# One browser per interview --------------------------------------------------------------------------------


def test_web_another_browser_gets_the_welcome_and_cannot_answer(
    client: TestClient, context: AppContext
) -> None:
    client.post("/beginnen")
    page = client.post("/antwoord", data={"vraag": "naam", "tekst": "Fatima"}).text
    assert attribute(page, "data-question") == "werk_nu"
    session_id = context.store.sessions(("active",))[0].id

    with TestClient(client.app) as other:
        page = other.get("/").text
        assert screen(page) == "welcome"
        assert "Fatima" not in page
        page = other.post("/antwoord", data={"vraag": "werk_nu", "keuze": "ja"}).text
        assert screen(page) == "welcome"
        assert "werk_nu" not in context.store.answers(session_id), "another tab answers nothing"
        for path in ("/later", "/oordeel", "/stap", "/wissen"):
            assert screen(other.post(path).text) == "welcome"
    assert context.store.session(session_id).status == "active"
    assert attribute(client.get("/").text, "data-question") == "werk_nu", "the person's own tab goes on"


# Errors ---------------------------------------------------------------------------------------------------


def test_web_an_empty_answer_gets_a_kind_message_on_the_same_page(client: TestClient) -> None:
    client.post("/beginnen")
    page = client.post("/antwoord", data={"vraag": "naam", "tekst": "   "}).text
    assert attribute(page, "data-question") == "naam"
    error = re.search(r'<p id="fout" role="alert">(.+?)</p>', page)
    assert error and "E1" not in error.group(1)


def test_web_a_too_long_answer_keeps_what_was_typed(client: TestClient, context: AppContext) -> None:
    client.post("/beginnen")
    typed = "Ik heb <muren> gemetseld & " + "heel lang " * 300
    page = client.post("/antwoord", data={"vraag": "naam", "tekst": typed}).text
    assert attribute(page, "data-question") == "naam"
    assert re.search(r'<p id="fout" role="alert">[^<]+</p>', page)
    assert "E102" not in page
    kept = re.search(r'<textarea id="tekst"[^>]*>(.*?)</textarea>', page, re.S)
    assert kept and html.unescape(kept.group(1)) == typed, "typed text kept, escaped"
    assert context.store.answers(context.store.sessions(("active",))[0].id) == {}


def test_web_a_personal_number_is_asked_about_before_saving(client: TestClient, context: AppContext) -> None:
    client.post("/beginnen")
    page = client.post("/antwoord", data={"vraag": "naam", "tekst": "Fatima 0612345678"}).text
    assert screen(page) == "personal"
    assert values(page) == ["remove", "keep"]
    session_id = context.store.sessions(("active",))[0].id
    assert context.store.answers(session_id) == {}, "nothing saved before the person says"
    page = client.post("/persoonlijk", data={"keuze": "remove"}).text
    assert attribute(page, "data-question") == "werk_nu"
    assert "0612345678" not in (context.store.answers(session_id)["naam"].text or "")


# Pause and resume -----------------------------------------------------------------------------------------


def pause(client: TestClient) -> tuple[str, str]:
    """Pauses after the first answer: the pause page and its code."""
    client.post("/beginnen")
    client.post("/antwoord", data={"vraag": "naam", "tekst": "Fatima"})
    page = client.post("/later").text
    assert screen(page) == "pause"
    code = re.search(r'<p id="code"[^>]*>([\d ]+)</p>', page)
    assert code
    return page, code.group(1)


def test_web_pause_and_resume_by_code(client: TestClient, context: AppContext) -> None:
    _page, code = pause(client)
    assert context.store.sessions(("paused",)), "paused in the store"
    page = client.get("/").text
    assert screen(page) == "welcome", "the code is shown once: a reload, or the next person, gets the welcome"
    assert code not in page and "Fatima" not in page

    page = client.get("/code").text
    assert screen(page) == "code"
    assert [v for v in re.findall(r'data-cijfer="(\d)"', page)] == list("1234567890")
    assert 'id="wis-cijfer"' in page and 'id="code-invoer"' in page

    wrong = "0000 0001" if code.replace(" ", "") != "00000001" else "0000 0002"
    page = client.post("/code", data={"code": wrong}).text
    assert screen(page) == "code"
    error = re.search(r'<p id="fout" role="alert">(.+?)</p>', page)
    assert error and "E107" not in page
    assert f'value="{wrong}"' in page, "the typed code is kept"

    page = client.post("/code", data={"code": code}).text
    assert attribute(page, "data-question") == "werk_nu", "back where the person stopped"
    assert client.cookies.get(COOKIE)


def test_web_restart_offers_nothing_of_the_last_interview(
    client: TestClient, context: AppContext, clock: Clock
) -> None:
    client.post("/beginnen")
    client.post("/antwoord", data={"vraag": "naam", "tekst": "Fatima"})
    left = context.store.sessions(("active",))[0]

    # The server dies and starts again on the same file; the same browser comes back with its cookie.
    restarted = load_context(context.settings)
    restarted.matcher._matcher = context.matcher._matcher
    try:
        app = make_app(restarted, None, warm=False, desk=WebDesk(restarted, clock))
        with TestClient(app, cookies=dict(client.cookies)) as again:
            page = again.get("/").text
            assert screen(page) == "welcome"
            assert "Fatima" not in page
            assert restarted.store.session(left.id).status == "paused", "paused at start, never lost"
    finally:
        restarted.store.close()


# Privacy timeout ------------------------------------------------------------------------------------------


def test_web_idle_warning_then_welcome_on_the_server(
    client: TestClient, context: AppContext, clock: Clock
) -> None:
    client.post("/beginnen")
    session_id = context.store.sessions(("active",))[0].id
    clock.now += 61
    page = client.get("/").text
    assert screen(page) == "idle"
    assert 'id="nog-hier"' in page
    assert attribute(page, "data-seconds") == "29"
    # While the warning is up a tap on the old page answers nothing: it may be the next person's.
    page = client.post("/antwoord", data={"vraag": "naam", "tekst": "Iemand anders"}).text
    assert screen(page) == "idle"
    assert context.store.answers(session_id) == {}
    page = client.post("/nog-hier").text
    assert attribute(page, "data-question") == "naam", "still here: the question again"

    clock.now += 95
    page = client.get("/").text
    assert screen(page) == "welcome"
    assert context.store.session(session_id).status == "paused", "kept, but only its code brings it back"
    assert screen(client.get("/").text) == "welcome"


def test_web_typing_counts_as_being_there(client: TestClient, clock: Clock) -> None:
    client.post("/beginnen")
    clock.now += 50
    assert client.post("/bezig").status_code == 204
    clock.now += 50
    assert screen(client.get("/").text) == "question", "the page told the server the person types"


# Erasing --------------------------------------------------------------------------------------------------


def test_web_erase_asks_once_more(client: TestClient, context: AppContext) -> None:
    end = skip_to_end(client, client.post("/beginnen").text)
    assert 'id="wissen"' in end
    passport_id = context.store.sessions(("finished",))[0].passport_id or ""
    page = client.post("/wissen").text
    assert screen(page) == "erase"
    assert 'id="wissen-zeker"' in page and 'id="niet-wissen"' in page
    assert context.store.passport(passport_id), "nothing erased before the second yes"
    page = client.post("/wissen/niet").text
    assert screen(page) == "end"
    client.post("/wissen")
    page = client.post("/wissen/zeker").text
    assert screen(page) == "welcome"
    assert 'role="status"' in page
    with pytest.raises(StorageError) as gone:
        context.store.passport(passport_id)
    assert gone.value.code == "E301"


# Pictures -------------------------------------------------------------------------------------------------


def test_web_every_choice_and_sector_has_a_picture_file(context: AppContext) -> None:
    pictures = PictureSet(context.settings.pictures, context.pictures)
    names = {c.picture for q in context.dialogue.questions for c in q.options}
    names |= set(context.catalogue.sectors) & set(context.pictures)
    missing = sorted(n for n in names if not pictures.has_file(n))
    assert not missing, f"no picture file for {missing}"
    all_in_yaml = load_pictures(context.settings.dialogues_dir / PICTURES_FILE)
    assert not [n for n in all_in_yaml if not pictures.has_file(n)]


def test_web_pictures_route_serves_only_known_names(client: TestClient) -> None:
    ok = client.get("/beeld/bouw.svg")
    assert ok.status_code == 200
    assert ok.headers["content-type"].startswith("image/svg+xml")
    assert b"<svg" in ok.content
    for bad in ("/beeld/onbekend.svg", "/beeld/..%2F..%2Fpyproject.svg", "/beeld/%2Fetc%2Fpasswd.svg"):
        assert client.get(bad).status_code == 404
    assert client.get("/lettertype/DejaVuSans.ttf").status_code == 200
    assert client.get("/lettertype/..%2F..%2F..%2Fetc%2Fpasswd").status_code == 404


def test_web_without_the_picture_set_the_emoji_shows(
    settings: Settings, context: AppContext, tmp_path: Path
) -> None:
    context.settings = settings.model_copy(update={"pictures_dir": tmp_path / "geen-plaatjes"})
    with TestClient(make_app(context, None, warm=False)) as c:
        c.post("/beginnen")
        page = c.post("/antwoord", data={"vraag": "naam", "tekst": "Fatima"}).text
        page = c.post("/antwoord", data={"vraag": "werk_nu", "keuze": "ja"}).text
        assert attribute(page, "data-question") == "werk_sector"
        assert "👷" in page, "the emoji as text"
        assert '<svg class="plaatje"' not in page
        assert c.get("/beeld/bouw.svg").status_code == 404


def test_web_pictures_are_drawn_in_the_page_with_ids_of_their_own(client: TestClient) -> None:
    client.post("/beginnen")
    client.post("/antwoord", data={"vraag": "naam", "tekst": "Fatima"})
    page = client.post("/antwoord", data={"vraag": "werk_nu", "keuze": "ja"}).text
    assert attribute(page, "data-question") == "werk_sector"
    pictures = page.count('<svg class="plaatje" aria-hidden="true"')
    assert pictures >= 6, "a picture on every sector card"
    ids = re.findall(r'\bid="([^"]+)"', page)
    assert len(ids) == len(set(ids)), "no id twice on the page"


def test_web_a_picture_file_that_could_run_code_is_not_put_in_the_page(
    settings: Settings, context: AppContext, tmp_path: Path
) -> None:
    folder = tmp_path / "plaatjes"
    shutil.copytree(context.settings.pictures, folder)
    (folder / "1F477.svg").write_text('<svg viewBox="0 0 72 72"><script>alert(1)</script></svg>')
    context.settings = settings.model_copy(update={"pictures_dir": folder})
    with TestClient(make_app(context, None, warm=False)) as c:
        c.post("/beginnen")
        c.post("/antwoord", data={"vraag": "naam", "tekst": "Fatima"})
        page = c.post("/antwoord", data={"vraag": "werk_nu", "keuze": "ja"}).text
        assert "<script>alert" not in page
        assert "👷" in page, "its emoji instead"
        assert page.count('<svg class="plaatje"') >= 5, "the other pictures still show"


def test_web_multi_choice_cards_show_a_mark_when_ticked(client: TestClient) -> None:
    client.post("/beginnen")
    client.post("/antwoord", data={"vraag": "naam", "tekst": "Fatima"})
    client.post("/antwoord", data={"vraag": "werk_nu", "keuze": "ja"})
    page = client.post("/antwoord", data={"vraag": "werk_sector", "keuze": "bouw"}).text
    assert attribute(page, "data-question") == "taken_bouw"
    cards = re.findall(r'<label class="kaart">(.*?)</label>', page, re.S)
    assert cards and all('type="checkbox"' in c and "✓" in c for c in cards)
    assert 'id="verder"' in page
    first = values(page)[0]
    page = client.post("/antwoord", data={"vraag": "taken_bouw", "keuze": [first, "bestaat_niet"]}).text
    assert attribute(page, "data-question") == "taken_bouw"
    assert re.search(r'<p id="fout" role="alert">[^<]+</p>', page)
    assert re.search(rf'value="{first}" checked', page), "what was ticked stays ticked beside the message"


def test_web_health_route(client: TestClient) -> None:
    assert client.get("/gezond").status_code == 200


# Speech ---------------------------------------------------------------------------------------------------


def loudness(wav: bytes) -> tuple[float, float]:
    """(seconds, share of samples that are not near silence) of a 16-bit mono WAV."""
    with wave.open(io.BytesIO(wav), "rb") as w:
        assert w.getsampwidth() == 2 and w.getnchannels() == 1
        samples = array.array("h", w.readframes(w.getnframes()))
        seconds = w.getnframes() / w.getframerate()
    return seconds, sum(1 for s in samples if abs(s) > 500) / len(samples)


def audio_key(page: str) -> str:
    found = re.search(r'<audio id="spraak" autoplay src="/spraak/([0-9a-f]+)\.wav"></audio>', page)
    assert found, "the page is read aloud on arrival"
    return found.group(1)


@pytest.fixture
def speaking(context: AppContext, clock: Clock, tmp_path: Path) -> Iterator[tuple[TestClient, SpeechFiles]]:
    speech = SpeechFiles(tmp_path / "spraak")
    with TestClient(make_app(context, speech, warm=False, desk=WebDesk(context, clock))) as c:
        yield c, speech


def test_web_every_screen_is_spoken_as_real_audio(speaking: tuple[TestClient, SpeechFiles]) -> None:
    client, speech = speaking
    page = client.get("/").text
    assert 'id="lees-voor"' in page
    response = client.get(f"/spraak/{audio_key(page)}.wav")
    assert response.status_code == 200
    assert response.headers["content-type"] == "audio/wav"
    seconds, voiced = loudness(response.content)
    assert seconds > 3.0, "the whole welcome, not a word"
    assert voiced > 0.2, "speech, not silence"
    assert list(speech.cache_dir.glob("*.wav")), "the welcome is kept for the next person"

    page = client.post("/taal", data={"taal": "ar"}).text
    arabic = client.get(f"/spraak/{audio_key(page)}.wav")
    assert arabic.status_code == 200
    assert loudness(arabic.content)[1] > 0.2
    assert arabic.content != response.content
    assert client.get("/spraak/0123456789abcdef0123456789abcdef.wav").status_code == 404
    assert client.get("/spraak/..%2F..%2Fkiosk.sqlite3.wav").status_code == 404


def test_web_spoken_code_is_deleted_when_the_person_leaves(speaking: tuple[TestClient, SpeechFiles]) -> None:
    client, speech = speaking
    page, code = pause(client)
    key = audio_key(page)
    wav = client.get(f"/spraak/{key}.wav")
    assert wav.status_code == 200 and loudness(wav.content)[1] > 0.2
    assert not list(speech.cache_dir.glob(f"{key}*")), "a spoken code is never kept by a hash of its text"
    assert code.replace(" ", "") not in " ".join(p.name for p in speech.cache_dir.iterdir())
    assert (speech.personal_dir / f"{key}.wav").exists()
    client.post("/klaar")
    assert client.get(f"/spraak/{key}.wav").status_code == 404, "gone with the person"
    assert not list(speech.personal_dir.glob("*.wav")), "the file of the spoken code is deleted"


def test_web_arabic_pages_use_a_font_that_joins_letters(client: TestClient) -> None:
    css = client.get("/static/kiosk.css").text
    assert 'url("/lettertype/DejaVuSans.ttf")' in css
    assert re.search(r'font-family: "Kiosk Sans"', css)
    font = client.get("/lettertype/DejaVuSans.ttf")
    assert font.status_code == 200
    cmap = TTFont(io.BytesIO(font.content)).getBestCmap()
    # The letters of "العربية" and their joined forms (initial, medial, final), which the browser picks.
    needed = [ord(c) for c in "العربية"] + [0xFE8F, 0xFE92, 0xFEE0, 0xFEEA]
    assert all(code in cmap for code in needed)
    page = client.post("/taal", data={"taal": "ar"}).text
    assert '<html lang="ar" dir="rtl">' in page
    assert 'lang="nl"' in page and "Nederlands" in page, "each language card in its own language"


def test_web_a_second_tap_on_an_old_page_answers_nothing(client: TestClient, context: AppContext) -> None:
    client.post("/beginnen")
    client.post("/antwoord", data={"vraag": "naam", "tekst": "Fatima"})
    page = client.post("/antwoord", data={"vraag": "naam", "tekst": "Fatima Fatima"}).text
    assert attribute(page, "data-question") == "werk_nu", "the double tap went nowhere"
    answers = context.store.answers(context.store.sessions(("active",))[0].id)
    assert answers["naam"].text == "Fatima" and list(answers) == ["naam"]


# Sharing --------------------------------------------------------------------------------------------------


def test_web_the_holder_shares_and_stops_sharing(client: TestClient, context: AppContext) -> None:
    end = skip_to_end(client, client.post("/beginnen").text)
    assert 'id="delen"' in end
    passport_id = context.store.sessions(("finished",))[0].passport_id or ""
    with TestClient(client.app) as other:
        assert screen(other.post("/delen").text) == "welcome", "only the holder's own browser"
    page = client.post("/delen").text
    assert screen(page) == "share"

    half = {"deel": ["skills", "experiences"], "wie": "employer", "naam": "Bouwbedrijf <De Vries>"}
    page = client.post("/delen/ja", data=half).text
    assert screen(page) == "share"
    assert re.search(r'<p id="fout" role="alert">[^<]+</p>', page), "says what is missing"
    assert 'value="employer" checked' in page and 'value="experiences" checked' in page
    assert 'value="Bouwbedrijf &lt;De Vries&gt;"' in page, "the typed name is kept, escaped"
    assert context.store.consents(passport_id) == []

    page = client.post("/delen/ja", data={**half, "doel": "sollicitatie", "duur": "maand"}).text
    assert screen(page) == "end"
    assert 'role="status"' in page and "Bouwbedrijf &lt;De Vries&gt;" in page
    (consent,) = context.store.consents(passport_id)
    assert consent.receiver_kind == "employer" and consent.parts == ["experiences", "skills"]
    assert consent.is_valid()

    page = client.post("/delen").text
    assert consent.id in page
    page = client.post("/delen/stop", data={"toestemming": "niet-van-deze-persoon"}).text
    assert context.store.consents(passport_id)[0].is_valid()
    page = client.post("/delen/stop", data={"toestemming": consent.id}).text
    assert screen(page) == "share"
    assert not context.store.consents(passport_id)[0].is_valid(), "withdrawn"
    assert screen(client.post("/delen/terug").text) == "end"
