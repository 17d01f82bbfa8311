"""The export registry: every format by name, an unknown one refused with the choices, and the language
of each export its own, so two exports in two languages at once never mix and the screen's language stays."""

from __future__ import annotations

import io
from concurrent.futures import ThreadPoolExecutor
from datetime import UTC, date, datetime, timedelta

import pytest
from pypdf import PdfReader

from assistant import sharing
from assistant.cli import main
from assistant.context import AppContext
from assistant.errors import AssistantError
from assistant.export import pdf_content
from assistant.export.json_export import export_json
from assistant.export.pdf_export import passport_pdf
from assistant.export.registry import FORMATS, renderer_for
from assistant.i18n import current_language, set_language
from assistant.passport.consent import Consent, shared_copy
from tests.test_pdf_export import reviewed_passport

MADE_AT = datetime(2026, 3, 4, 10, 0, tzinfo=UTC)


def _text(data: bytes) -> str:
    reader = PdfReader(io.BytesIO(data))
    return " ".join(" ".join(page.extract_text() for page in reader.pages).split())


def test_an_unknown_format_is_refused_with_the_choices(context: AppContext) -> None:
    with pytest.raises(AssistantError) as caught:
        renderer_for("docx", context.settings, "nl")
    assert caught.value.code == "E401"
    assert "docx" in caught.value.user_message() and "json, pdf, ob3" in caught.value.user_message()


def test_the_command_offers_exactly_the_registered_formats(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["export", "--help"])
    shown = " ".join(capsys.readouterr().out.split())
    assert "{json,pdf,ob3}" in shown
    for fmt in FORMATS.values():
        assert f"{fmt.name}: {fmt.description}" in shown
    assert main(["export", "abc", "--format", "docx"]) == 2
    refused = capsys.readouterr().err
    assert "E401" in refused and "docx" in refused and "json, pdf, ob3" in refused


def test_each_renderer_gives_what_its_format_promises(context: AppContext) -> None:
    passport = reviewed_passport(context)
    consent = sharing.give_consent(
        context.store, passport.id, ["skills"], "employer", "Bouw BV", "Sollicitatie",
        date.today() + timedelta(days=30), "balie",
    )  # fmt: skip
    shared = shared_copy(passport, consent)
    assert renderer_for("json", context.settings, "nl")(shared, consent) == export_json(shared).encode()
    pdf = renderer_for("pdf", context.settings, "en")(shared, consent)
    assert "What can I do" in _text(pdf) and "Wat kan ik" not in _text(pdf)
    badges = renderer_for("ob3", context.settings, "en")(shared, consent)
    assert b"OpenBadgeCredential" in badges
    assert (context.settings.data_dir / "keys" / "desk-ed25519.pem").exists()


def test_an_export_neither_reads_nor_changes_the_screen_language(context: AppContext) -> None:
    passport = reviewed_passport(context)
    set_language("tr")
    try:
        text = _text(passport_pdf(passport, [], "nl", made_at=MADE_AT))
        assert current_language() == "tr"
    finally:
        set_language("nl")
    assert "Wat kan ik" in text


def test_the_screen_language_stays_while_a_pdf_in_another_language_is_made(
    context: AppContext, monkeypatch: pytest.MonkeyPatch
) -> None:
    passport = reviewed_passport(context)
    seen: list[str] = []
    clean = pdf_content.clean

    def watching(text: str, limit: int) -> str:
        seen.append(current_language())  # what a kiosk screen drawn at this moment would speak
        return clean(text, limit)

    monkeypatch.setattr(pdf_content, "clean", watching)
    text = _text(passport_pdf(passport, [], "en", made_at=MADE_AT))
    assert "What can I do" in text
    assert seen and set(seen) == {"nl"}


def test_exports_in_two_languages_at_once_do_not_mix(context: AppContext) -> None:
    passport = reviewed_passport(context)
    consent = Consent(
        passport_id=passport.id, parts=["experiences", "skills", "ambitions"], receiver_kind="school",
        receiver="ROC", purpose="Opleiding", until=date.today() + timedelta(days=3),
    )  # fmt: skip
    shared = shared_copy(passport, consent)
    languages = ["nl", "en", "tr", "pl"] * 3
    alone = {lang: passport_pdf(shared, [], lang, made_at=MADE_AT) for lang in set(languages)}
    with ThreadPoolExecutor(max_workers=4) as pool:
        together = list(pool.map(lambda lang: passport_pdf(shared, [], lang, made_at=MADE_AT), languages))
    assert [alone[lang] for lang in languages] == together
    assert len(set(alone.values())) == len(alone), "each language reads differently"
