"""The passport as a short PDF to print or hand over: A4, large type, plain headings, at most four pages
unless the skills alone need more.

This module owns the page limit: it fits what `pdf_content` says into `pdf_layout`'s pages, shortening the
longest lists first, but never the skills: every confirmed skill is printed. It gets a passport that
consent already cut down (`consent.shared_copy`).
Occupations are the directions of `assistant.development.direction`, as the kiosks show them. The language
is the export's own (`translator`); the process-wide language of `assistant.i18n` is neither read nor
changed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from assistant.development.direction import Direction
from assistant.export.pdf_content import MAX_OWN_WORDS, page_texts, sections
from assistant.export.pdf_layout import Document, fit_pages
from assistant.export.translation import translator
from assistant.holder_code import TakeAlong
from assistant.i18n import LOCALES_DIR
from assistant.passport.model import Passport

__all__ = ["MAX_OWN_WORDS", "MAX_PAGES", "passport_pdf"]

MAX_PAGES = 4
"""The page limit for everything but the skills: a passport with very many skills gets more pages."""
WHOLE_PARTS = frozenset({"skills"})


def passport_pdf(
    passport: Passport,
    occupations: list[Direction],
    language: str = "nl",
    *,
    made_at: datetime | None = None,
    locales_dir: Path = LOCALES_DIR,
    take_along: TakeAlong | None = None,
) -> bytes:
    """The passport as PDF bytes in `language`; `made_at` (default now) is printed on every page, and so
    is `take_along`: the consent's code and a QR code of its address, to fetch what was shared."""
    made_at = made_at or datetime.now(UTC)
    tr = translator(language, locales_dir)
    texts = page_texts(passport, made_at, tr)
    content = sections(passport, occupations, tr)
    pdf = Document()
    # The skills are never cut: every confirmed skill is printed, on more pages when it takes more.
    pages = fit_pages(content, texts, pdf.wrap, MAX_PAGES, WHOLE_PARTS)
    pdf.set_title(texts.title)
    pdf.set_creator("Skillspaspoort-assistent")
    pdf.set_lang(language)
    pdf.set_creation_date(made_at)
    along = None
    if take_along is not None:
        from assistant import qr_code  # segno, only when a PDF carries a code

        code_line = tr.gettext("Deelcode: {code}").format(code=take_along.shown)
        along = ([code_line, take_along.url], qr_code.matrix(take_along.url))
    pdf.draw(pages, texts, along)
    return bytes(pdf.output())
