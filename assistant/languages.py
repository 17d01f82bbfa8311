"""The one registry of the languages the assistant knows.

Per language: its code (also the folder under `locales/`), its own name as the person sees it on the
language screen, the espeak-ng voice that reads it aloud, its writing direction and the font its letters
need. The kiosk's language list and the voices read from here; `make i18n-init LANG=xx` starts a catalogue
for a new language, which then gets its line here.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path

from assistant.i18n import SOURCE_LANGUAGE, available_languages

#: The font the PDF and the browser kiosk draw text in when a language names no font of its own.
DEFAULT_FONT = "DejaVu Sans"


class Direction(StrEnum):
    """Which way a language's lines run."""

    LTR = "ltr"
    RTL = "rtl"


@dataclass(frozen=True, slots=True)
class Language:
    code: str
    """ISO 639 code, as Babel writes it: the folder `locales/<code>/` and the value of `--lang`."""

    own_name: str
    """The language's name in that language, so a person finds theirs without reading Dutch."""

    voice: str
    """espeak-ng voice id as pyttsx3 lists it (`espeak-ng --voices=<code>`, column File)."""

    direction: Direction = Direction.LTR

    font: str | None = None
    """Font family for a script DEFAULT_FONT cannot draw (Ethiopic, for one); None when it has every letter."""


#: Dutch first: it is the source language and the first choice on the language screen.
LANGUAGES: tuple[Language, ...] = (
    Language("nl", "Nederlands", "gmw/nl"),
    Language("en", "English", "gmw/en"),
    Language("tr", "Türkçe", "trk/tr"),
    Language("pl", "Polski", "zlw/pl"),
    Language("uk", "Українська", "zle/uk"),
    # DejaVu Sans has the Arabic letters and their joined forms; what is missing is a right-to-left kiosk.
    Language("ar", "العربية", "sem/ar", Direction.RTL),
)

_BY_CODE: dict[str, Language] = {language.code: language for language in LANGUAGES}


def find(code: str) -> Language | None:
    """The registered language with this code, or None."""
    return _BY_CODE.get(code)


def source() -> Language:
    """Dutch, the language every text is written in first."""
    return _BY_CODE[SOURCE_LANGUAGE]


def offered() -> tuple[Language, ...]:
    """The languages the kiosk can show, Dutch first.

    The terminal (and the browser terminal that serves it) draws every line left to right without joining
    Arabic letters, so a right-to-left language would be unreadable there: it has a catalogue and a voice,
    but is not offered until the kiosk can draw it (see README).
    """
    return tuple(language for language in LANGUAGES if language.direction is Direction.LTR)


def kiosk_languages(locales_dir: Path) -> list[tuple[str, str]]:
    """(code, own name) of every offered language with a compiled catalogue, Dutch first."""
    have = set(available_languages(locales_dir))
    return [(language.code, language.own_name) for language in offered() if language.code in have]


def web_languages(locales_dir: Path) -> list[tuple[str, str]]:
    """(code, own name) of every language with a compiled catalogue, Dutch first, right-to-left ones too: the
    web kiosk draws them in a browser, which joins Arabic letters and runs the lines right to left."""
    have = set(available_languages(locales_dir))
    return [(language.code, language.own_name) for language in LANGUAGES if language.code in have]
