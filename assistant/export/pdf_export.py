"""The passport as a short PDF to print or hand over: A4, at most four pages, large type, plain headings.

This module owns the layout and the page limit. It gets a passport that consent already cut down
(`consent.shared_copy`): a part that is not in it is left out, with its heading. Occupations come from
`assistant.passport.occupations`. Every text goes through `_()`; what the person typed is printed as typed,
except characters the font has no glyph for (emoji, control characters), which are left out.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path

from fpdf import FPDF

from assistant.i18n import N_, _, current_language, set_language
from assistant.passport.model import Assessment, Passport, Skill
from assistant.passport.occupations import OccupationFit

FONT_DIR = Path("/usr/share/fonts/truetype/dejavu")
FONT_FILES = {"": FONT_DIR / "DejaVuSans.ttf", "B": FONT_DIR / "DejaVuSans-Bold.ttf"}
FONT = "DejaVu"
MAX_PAGES = 4
TITLE_PT, HEADING_PT, BODY_PT, FOOTER_PT = 26, 20, 14, 12
#: Line height as a multiple of the type size: generous spacing helps people who read with effort.
LINE_SPACING = 1.5
PT = 25.4 / 72  # millimetres per point
A4_WIDTH, A4_HEIGHT = 210.0, 297.0
MARGIN, BOTTOM, INDENT = 18.0, 30.0, 7.0
#: Longest text the person typed that is printed; a longer answer ends in "…".
MAX_OWN_WORDS = 400
#: No list starts longer than this: more would never fit in four pages anyway.
FIRST_CAP = 30
#: Printed instead of a letter the font lacks (Chinese, Ethiopic): the reader sees something was there.
MISSING_GLYPH = "\u25a1"

EXPERIENCE_KINDS = {
    "paid": N_("Betaald werk"),
    "informal": N_("Klussen"),
    "volunteering": N_("Vrijwilligerswerk"),
    "care": N_("Zorg voor familie"),
    "hobby": N_("Hobby of sport"),
}
#: The SkillsAPK level in plain words; the level's own name stays as it is, it is a fixed term.
LEVEL_MEANINGS = {
    "skillsverklaring": N_("zelf verteld, met hulp"),
    "skillscertificaat": N_("ook bevestigd door een ander"),
    "skillsbewijs": N_("getest met een toets"),
}


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


def passport_pdf(
    passport: Passport,
    occupations: list[OccupationFit],
    language: str = "nl",
    *,
    made_at: datetime | None = None,
) -> bytes:
    """The passport as PDF bytes in `language`; `made_at` (default now) is printed on every page."""
    made_at = made_at or datetime.now(UTC)
    with _in_language(language):
        texts = _texts(passport, made_at)
        sections = _sections(passport, occupations)
    pdf = _Document()
    sizes = {p.key: len(p.blocks) for s in sections for p in s.parts}
    # Lower one common ceiling on the number of items per list until it all fits: the longest lists get
    # shorter first and every part keeps a place. Laying out is arithmetic, so trying again is cheap.
    for ceiling in range(min(max(sizes.values(), default=0), FIRST_CAP), -1, -1):
        pages = _lay_out(sections, {k: min(n, ceiling) for k, n in sizes.items()}, texts, pdf.wrap)
        if len(pages) <= MAX_PAGES:
            break
    else:
        raise RuntimeError(f"het paspoort past niet op {MAX_PAGES} pagina's")
    pdf.set_title(texts.title)
    pdf.set_creator("Skillspaspoort-assistent")
    pdf.set_lang(language)
    pdf.set_creation_date(made_at)
    pdf.draw(pages, texts)
    return bytes(pdf.output())


@contextmanager
def _in_language(language: str) -> Iterator[None]:
    # The texts are translated up front, so the language is switched back before any layout is done.
    previous = current_language()
    if language != previous:
        set_language(language)
    try:
        yield
    finally:
        if language != previous:
            set_language(previous)


# Content ------------------------------------------------------------------------------------------------


def _texts(passport: Passport, made_at: datetime) -> Texts:
    name = clean(passport.person.nickname or "", 60)
    return Texts(
        title=_("Skillspaspoort van {name}").format(name=name) if name else _("Skillspaspoort"),
        status=_("Een coach heeft dit paspoort nagekeken.")
        if passport.status == "reviewed"
        else _("Dit is een concept. Een coach kijkt het nog na."),
        more=_("en nog {n} meer"),
        page=_("Pagina {n} van {total}"),
        made=_("Paspoort {id}, gemaakt op {date}").format(id=passport.id[:8], date=_date(made_at)),
    )


def _sections(passport: Passport, occupations: list[OccupationFit]) -> list[Section]:
    person = passport.person
    sections = []
    who = Section(_("Wie ben ik"))
    if person.nickname:
        who.lines.append(Line(_("Naam: {name}").format(name=clean(person.nickname, 60))))
    if person.languages:
        languages = ", ".join(clean(_tr(lang), 40) for lang in person.languages)
        who.lines.append(Line(_("Talen: {languages}").format(languages=clean(languages, 200))))
    if who.lines:
        sections.append(who)

    done = Section(_("Wat heb ik gedaan"))
    if passport.experiences:
        experiences = []
        for i, e in enumerate(passport.experiences):
            block = [
                Line(_("Vraag: {question}").format(question=clean(_tr(e.question), 200)), indent=True),
                Line(_("Antwoord: {answer}").format(answer=clean(e.own_words, MAX_OWN_WORDS)), indent=True),
            ]
            # The kind ("Betaald werk") once above the answers that belong to it, not above each one.
            if i == 0 or passport.experiences[i - 1].kind != e.kind:
                block.insert(0, Line(_(EXPERIENCE_KINDS[e.kind]), bold=True))
            experiences.append(block)
        done.parts.append(Part("experiences", experiences))
    if passport.education:
        education = [[Line(clean(e.own_words, MAX_OWN_WORDS), bullet=True)] for e in passport.education]
        done.parts.append(Part("education", education, [Line(_("Cursussen en diploma's"), bold=True)]))
    if done.parts:
        sections.append(done)

    # A rejected skill is not something the person can do; shared copies hold none, the full passport may.
    skills = passport.active_skills()
    if skills:
        # Most skills share one purpose (the kiosk's); it is said once, and only a different one per skill.
        purposes = Counter(_deciding(s).purpose for s in skills)
        usual = purposes.most_common(1)[0][0]
        can = Section(_("Wat kan ik"), parts=[Part("skills", [_skill(s, usual) for s in skills])])
        if usual:
            can.lines.append(Line(_("Doel: {purpose}").format(purpose=clean(_tr(usual), 160))))
        sections.append(can)
    if passport.ambitions:
        wish = [[Line(clean(a.own_words, MAX_OWN_WORDS), bullet=True)] for a in passport.ambitions]
        sections.append(Section(_("Wat wil ik"), parts=[Part("ambitions", wish)]))
    # Occupations are worked out from the skills: without consent for the skills they stay home as well.
    if skills and occupations:
        sections.append(
            Section(
                _("Beroepen die bij u passen"),
                lines=[Line(_("Deze beroepen passen bij wat u kunt."))],
                parts=[Part("occupations", [_occupation(o) for o in occupations])],
            )
        )
    return sections


def _skill(skill: Skill, usual_purpose: str) -> list[Line]:
    lines = [Line(clean(_tr(skill.label), 120), bold=True)]
    terms = ", ".join(dict.fromkeys(s.label for s in skill.competentnl if s.label))
    if terms:
        # The name of the national skills language is a proper name: it stays out of the translation.
        cited = _("In {name}: {terms}").format(name="CompetentNL", terms=clean(terms, 200))
        lines.append(Line(cited, indent=True))
    meaning = _(LEVEL_MEANINGS[skill.level])
    lines.append(Line(_("Niveau {name}: {meaning}").format(name=skill.level, meaning=meaning), indent=True))
    last = _deciding(skill)
    lines.append(Line(_("{who} op {date}").format(who=_assessor(last), date=_date(last.date)), indent=True))
    if last.purpose and last.purpose != usual_purpose:
        lines.append(Line(_("Doel: {purpose}").format(purpose=clean(_tr(last.purpose), 160)), indent=True))
    return lines


def _deciding(skill: Skill) -> Assessment:
    """The judgement the skill stands on now: the last one that did not reject it."""
    return next((a for a in reversed(skill.provenance) if a.verdict != "rejected"), skill.provenance[-1])


def _assessor(a: Assessment) -> str:
    name = clean(a.assessor or "", 60)
    if a.assessed_by == "self":
        return _("Zelf bevestigd: een beetje") if a.verdict == "beetje" else _("Zelf bevestigd")
    if a.assessed_by == "coach":
        return _("Beoordeeld door coach {name}").format(name=name) if name else _("Beoordeeld door een coach")
    if a.assessed_by == "employer":
        return (
            _("Beoordeeld door werkgever {name}").format(name=name)
            if name
            else _("Beoordeeld door een werkgever")
        )
    return _("Beoordeeld door {name}").format(name=name) if name else _("Beoordeeld door een ander")


def _occupation(fit: OccupationFit) -> list[Line]:
    total = len(fit.matching) + len(fit.missing)
    lines = [
        Line(clean(_tr(fit.label), 120), bold=True),
        Line(_("U kunt {n} van de {total} taken.").format(n=len(fit.matching), total=total), indent=True),
        Line(_("Dit kunt u al: {skills}").format(skills=_listing(fit.matching)), indent=True),
    ]
    if fit.missing:
        lines.append(
            Line(_("Dit kunt u nog leren: {skills}").format(skills=_listing(fit.missing)), indent=True)
        )
    if fit.official_label and fit.official_label.casefold() != fit.label.casefold():
        name = clean(fit.official_label, 120)
        lines.append(Line(_("Naam bij het UWV: {name}").format(name=name), indent=True))
    return lines


def _listing(labels: list[str]) -> str:
    return clean(", ".join(_tr(label) for label in labels), 300)


def _tr(text: str) -> str:
    # _("") would return the catalogue header, not an empty text.
    return _(text) if text else text


def _date(moment: datetime) -> str:
    # Stored in UTC; the reader thinks in the kiosk's own time zone.
    return moment.astimezone().strftime("%d-%m-%Y")


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


class _Document(FPDF):
    """A4 in DejaVu Sans, black on white. Pages are laid out before drawing (see `_lay_out`), so fpdf2's
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
            lines = self.multi_cell(width, _line_height(size), text, dry_run=True, output="LINES")
            self._wrapped[key] = [str(line) for line in lines] or [""]
        return self._wrapped[key]

    def draw(self, pages: list[list[Row]], texts: Texts) -> None:
        for number, rows in enumerate(pages, start=1):
            if number > 1 or self.page == 0:
                self.add_page()
            for row in rows:
                self.set_font(FONT, "B" if row.bold else "", row.size)
                self.set_xy(self.l_margin + row.x, self.t_margin + row.y)
                self.cell(self.epw - row.x, _line_height(row.size), row.text)
            self._footer(texts.page.format(n=number, total=len(pages)), texts.made)

    def _footer(self, page: str, made: str) -> None:
        y = self.h - BOTTOM + 8
        self.set_line_width(0.3)
        self.line(self.l_margin, y, self.w - self.r_margin, y)
        self.set_font(FONT, "", FOOTER_PT)
        height = FOOTER_PT * PT * 1.4
        for i, text in enumerate((page, made)):
            self.set_xy(self.l_margin, y + 1 + i * height)
            self.cell(self.epw, height, text)


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


def _lay_out(sections: list[Section], caps: dict[str, int], texts: Texts, wrap: Wrap) -> list[list[Row]]:
    pages = _Pages(wrap)
    body_line = _line_height(BODY_PT)
    pages.write([Line(texts.title, bold=True)], TITLE_PT)
    pages.write([Line(texts.status)], BODY_PT)
    for section in sections:
        pages.space(body_line * 0.6)
        heading = [Line(section.heading, bold=True)]
        # A heading never stands alone at the foot of a page.
        pages.keep_together(heading, HEADING_PT, then=2 * body_line)
        pages.write(heading, HEADING_PT)
        pages.write(section.lines, BODY_PT)
        for part in section.parts:
            shown = part.blocks[: caps[part.key]]
            if part.intro:
                pages.keep_together(part.intro, BODY_PT, then=body_line)
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
