"""Take it along: a consent's short code and QR code fetch exactly what that consent shares (hidden skills
left out) on `assistent serve`'s page, until the consent ends or is withdrawn, then a kind refusal; guessing
is slowed down per address and, a little, for everyone, without locking real receivers out. The QR codes
are read back with a real decoder (zxing-cpp), as a phone would."""

from __future__ import annotations

import io
import subprocess
from datetime import date, timedelta

import numpy as np
import pytest
import zxingcpp
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer
from pypdf import PdfReader
from starlette.testclient import TestClient as WebClient
from textual.widgets import Input, Static

from assistant import holder, holder_code, qr_code, sharing
from assistant.context import AppContext
from assistant.errors import AssistantError
from assistant.export.registry import renderer_for
from assistant.interview.session import InterviewSession
from assistant.serve import make_server
from assistant.shared_page import SharedPages
from assistant.take_along import Lookups, take_along
from assistant.ui.app import make_app
from assistant.ui.holder_access_screens import HolderScreen, TakeAlongScreen
from assistant.web.app import make_app as make_web_app
from assistant.web.desk_state import WebDesk
from tests.test_kiosk_app import SIZE
from tests.test_kiosk_holder import _click
from tests.test_kiosk_holder_code import _open_with

BASE = "https://loket.example.nl/"


def decoded(rows: list[list[bool]]) -> str:
    """What a phone's camera reads from the printed matrix (4 pixels a module)."""
    image = np.kron(
        np.array([[0 if dark else 255 for dark in row] for row in rows], dtype=np.uint8),
        np.ones((4, 4), dtype=np.uint8),
    )
    [found] = zxingcpp.read_barcodes(image)
    return found.text


def finished_passport(context: AppContext) -> str:
    """A short whole interview with a few confirmed building skills, as the kiosk finishes it."""
    session = InterviewSession.start(context.store, context.dialogue, context.matcher)
    session.answer(text="Kwikstaart4410")
    session.answer(values=["ja"])
    session.answer(values=["bouw"])
    session.answer(values=["metselen", "tegels", "verven"])
    while not session.finished:
        for p in session.pending():
            session.confirm(p.skill_ref, "ja")
        if not session.finished:
            session.skip()
    return session.finish().id


def _shared(context: AppContext, days: int = 30):
    store = context.store
    pid = finished_passport(context)
    consent = sharing.give_consent(
        store, pid, ["skills"], "employer", "Bouwbedrijf De Hoek", "Solliciteren",
        date.today() + timedelta(days=days), "eigenaar",
    )  # fmt: skip
    return pid, consent


def test_the_code_is_the_same_every_time_and_its_qr_code_reads_back_as_the_address(
    context: AppContext,
) -> None:
    pid, consent = _shared(context)
    first = take_along(context.store, consent, BASE)
    assert take_along(context.store, consent, BASE) == first, "the end screen and every PDF show one code"
    assert holder_code.normalise_share(first.code) == first.code
    assert first.url == f"https://loket.example.nl/gedeeld/{first.code}"
    assert decoded(qr_code.matrix(first.url)) == first.url
    assert first.code not in str(context.store.access_log(pid)), "only its keyed hash is kept"
    halves = qr_code.text_lines(first.url)
    assert len(halves) == (len(qr_code.matrix(first.url)) + 1) // 2
    assert qr_code.svg(first.url).startswith("<svg")


def test_fetching_gives_exactly_what_was_shared_until_the_end_date(context: AppContext) -> None:
    store = context.store
    pid, consent = _shared(context, days=10)
    code = take_along(store, consent, BASE).code
    skill = store.passport(pid).active_skills()[0]
    holder.set_skill_hidden(store, pid, skill.ref, True)
    lookups = Lookups()

    shared, found = lookups.fetch(store, code.lower(), "10.0.0.1")
    assert found.id == consent.id
    assert skill.ref not in [s.ref for s in shared.skills], "a hidden skill is never fetched"
    assert shared.experiences == [] and shared.ambitions == [], "only the parts of the consent"
    assert ("deelcode", "fetched") in [(e.actor, e.action) for e in store.access_log(pid)]

    with pytest.raises(AssistantError) as ended:
        lookups.fetch(store, code, "10.0.0.1", today=consent.until + timedelta(days=1))
    assert ended.value.code == "E521"
    lookups.fetch(store, code, "10.0.0.1", today=consent.until)  # the last day still counts

    holder.stop_sharing(store, pid)
    with pytest.raises(AssistantError) as stopped:
        lookups.fetch(store, code, "10.0.0.1")
    assert stopped.value.code == "E521"
    with pytest.raises(AssistantError) as no_new_code:
        take_along(store, store.consent(consent.id), BASE)
    assert no_new_code.value.code == "E502"


@pytest.mark.parametrize(
    "typed", ["", "ABC", "ABCDEFG0", "ABCD EFGH IJ", "🙂🙂🙂🙂🙂🙂🙂🙂", 12345678, "A" * 500]
)
def test_bad_codes_get_a_kind_coded_error_and_cost_no_try(context: AppContext, typed: object) -> None:
    with pytest.raises(AssistantError) as bad:
        Lookups().fetch(context.store, typed, "10.0.0.1")
    assert bad.value.code == "E519"
    assert context.store.throttle_state("share-code", "10.0.0.1") == (0, 0.0)


def test_guessing_is_slowed_per_address_and_never_locks_out_others(context: AppContext) -> None:
    store = context.store
    _pid, consent = _shared(context)
    code = take_along(store, consent, BASE).code
    now = [1_000_000.0]
    lookups = Lookups(clock=lambda: now[0])
    wrong = "ABCDEFGH" if code != "ABCDEFGH" else "HGFEDCBA"
    for _ in range(5):
        with pytest.raises(AssistantError) as guess:
            lookups.fetch(store, wrong, "10.6.6.6")
        assert guess.value.code == "E520"
    with pytest.raises(AssistantError) as waiting:
        lookups.fetch(store, code, "10.6.6.6")
    assert waiting.value.code == "E522", "even the right code waits at a guessing address"
    lookups.fetch(store, code, "10.1.1.1")  # a real receiver elsewhere fetches at once

    for n in range(40):  # guessing from many addresses: everyone is slowed a little, nobody refused
        with pytest.raises(AssistantError):
            lookups.fetch(store, wrong, f"10.7.{n}.1")
    assert 0 < lookups.slow_down(store) <= 8
    lookups.fetch(store, code, "10.1.1.1")
    now[0] += 61
    assert lookups.slow_down(store) == 0


# Through `assistent serve`'s page -----------------------------------------------------------------------


async def test_the_serve_page_fetches_by_typed_code_and_by_qr_address_and_refuses_kindly(
    context: AppContext,
) -> None:
    store = context.store
    pid, consent = _shared(context)
    along = take_along(store, consent, BASE)
    skills = store.passport(pid).active_skills()
    assert len(skills) >= 2
    holder.set_skill_hidden(store, pid, skills[0].ref, True)
    pages = SharedPages(context.settings)
    pages._store = store  # the test's store: the page would open the same file from the settings
    app = web.Application()
    app.add_routes(pages.routes())
    async with TestClient(TestServer(app)) as client:
        form = await client.get("/gedeeld")
        assert form.status == 200 and 'name="code"' in await form.text()

        scanned = await client.get(f"/gedeeld/{along.code}")
        page = await scanned.text()
        assert scanned.status == 200 and "Bouwbedrijf De Hoek" in page
        assert scanned.headers["Cache-Control"] == "no-store"
        for skill in skills[1:]:
            assert skill.label in page
        assert skills[0].label not in page, "the hidden skill is not on the page"

        typed = await client.post("/gedeeld", data={"code": along.shown.lower()})
        assert typed.status == 200 and "Bouwbedrijf De Hoek" in await typed.text()

        unknown = await client.post("/gedeeld", data={"code": "<script>x</script>"})
        text = await unknown.text()
        assert unknown.status == 404 and "<script>" not in text and "Een deelcode heeft 8" in text

        sharing.withdraw_consent(store, consent.id, "eigenaar")
        ended = await client.get(f"/gedeeld/{along.code}")
        text = await ended.text()
        assert ended.status == 410 and "Dit wordt niet meer gedeeld" in text
        assert skills[1].label not in text


async def test_behind_a_proxy_on_the_same_machine_one_guesser_does_not_make_others_wait(
    context: AppContext,
) -> None:
    _pid, consent = _shared(context)
    along = take_along(context.store, consent, BASE)
    pages = SharedPages(context.settings)
    pages._store = context.store
    app = web.Application()
    app.add_routes(pages.routes())
    wrong = "ABCDEFGH" if along.code != "ABCDEFGH" else "HGFEDCBA"
    async with TestClient(TestServer(app)) as client:  # every request comes from loopback, as via a proxy
        guesser = {"X-Forwarded-For": "203.0.113.9"}
        for _ in range(5):
            assert (await client.post("/gedeeld", data={"code": wrong}, headers=guesser)).status == 404
        assert (await client.get(f"/gedeeld/{along.code}", headers=guesser)).status == 429
        receiver = {"X-Forwarded-For": "198.51.100.7"}
        assert (await client.get(f"/gedeeld/{along.code}", headers=receiver)).status == 200


async def test_assistent_serve_has_the_page() -> None:
    app = await make_server()._make_app()
    paths = {r.resource.canonical for r in app.router.routes() if r.resource is not None}
    assert {"/gedeeld", "/gedeeld/{code}"} <= paths


# On paper and on the kiosks' screens ------------------------------------------------------------------------


def test_the_pdf_carries_the_code_and_a_qr_code_that_reads_back(context: AppContext, tmp_path) -> None:
    store = context.store
    pid, consent = _shared(context)
    renderer = renderer_for("pdf", context.settings, "nl", take_along=lambda c: take_along(store, c, BASE))
    data = sharing.export(store, pid, consent.id, renderer, "pdf", "eigenaar")
    along = take_along(store, consent, BASE)
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    assert f"Deelcode: {along.shown}" in text and along.url in text
    (tmp_path / "p.pdf").write_bytes(data)
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            "200",
            "-gray",
            "-f",
            "1",
            "-l",
            "1",
            str(tmp_path / "p.pdf"),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    [image] = tmp_path.glob("p*.pgm")
    [found] = zxingcpp.read_barcodes(_pgm(image.read_bytes()))
    assert found.text == along.url


def _pgm(raw: bytes) -> np.ndarray:
    """A binary PGM (P5) as pdftoppm writes it."""
    header = raw.split(maxsplit=4)
    width, height = int(header[1]), int(header[2])
    return np.frombuffer(header[4][: width * height], dtype=np.uint8).reshape(height, width)


def _from_half_blocks(lines: list[str]) -> list[list[bool]]:
    """The modules the terminal kiosk draws (white blocks on black: a drawn half is a light module)."""
    light = {"█": (True, True), "▀": (True, False), "▄": (False, True), " ": (False, False)}
    rows: list[list[bool]] = []
    for line in lines:
        halves = [light[ch] for ch in line]
        rows += [[not top for top, _b in halves], [not bottom for _t, bottom in halves]]
    return rows


async def test_the_textual_kiosk_shows_the_code_and_qr_code_right_after_sharing(context: AppContext) -> None:
    store = context.store
    pid = finished_passport(context)
    code = holder.issue_code(store, pid)
    app = make_app(context)
    async with app.run_test(size=SIZE) as pilot:
        await _open_with(app, pilot, code)
        await _click(app, pilot, "#share")
        for button in ("#receiver-employer", "#purpose-sollicitatie", "#period-kwartaal"):
            await _click(app, pilot, button)
        app.screen.query_one("#receiver-name", Input).value = "Bouwbedrijf De Hoek"
        await _click(app, pilot, "#share")
        assert isinstance(app.screen, TakeAlongScreen)
        [consent] = store.consents(pid)
        along = take_along(store, consent, context.settings.share_base_url)
        assert str(app.screen.query_one("#share-code", Static).content) == along.shown
        drawn = str(app.screen.query_one("#share-qr", Static).content).split("\n")
        assert decoded(_from_half_blocks(drawn)) == along.url
        await _click(app, pilot, "#close")
        assert isinstance(app.screen, HolderScreen)


def test_the_web_kiosk_shows_the_code_and_qr_code_after_sharing(context: AppContext) -> None:
    store = context.store
    pid = finished_passport(context)
    code = holder.issue_code(store, pid)
    with WebClient(make_web_app(context, None, warm=False, desk=WebDesk(context))) as client:
        client.post("/code", data={"code": code})
        client.post("/delen")
        form = {
            "deel": ["skills"],
            "wie": "employer",
            "naam": "Bouwbedrijf De Hoek",
            "doel": "sollicitatie",
            "duur": "kwartaal",
        }
        page = client.post("/delen/ja", data=form).text
        [consent] = store.consents(pid)
        along = take_along(store, consent, context.settings.share_base_url)
        assert 'id="deelcode"' in page and along.shown in page and along.url in page
        assert "<svg" in page[page.index('id="deelcode"') :]
