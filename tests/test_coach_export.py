"""A coach exports the passport under review, for a consent its holder gave, into the desk's export folder:
in the real coach app, through consent and the access log; without a valid consent nothing is written."""

from __future__ import annotations

import io
import json
from datetime import date, timedelta

from pypdf import PdfReader
from textual.pilot import Pilot
from textual.widgets import Button, OptionList, Static

from assistant import sharing
from assistant.coach_accounts import add_user
from assistant.context import AppContext
from assistant.export.registry import FORMATS
from assistant.ui.coach_app import CoachApp, DraftListScreen, DraftScreen, ExportScreen, make_coach_app
from tests.test_coach_review import PASSWORD, _log_in
from tests.test_sharing import _passport


def _consent(context: AppContext, pid: str, receiver: str, days: int = 30) -> str:
    return sharing.give_consent(
        context.store, pid, ["skills", "experiences"], "employer", receiver, "Sollicitatie als metselaar",
        date.today() + timedelta(days=days), "balie",
    ).id  # fmt: skip


async def _export_screen(app: CoachApp, pilot: Pilot[None]) -> ExportScreen:
    await _log_in(pilot, "Sanne", PASSWORD)
    assert isinstance(app.screen, DraftListScreen)
    await pilot.press("e")  # the list has no export: only an open draft does
    await pilot.pause()
    assert isinstance(app.screen, DraftListScreen)
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(app.screen, DraftScreen)
    await pilot.press("e")
    await pilot.pause()
    assert isinstance(app.screen, ExportScreen)
    return app.screen


async def _press(app: CoachApp, pilot: Pilot[None], selector: str) -> None:
    await pilot.click(selector)
    await app.workers.wait_for_complete()
    await pilot.pause()


async def test_a_coach_exports_a_consented_passport_as_pdf_and_badges(context: AppContext) -> None:
    add_user(context.store, "Sanne", PASSWORD)
    pid = _passport(context, name="Noor")
    _consent(context, pid, "Oud Bouwbedrijf", days=-1)  # expired: not offered
    consent = _consent(context, pid, "Bouwbedrijf De Hoek")
    app = make_coach_app(context)
    async with app.run_test(size=(160, 60)) as pilot:
        screen = await _export_screen(app, pilot)
        options = screen.query_one("#consents", OptionList)
        assert options.option_count == 1 and options.get_option_at_index(0).id == consent
        assert "Bouwbedrijf De Hoek" in str(options.get_option_at_index(0).prompt)
        assert [b.id for b in screen.query("#formats Button").results(Button)] == [
            f"format-{name}" for name in FORMATS
        ]

        await _press(app, pilot, "#format-pdf")
        await _press(app, pilot, "#format-ob3")
        assert not screen.query_one("#message", Static).has_class("visible")
        assert str(context.settings.exports) in str(screen.query_one("#written", Static).render())

    written = {p.name: p for p in context.settings.exports.iterdir()}
    pdf = written[f"paspoort-{pid[:8]}-{consent[:8]}-pdf.pdf"]
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.read_bytes())).pages)
    assert "Wat kan ik" in text and "Noor" in text
    assert "Sterk in metselwerk" not in text, "the coach's notes were not consented"
    badges = json.loads(written[f"paspoort-{pid[:8]}-{consent[:8]}-ob3.json"].read_text(encoding="utf-8"))
    assert badges and all("OpenBadgeCredential" in b["type"] for b in badges)
    assert (context.settings.exports.stat().st_mode & 0o077) == 0, "the folder is for the desk only"

    exports = [e for e in context.store.access_log(pid) if e.action == "exported"]
    assert [(e.actor, e.detail["format"], e.detail["consent"]) for e in exports] == [
        ("Sanne", "pdf", consent),
        ("Sanne", "ob3", consent),
    ]


async def test_without_a_valid_consent_nothing_is_written(context: AppContext) -> None:
    add_user(context.store, "Sanne", PASSWORD)
    pid = _passport(context, name="Noor")
    withdrawn = _consent(context, pid, "Bouwbedrijf De Hoek")
    sharing.withdraw_consent(context.store, withdrawn, "balie")
    app = make_coach_app(context)
    async with app.run_test(size=(160, 60)) as pilot:
        screen = await _export_screen(app, pilot)
        assert screen.query_one("#consents", OptionList).option_count == 0
        message = screen.query_one("#message", Static)
        assert message.has_class("visible") and "geen geldige toestemming" in str(message.render())
        assert all(b.disabled for b in screen.query("#formats Button").results(Button))
        await _press(app, pilot, "#format-json")
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, DraftScreen)

    assert not context.settings.exports.exists()
    assert not [e for e in context.store.access_log(pid) if e.action == "exported"]
