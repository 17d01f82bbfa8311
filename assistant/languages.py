"""The languages the kiosk offers, each named in its own language so a person can find theirs."""

from __future__ import annotations

from pathlib import Path

from assistant.i18n import available_languages

#: Language code -> its own name. Arabic has a catalogue but is not offered: the terminal UI cannot show
#: right-to-left text with joined letters (see README).
NAMES: dict[str, str] = {
    "nl": "Nederlands",
    "en": "English",
    "tr": "Türkçe",
    "pl": "Polski",
    "uk": "Українська",
}


def kiosk_languages(locales_dir: Path) -> list[tuple[str, str]]:
    """(code, own name) of every language with a compiled catalogue, Dutch first."""
    have = set(available_languages(locales_dir))
    return [(code, name) for code, name in NAMES.items() if code in have]
