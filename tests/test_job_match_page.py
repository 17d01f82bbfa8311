"""The employer's comparison on `assistent serve`'s `/gedeeld` page, through a real aiohttp server and client:
one shared passport against a job, only while the share runs, behind the same guessing rules as the page,
with nothing of the employer's question kept."""

from __future__ import annotations

import html
import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from datetime import date, timedelta

import pytest
from aiohttp import web
from aiohttp.test_utils import TestClient, TestServer

from assistant import holder, sharing
from assistant.cli import main
from assistant.context import AppContext
from assistant.i18n import set_language
from assistant.passport.consent import Part
from assistant.serve import make_server
from assistant.shared_page import SharedPages
from assistant.skills.matcher import SkillMatcher
from assistant.take_along import take_along
from tests.test_occupations import passport_with

BASE = "https://loket.example.nl/"
COMPARE = "/gedeeld/vergelijk"


def shared_passport(
    context: AppContext, parts: tuple[Part, ...] = ("skills",), days: int = 30, hidden: tuple[str, ...] = ()
) -> tuple[str, str]:
    """A stored passport of a bricklayer, shared with an employer: (passport id, take-along code)."""
    store = context.store
    passport = passport_with(
        context.catalogue,
        {"bouw.metselen": "confirmed", "bouw.voegen": "confirmed", "bouw.tegelen": "confirmed"},
    )
    store.save_passport(passport)
    for ref in hidden:
        holder.set_skill_hidden(store, passport.id, ref, True)
    consent = sharing.give_consent(
        store, passport.id, list(parts), "employer", "Bouwbedrijf De Hoek", "Solliciteren",
        date.today() + timedelta(days=days), "eigenaar",
    )  # fmt: skip
    # The code was printed while the consent ran; a consent that has ended since keeps that same code.
    running = consent.model_copy(update={"until": max(consent.until, date.today())})
    return passport.id, take_along(store, running, BASE).code


@asynccontextmanager
async def client_for(context: AppContext, matcher: SkillMatcher) -> AsyncIterator[TestClient]:
    pages = SharedPages(context.settings, matcher=matcher)
    pages._store = context.store  # the test's store: the page would open the same file from the settings
    app = web.Application()
    app.add_routes(pages.routes())
    async with TestClient(TestServer(app)) as client:
        yield client


def listed(page: str, group: str) -> list[str]:
    """The items of one group of the answer ("heeft", "bijna", "nog-niet", "niet-gevonden"), unescaped."""
    found = re.search(rf'<ul class="{group}">(.*?)</ul>', page, re.S)
    return [html.unescape(item) for item in re.findall(r"<li>(.*?)</li>", found.group(1))] if found else []


async def test_the_employer_compares_the_one_shared_passport_with_a_misspelled_occupation(
    context: AppContext, matcher: SkillMatcher
) -> None:
    pid, code = shared_passport(context, hidden=("bouw.voegen", "bouw.tegelen"))
    async with client_for(context, matcher) as client:
        shown = await (await client.get(f"/gedeeld/{code}")).text()
        assert "Vergelijk met een functie" in shown and f'action="{COMPARE}"' in shown

        answer = await client.post(
            COMPARE, data={"code": code.lower(), "beroep": "metslaar", "vaardigheden": ""}
        )
        page = await answer.text()
        assert answer.status == 200 and answer.headers["Cache-Control"] == "no-store"
        assert "Dit paspoort en het beroep Metselaar" in page
        assert listed(page, "heeft") == ["Muren metselen"]
        gaps = " ".join(listed(page, "bijna") + listed(page, "nog-niet"))
        assert "Voegen van muren" in gaps, "hidden: not a match, shown like any skill the passport lacks"
        assert "lijkt op: Voegen" not in page and "lijkt op: Tegels" not in page, (
            "no bijna names a hidden skill"
        )
        assert "Bouwbedrijf De Hoek" in page, "the shared passport stays on the page above the answer"
        assert page.index('class="heeft"') < page.index('class="nog-niet"'), "matches first"
        assert not re.search(r"\d+ ?%", page), "never a percentage"

        typed = "<script>alert(1)</script>\nMuren metselen\nVoegen van muren"
        answer = await client.post(COMPARE, data={"code": code, "beroep": "", "vaardigheden": typed})
        page = await answer.text()
        assert answer.status == 200 and "<script>" not in page
        assert listed(page, "heeft") == ["Muren metselen"]
        assert [item.split(" (")[0] for item in listed(page, "bijna") + listed(page, "nog-niet")] == [
            "Voegen van muren"
        ]
        assert listed(page, "niet-gevonden") == ["<script>alert(1)</script>"], "listed, escaped, not dropped"
        assert "&lt;script&gt;alert(1)&lt;/script&gt;\nMuren metselen" in page, (
            "the form keeps what was typed"
        )

    log = context.store.access_log(pid)
    assert [e.action for e in log if e.actor == "deelcode"] == ["fetched"] * 3, (
        "the page logs only its fetches"
    )
    assert "metslaar" not in str(log) and "alert" not in str(log), "the employer's question is not kept"


async def test_an_ended_or_stopped_share_gives_the_page_s_refusal_and_no_comparison(
    context: AppContext, matcher: SkillMatcher
) -> None:
    _pid, ended = shared_passport(context, days=-1)
    pid, stopped = shared_passport(context)
    holder.stop_sharing(context.store, pid)
    async with client_for(context, matcher) as client:
        for code in (ended, stopped):
            answer = await client.post(COMPARE, data={"code": code, "beroep": "metselaar"})
            page = await answer.text()
            assert answer.status == 410 and "Dit wordt niet meer gedeeld" in page
            assert "Muren metselen" not in page and "Vergelijk met een functie" not in page


async def test_guessing_codes_through_the_comparison_is_slowed_like_the_page(
    context: AppContext, matcher: SkillMatcher
) -> None:
    _pid, code = shared_passport(context)
    wrong = "ABCDEFGH" if code != "ABCDEFGH" else "HGFEDCBA"
    async with client_for(context, matcher) as client:
        bad_form = await client.post(COMPARE, data={"code": "🙂", "beroep": "metselaar"})
        assert bad_form.status == 404 and "Een deelcode heeft 8" in await bad_form.text()
        guesser = {"X-Forwarded-For": "203.0.113.9"}  # the test client is loopback, as behind a proxy
        for _ in range(5):
            guess = await client.post(COMPARE, data={"code": wrong, "beroep": "metselaar"}, headers=guesser)
            assert guess.status == 404
        waiting = await client.post(COMPARE, data={"code": code, "beroep": "metselaar"}, headers=guesser)
        assert waiting.status == 429 and "Muren metselen" not in await waiting.text()
        elsewhere = {"X-Forwarded-For": "198.51.100.7"}
        assert (
            await client.post(COMPARE, data={"code": code, "beroep": "metselaar"}, headers=elsewhere)
        ).status == 200


async def test_without_shared_skills_there_is_nothing_to_compare(
    context: AppContext, matcher: SkillMatcher
) -> None:
    _pid, code = shared_passport(context, parts=("experiences",))
    async with client_for(context, matcher) as client:
        shown = await (await client.get(f"/gedeeld/{code}")).text()
        assert "Vergelijk met een functie" not in shown
        answer = await client.post(COMPARE, data={"code": code, "beroep": "metselaar"})
        page = await answer.text()
        assert answer.status == 400 and "De eigenaar deelt geen vaardigheden" in page
        assert "Muren metselen" not in page


async def test_kind_errors_keep_what_the_employer_typed(context: AppContext, matcher: SkillMatcher) -> None:
    _pid, code = shared_passport(context)
    eleven = "\n".join(f"vaardigheid {n}" for n in range(11))
    async with client_for(context, matcher) as client:
        many = await client.post(COMPARE, data={"code": code, "vaardigheden": eleven})
        page = await many.text()
        assert many.status == 400 and "Typ hoogstens 10 vaardigheden. U typte er 11." in page
        assert "vaardigheid 10</textarea>" in page and "Muren metselen" in page
        both = await (
            await client.post(COMPARE, data={"code": code, "beroep": "x", "vaardigheden": "y"})
        ).text()
        assert "Niet allebei" in both
        unknown = await (
            await client.post(COMPARE, data={"code": code, "beroep": "ruimtevaarder\x00"})
        ).text()
        assert "Dit beroep kennen we niet: ruimtevaarder." in unknown and 'value="ruimtevaarder' in unknown
        huge = await client.post(COMPARE, data={"code": code, "vaardigheden": "🧱" * 50_000})
        assert huge.status == 400 and "korter dan 2000 tekens" in await huge.text()


async def test_the_comparison_speaks_the_page_s_language(context: AppContext, matcher: SkillMatcher) -> None:
    _pid, code = shared_passport(context)
    try:
        set_language("ar")
        async with client_for(context, matcher) as client:
            page = await (await client.post(COMPARE, data={"code": code, "beroep": "metselaar"})).text()
        assert 'lang="ar" dir="rtl"' in page
        assert "Vergelijk met een functie" not in page and "Staat in het paspoort" not in page
        set_language("en")
        async with client_for(context, matcher) as client:
            page = await (await client.post(COMPARE, data={"code": code, "beroep": "metselaar"})).text()
        assert 'lang="en" dir="ltr"' in page and "Compare with a job" in page
    finally:
        set_language("nl")


async def test_assistent_serve_has_the_comparison() -> None:
    app = await make_server()._make_app()
    assert COMPARE in {r.resource.canonical for r in app.router.routes() if r.resource is not None}


# `assistent vergelijk`: the same comparison at the desk ------------------------------------------------------


def test_the_command_line_compares_by_share_code_like_the_page(
    context: AppContext, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ASSISTENT_DATA_DIR", str(context.settings.data_dir))  # no knowledge base: words only
    pid, code = shared_passport(context, hidden=("bouw.voegen", "bouw.tegelen"))
    db = str(context.settings.database)
    assert main(["vergelijk", code.lower(), "--beroep", "metslaar", "--db", db]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Dit paspoort en het beroep Metselaar")
    have = out.split("Staat in het paspoort\n")[1].split("\n\n")[0]
    assert have.splitlines() == ["  - Muren metselen"], "a hidden skill is never a match"
    assert "Gedeeld met Bouwbedrijf De Hoek" in out

    typed = ["--vaardigheid", "Muren metselen", "--vaardigheid", "xyzzy qwerty"]
    assert main(["vergelijk", code, *typed, "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Niet gevonden: deze vaardigheden kennen we niet\n  - xyzzy qwerty" in out

    eleven = [arg for n in range(11) for arg in ("--vaardigheid", f"vaardigheid {n}")]
    assert main(["vergelijk", code, *eleven, "--db", db]) == 2
    assert "(E654)" in capsys.readouterr().err
    holder.stop_sharing(context.store, pid)
    assert main(["vergelijk", code, "--beroep", "metselaar", "--db", db]) == 2
    assert "Dit wordt niet meer gedeeld" in capsys.readouterr().err
    assert "metslaar" not in str(context.store.access_log(pid)), "the question is not kept"


async def test_the_page_builds_its_own_matcher_once_from_the_settings(context: AppContext) -> None:
    """`assistent serve` passes no matcher: the first comparison builds the interview's one from the settings
    (here without a knowledge base), and every later comparison reuses it."""
    _pid, code = shared_passport(context)
    pages = SharedPages(context.settings)
    pages._store = context.store
    app = web.Application()
    app.add_routes(pages.routes())
    async with TestClient(TestServer(app)) as client:
        page = await (await client.post(COMPARE, data={"code": code, "beroep": "metselaar"})).text()
        assert listed(page, "heeft")[0] == "Muren metselen"
        built = pages.matcher()
        await client.post(COMPARE, data={"code": code, "vaardigheden": "Muren metselen"})
        assert pages.matcher() is built
