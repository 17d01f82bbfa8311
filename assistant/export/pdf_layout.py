"""The PDF's page: A4 in large DejaVu Sans, lines laid out on pages before anything is drawn, and the
footer on every page. Also what the font can draw (`clean`).

This module knows lines, blocks and sections, not passports: `pdf_content` turns a passport into them.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import cast

from fpdf import FPDF

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"": FONT_DIR / "DejaVuSans.ttf", "B": FONT_DIR / "DejaVuSans-Bold.ttf"}
FONT = "DejaVu"
TITLE_PT, HEADING_PT, BODY_PT, FOOTER_PT = 26, 20, 14, 12
TAKE_ALONG_PT = 10
#: Line height as a multiple of the type size: generous spacing helps people who read with effort.
LINE_SPACING = 1.5
#: A line holding only this text is drawn as a ruled line to write on (the conversation sheet's agreements).
RULE = "____"
#: No list starts longer than this when fitting pages: more would never fit anyway.
FIRST_CAP = 30
PT = 25.4 / 72  # millimetres per point
A4_WIDTH, A4_HEIGHT = 210.0, 297.0
MARGIN, BOTTOM, INDENT = 18.0, 30.0, 7.0
#: Printed instead of a letter the font lacks (Chinese, Ethiopic): the reader sees something was there.
MISSING_GLYPH = "\u25a1"


@dataclass(frozen=True)
class Line:
    text: str
    bold: bool = False
    indent: bool = False
    bullet: bool = False
    """A dot in front: one item of a plain list (an ambition, a course)."""


@dataclass
class Part:
    """A list of blocks (one skill, one experience) that may be cut short to fit the page limit."""

    key: str
    blocks: list[list[Line]]
    intro: list[Line] = field(default_factory=list)


@dataclass
class Section:
    heading: str
    lines: list[Line] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)


@dataclass(frozen=True)
class Texts:
    """The fixed texts of the page, translated once before layout starts."""

    title: str
    status: str
    more: str
    page: str
    made: str


# What the font can draw ---------------------------------------------------------------------------------


@lru_cache(maxsize=1)
def _glyphs() -> frozenset[int]:
    """Code points both fonts can draw."""
    from fontTools.ttLib import TTFont  # fpdf2 depends on fontTools; only needed once

    maps = [frozenset(TTFont(path)["cmap"].getBestCmap()) for path in _font_files().values()]
    return maps[0] & maps[1]


ZWJ = "\u200d"
#: Invisible parts of an emoji: the text and emoji variation selectors and the keycap frame.
EMOJI_PARTS = frozenset("\ufe0e\ufe0f\u20e3")


def clean(text: str, limit: int) -> str:
    """`text` on one line, without what the font cannot draw, at most `limit` characters."""
    glyphs = _glyphs()
    out = []
    dropping = False  # inside an emoji that is left out: its skin tone and joined parts go with it
    joined = False  # the character before was a zero-width joiner inside such an emoji
    for char in unicodedata.normalize("NFC", text):
        category = unicodedata.category(char)
        if dropping and (joined or char == ZWJ or char in EMOJI_PARTS or category == "Sk"):
            joined = char == ZWJ
            continue
        dropping = joined = False
        if char.isspace():
            out.append(" ")
        elif category[0] == "C" or char in EMOJI_PARTS:
            continue  # control and format characters, variation selectors: nothing to see
        elif ord(char) in glyphs:
            out.append(char)
        elif category[0] in "SM":
            dropping = True  # an emoji or a mark the font lacks: left out
        else:
            out.append(MISSING_GLYPH)
    result = " ".join("".join(out).split())
    return result if len(result) <= limit else result[: limit - 1].rstrip() + "…"


# Layout -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Row:
    """One printed line of text at its place on the page (millimetres from the left and top margins)."""

    text: str
    bold: bool
    size: float
    x: float
    y: float


def _font_files() -> dict[str, Path]:
    missing = [str(p) for p in FONT_FILES.values() if not p.exists()]
    if missing:
        raise FileNotFoundError(f"lettertype ontbreekt: {', '.join(missing)} (installeer fonts-dejavu-core)")
    return FONT_FILES


def _line_height(size: float) -> float:
    return size * PT * LINE_SPACING


class Document(FPDF):
    """A4 in DejaVu Sans, black on white. Pages are laid out before drawing (see `lay_out`), so fpdf2's
    own page breaking is off: the page count is known before anything is drawn."""

    def __init__(self) -> None:
        super().__init__(orientation="P", unit="mm", format="A4")
        for style, path in _font_files().items():
            self.add_font(FONT, style, str(path))
        self.set_margins(MARGIN, MARGIN, MARGIN)
        self.set_auto_page_break(auto=False)
        self.set_text_color(0, 0, 0)
        self.set_draw_color(0, 0, 0)
        self._wrapped: dict[tuple[str, bool, float, float], list[str]] = {}

    def wrap(self, text: str, bold: bool, size: float, width: float) -> list[str]:
        """`text` broken into lines that fit `width`, with the real font; each text is measured once."""
        key = (text, bold, size, width)
        if key not in self._wrapped:
            if self.page == 0:
                self.add_page()  # fpdf2 measures on a page; `draw` writes on this one first
            self.set_font(FONT, "B" if bold else "", size)
            # With output="LINES" fpdf2 returns the list of lines; its signature covers every output kind.
            lines = cast(
                "list[str]", self.multi_cell(width, _line_height(size), text, dry_run=True, output="LINES")
            )
            self._wrapped[key] = [str(line) for line in lines] or [""]
        return self._wrapped[key]

    def draw(
        self,
        pages: list[list[Row]],
        texts: Texts,
        take_along: tuple[list[str], list[list[bool]]] | None = None,
    ) -> None:
        """Draws the laid-out pages; `take_along` (text lines and a QR matrix) goes in every footer."""
        for number, rows in enumerate(pages, start=1):
            if number > 1 or self.page == 0:
                self.add_page()
            for row in rows:
                if row.text == RULE:
                    # Near the bottom of the line's room, so a handwritten line sits on it.
                    y = self.t_margin + row.y + _line_height(row.size) * 0.85
                    self.set_line_width(0.3)
                    self.line(self.l_margin + row.x, y, self.w - self.r_margin, y)
                    continue
                self.set_font(FONT, "B" if row.bold else "", row.size)
                self.set_xy(self.l_margin + row.x, self.t_margin + row.y)
                self.cell(self.epw - row.x, _line_height(row.size), row.text)
            self._footer(texts.page.format(n=number, total=len(pages)), texts.made)
            if take_along is not None:
                self._take_along(*take_along)

    def _footer(self, page: str, made: str) -> None:
        y = self.h - BOTTOM + 8
        self.set_line_width(0.3)
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.set_font(FONT, "", FOOTER_PT)
        height = FOOTER_PT * PT * 1.4
        for i, text in enumerate((page, made)):
            self.set_xy(self.l_margin, y + 1 + i * height)
            self.cell(self.epw, height, text)

    def _take_along(self, lines: list[str], matrix: list[list[bool]]) -> None:
        """The QR code in the footer's right corner (quiet zone included), its lines right-aligned beside it;
        one black square per dark module, so it prints sharp at any size."""
        size = BOTTOM - 6
        module = size / len(matrix)
        left, top = self.w - self.r_margin - size, self.h - BOTTOM + 3
        self.set_fill_color(255, 255, 255)
        self.rect(left, top, size, size, style="F")
        self.set_fill_color(0, 0, 0)
        for r, row in enumerate(matrix):
            for c, dark in enumerate(row):
                if dark:
                    self.rect(left + c * module, top + r * module, module, module, style="F")
        self.set_font(FONT, "", TAKE_ALONG_PT)
        # On the footer's first and third rows: its second ("Gemaakt op …") can be as long as the address.
        footer_row = FOOTER_PT * PT * 1.4
        for i, text in enumerate(lines):
            self.set_xy(self.l_margin, self.h - BOTTOM + 9 + 2 * i * footer_row)
            self.cell(self.epw - size - 2, footer_row, text, align="R")


Wrap = Callable[[str, bool, float, float], list[str]]


class _Pages:
    """Puts lines on pages top to bottom; `keep_together` moves a block that would be split to a new page."""

    def __init__(self, wrap: Wrap) -> None:
        self.wrap = wrap
        self.width = A4_WIDTH - 2 * MARGIN
        self.room = A4_HEIGHT - MARGIN - BOTTOM
        self.pages: list[list[Row]] = [[]]
        self.y = 0.0

    def _rows(self, line: Line, size: float) -> list[str]:
        offset = INDENT if line.indent or line.bullet else 0.0
        return self.wrap(line.text, line.bold, size, self.width - offset)

    def height(self, lines: list[Line], size: float) -> float:
        return sum(len(self._rows(line, size)) for line in lines) * _line_height(size)

    def space(self, mm: float) -> None:
        if self.y > 0:  # no empty space at the top of a page
            self.y += mm

    def new_page(self) -> None:
        self.pages.append([])
        self.y = 0.0

    def keep_together(self, lines: list[Line], size: float, then: float = 0.0) -> None:
        height = self.height(lines, size) + then
        if self.y + height > self.room and height <= self.room:
            self.new_page()

    def write(self, lines: list[Line], size: float) -> None:
        step = _line_height(size)
        for line in lines:
            offset = INDENT if line.indent or line.bullet else 0.0
            for i, text in enumerate(self._rows(line, size)):
                if self.y + step > self.room:
                    self.new_page()
                if line.bullet and i == 0:
                    self.pages[-1].append(Row("\u2022", line.bold, size, 0.0, self.y))
                self.pages[-1].append(Row(text, line.bold, size, offset, self.y))
                self.y += step


def lay_out(sections: list[Section], caps: dict[str, int], texts: Texts, wrap: Wrap) -> list[list[Row]]:
    """Rows per page, with at most `caps[key]` blocks of each part; a part cut short says how many more."""
    pages = _Pages(wrap)
    body_line = _line_height(BODY_PT)
    pages.write([Line(texts.title, bold=True)], TITLE_PT)
    pages.write([Line(texts.status)], BODY_PT)
    for section in sections:
        pages.space(body_line * 0.6)
        heading = [Line(section.heading, bold=True)]
        # A heading never stands alone at the foot of a page: it goes with what comes first under it.
        first = section.lines[:1]
        if not first and section.parts:
            part = section.parts[0]
            first = part.intro + (part.blocks[0] if part.blocks and caps[part.key] else [])
        pages.keep_together(heading, HEADING_PT, then=max(2 * body_line, pages.height(first, BODY_PT)))
        pages.write(heading, HEADING_PT)
        pages.write(section.lines, BODY_PT)
        for part in section.parts:
            shown = part.blocks[: caps[part.key]]
            if part.intro:
                # The intro ("Diploma's en papieren") never stands alone: it goes with its first block.
                pages.keep_together(part.intro + (shown[0] if shown else []), BODY_PT, then=body_line)
                pages.write(part.intro, BODY_PT)
            for block in shown:
                pages.keep_together(block, BODY_PT)
                pages.write(block, BODY_PT)
                if len(block) > 1:
                    pages.space(body_line * 0.3)
            if len(part.blocks) > len(shown):
                more = texts.more.format(n=len(part.blocks) - len(shown))
                pages.write([Line(more, indent=True)], BODY_PT)
    return pages.pages


def fit_pages(
    sections: list[Section],
    texts: Texts,
    wrap: Wrap,
    max_pages: int,
    whole_parts: frozenset[str] = frozenset(),
) -> list[list[Row]]:
    """The rows per page, within `max_pages` where cutting lists can do it: one common ceiling on the number
    of items per list is lowered until it all fits, so the longest lists get shorter first and every part
    keeps a place. Parts in `whole_parts` are never cut (they take more pages when they need them). Laying
    out is arithmetic, so trying again is cheap."""
    sizes = {p.key: len(p.blocks) for s in sections for p in s.parts}
    pages: list[list[Row]] = []
    for ceiling in range(min(max(sizes.values(), default=0), FIRST_CAP), -1, -1):
        caps = {k: n if k in whole_parts else min(n, ceiling) for k, n in sizes.items()}
        pages = lay_out(sections, caps, texts, wrap)
        if len(pages) <= max_pages:
            break
    return pages
