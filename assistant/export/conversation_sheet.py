"""The conversation sheet as a PDF: one or two A4 pages for the development conversation, with the same
toolkit, fonts and large type as the passport PDF (`pdf_layout`).

This module owns the two-page limit: it works out the directions, lets
`conversation_sheet_content` say what the sheet holds, and shortens the longest lists until it fits. The
chosen steps, the agreements and the follow-up date are never cut. The language is the sheet's own
(`translator`); the process-wide language of `assistant.i18n` is neither read nor changed.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from assistant.development.direction import Direction, direction_for, directions
from assistant.development.learning_options import LearningCatalogue
from assistant.export.conversation_sheet_content import SheetInput, sheet_sections, sheet_texts
from assistant.export.pdf_layout import Document, fit_pages
from assistant.export.translation import translator
from assistant.i18n import LOCALES_DIR
from assistant.passport.model import Passport
from assistant.skills.catalogue import Catalogue

if TYPE_CHECKING:  # the knowledge base pulls in the ranking index; only its type is needed here
    from assistant.taxonomy.knowledge_base import KnowledgeBase

__all__ = ["MAX_PAGES", "conversation_sheet_pdf"]

MAX_PAGES = 2
#: How many fitting occupations the sheet shows when none was chosen: enough to talk about, few enough
#: to choose from.
FITTING = 3


def sheet_input(
    passport: Passport,
    catalogue: Catalogue,
    learning: LearningCatalogue,
    knowledge_base: KnowledgeBase | None = None,
) -> SheetInput:
    """The chosen direction worked out from today's catalogue, or the best fitting work without one."""
    chosen: Direction | None = None
    fitting: list[Direction] = []
    if passport.direction is not None:
        try:
            chosen = direction_for(passport, catalogue, passport.direction.occupation_id, knowledge_base)
        except KeyError:
            chosen = None  # the catalogue lost this occupation; the sheet says so
    else:
        fitting = directions(passport, catalogue, knowledge_base, limit=FITTING)
    return SheetInput(passport, chosen, fitting, learning)


def conversation_sheet_pdf(
    passport: Passport,
    catalogue: Catalogue,
    learning: LearningCatalogue,
    language: str = "nl",
    *,
    made_at: datetime | None = None,
    locales_dir: Path = LOCALES_DIR,
    knowledge_base: KnowledgeBase | None = None,
) -> bytes:
    """The sheet as PDF bytes in `language`; `made_at` (default now) is printed on every page."""
    made_at = made_at or datetime.now(UTC)
    tr = translator(language, locales_dir)
    texts = sheet_texts(passport, made_at, tr)
    content = sheet_sections(sheet_input(passport, catalogue, learning, knowledge_base), tr)
    pdf = Document()
    # The same fitting as the passport PDF, but here the skills may be cut too ("en nog 4 meer"): the
    # passport itself lists them all.
    pages = fit_pages(content, texts, pdf.wrap, MAX_PAGES)
    pdf.set_title(texts.title)
    pdf.set_creator("Skillspaspoort-assistent")
    pdf.set_lang(language)
    pdf.set_creation_date(made_at)
    pdf.draw(pages, texts)
    return bytes(pdf.output())
