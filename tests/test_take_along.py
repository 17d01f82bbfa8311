"""Take it along: a consent's short code and QR code fetch exactly what that consent shares (hidden skills
left out) on `assistent serve`'s page, until the consent ends or is withdrawn, then a kind refusal; guessing
is slowed down per address and, a little, for everyone, without locking real receivers out. The QR codes
are read back with a real decoder (zxing-cpp), as a phone would."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pytest
import zxingcpp
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from assistant import holder, holder_code, qr_code, sharing
from assistant.context import AppContext
from assistant.errors import AssistantError
from assistant.interview.session import InterviewSession
from assistant.serve import make_server
from assistant.shared_page import SharedPages
from assistant.take_along import Lookups, take_along

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


async def test_assistent_serve_has_the_page() -> None:
    app = await make_server()._make_app()
    paths = {r.resource.canonical for r in app.router.routes() if r.resource is not None}
    assert {"/gedeeld", "/gedeeld/{code}"} <= paths
