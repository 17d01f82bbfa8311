"""The picture set of the web kiosk: a picture name (from `dialogues/pictures.yaml`, or one of the kiosk's own
buttons) to an SVG file in a folder of pictograms named by code point, as OpenMoji names them (`1F477.svg`).

The folder is a setting (`ASSISTENT_PICTURES_DIR`), so another set named the same way replaces OpenMoji
without a code change (docs/pictures.md). Only names the set knows are ever turned into a path: a request
for `/beeld/<name>.svg` can never reach another file. Without the folder, or without a file for one emoji,
the page shows the emoji itself as text; that is logged once, not for every page.
"""

from __future__ import annotations

import logging
import re
from pathlib import Path

from markupsafe import Markup, escape

from assistant.i18n import _

log = logging.getLogger(__name__)

VARIATION_SELECTOR = "FE0F"

#: Pictures of the kiosk's own buttons (not in any dialogue): name -> emoji.
UI_PICTURES: dict[str, str] = {
    "beginnen": "▶",
    "code": "🔑",
    "terug": "◀",
    "weetniet": "🤷",
    "overslaan": "⏭",
    "verder": "✔",
    "later": "⏸",
    "lees-voor": "🔊",
    "hulp": "🙋",
    "klaar": "🏠",
    "wissen": "🗑",
    "bewaren": "💾",
    "delen": "🤝",
    "nog-hier": "✋",
    "taal": "🌐",
    "iets-nieuws": "➕",
    "geschiedenis": "🕒",
    "paspoort": "📄",
}


def file_names(emoji: str) -> list[str]:
    """The file names a set may use for an emoji: with its variation selectors, then without them."""
    points = [f"{ord(ch):04X}" for ch in emoji]
    exact = "-".join(points) + ".svg"
    bare = "-".join(p for p in points if p != VARIATION_SELECTOR) + ".svg"
    return [exact] if exact == bare else [exact, bare]


#: What an SVG inside a page could run or load; a picture file with any of it is not used (its emoji is).
_UNSAFE_SVG = re.compile(
    r"<script|<foreignObject|<iframe|<image|\son\w+\s*=|javascript:|href\s*=\s*[\"'](?!#)", re.I
)
_ID = re.compile(r'\bid="([^"]+)"')


def _read_safe_svg(path: Path) -> str | None:
    """The file's text, or None when it cannot be read or could run or load anything inside a page."""
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    if "<svg" not in text or _UNSAFE_SVG.search(text):
        log.warning("Pictogram %s is niet veilig in een pagina te zetten: de emoji wordt getoond.", path.name)
        return None
    return text


def _inline_svg(text: str, name: str) -> str:
    """The file's `<svg>` element, hidden from screen readers, its ids made unique to this picture (every
    OpenMoji file names its layers "emoji", "color", "line"), references to them following."""
    svg = text[text.index("<svg") :]
    ids = set(_ID.findall(svg))
    for old in ids:
        new = f"{name}-{old}"
        svg = svg.replace(f'id="{old}"', f'id="{new}"').replace(f"#{old})", f"#{new})")
        svg = svg.replace(f'href="#{old}"', f'href="#{new}"')
    return svg.replace("<svg ", '<svg aria-hidden="true" focusable="false" ', 1)


class PictureSet:
    """Picture names to SVG files in one folder; a name without a file gets its emoji as text instead."""

    def __init__(self, folder: Path, pictures: dict[str, str]) -> None:
        self.folder = folder
        self.emoji: dict[str, str] = {**UI_PICTURES, **pictures}
        self._files: dict[str, Path] = {}
        self._inline: dict[str, str] = {}
        missing: list[str] = []
        if not folder.is_dir():
            log.warning("Geen pictogrammen in %s: de kiosk toont emoji als tekst.", folder)
            return
        for name, emoji in self.emoji.items():
            found = next((folder / f for f in file_names(emoji) if (folder / f).is_file()), None)
            text = _read_safe_svg(found) if found is not None else None
            if found is None or text is None:
                missing.append(name)
            else:
                self._files[name] = found
                self._inline[name] = _inline_svg(text, name)
        if missing:
            log.warning(
                "Geen pictogram in %s voor: %s (emoji als tekst).", folder, ", ".join(sorted(missing))
            )

    def file(self, name: str) -> Path | None:
        """The SVG file for a known picture name, or None (unknown name, or the set has no file for it)."""
        return self._files.get(name)

    def inline(self, name: str, css_class: str) -> Markup:
        """The picture as SVG inside the page, decorative (the word beside it says what it is). Inside the
        page, not as `<img>`: each SVG image is a document of its own in the browser, some 18 ms of each
        screen's drawing for the six or seven on it (touch to screen p95 about 185 ms instead of 155)."""
        return Markup(self._inline[name].replace("<svg ", f'<svg class="{escape(css_class)}" ', 1))

    def has_file(self, name: str) -> bool:
        return name in self._files

    def credit(self) -> Markup | None:
        """The attribution OpenMoji's licence asks for, in the page's language, when this is OpenMoji (a set
        swapped in brings its own terms: see docs/pictures.md)."""
        if not self._files or "openmoji" not in self.folder.parts:
            return None
        link = Markup('<a href="{}">{}</a>')
        return Markup(escape(_("De plaatjes zijn van {name}. Licentie: {licence}."))).format(
            name=link.format("https://openmoji.org/", "OpenMoji"),
            licence=link.format("https://creativecommons.org/licenses/by-sa/4.0/", "CC BY-SA 4.0"),
        )

    def text(self, name: str) -> str:
        """The emoji for a picture name, the fallback when there is no file; empty for an unknown name."""
        return self.emoji.get(name, "")
