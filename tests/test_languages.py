"""The language registry: what the language screen offers, each language's own name and direction, and
whether its font can draw every letter of its translation."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest
from babel import Locale
from babel.messages.pofile import read_po
from fontTools.ttLib import TTFont

from assistant.i18n import LOCALES_DIR, SOURCE_LANGUAGE
from assistant.languages import DEFAULT_FONT, LANGUAGES, Direction, Language, find, kiosk_languages, offered

FONT_FOLDERS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))


def _compiled(locales_dir: Path, *codes: str) -> None:
    for code in codes:
        mo = locales_dir / code / "LC_MESSAGES" / "messages.mo"
        mo.parent.mkdir(parents=True)
        mo.write_bytes(b"")


def test_languages_screen_offers_dutch_first_then_each_compiled_language_in_its_own_name(
    tmp_path: Path,
) -> None:
    _compiled(tmp_path, "uk", "en")
    assert kiosk_languages(tmp_path) == [("nl", "Nederlands"), ("en", "English"), ("uk", "Українська")]


def test_languages_right_to_left_is_not_offered_even_with_a_catalogue(tmp_path: Path) -> None:
    # The terminal kiosk cannot draw right-to-left text with joined letters.
    _compiled(tmp_path, "ar", "tr")
    arabic = find("ar")
    assert arabic is not None and arabic.direction is Direction.RTL
    assert [code for code, _name in kiosk_languages(tmp_path)] == ["nl", "tr"]
    assert all(language.direction is Direction.LTR for language in offered())


def test_languages_shipped_kiosk_list_is_the_five_documented_languages() -> None:
    codes = [code for code, _name in kiosk_languages(LOCALES_DIR)]
    assert codes == ["nl", "en", "tr", "pl", "uk"]


def test_languages_registry_is_dutch_first_without_duplicates() -> None:
    codes = [language.code for language in LANGUAGES]
    assert codes[0] == SOURCE_LANGUAGE
    assert len(codes) == len(set(codes))
    assert find("xx") is None


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_languages_own_name_and_direction_agree_with_cldr(language: Language) -> None:
    # Capitals may differ: CLDR writes "polski", the button says "Polski".
    locale = Locale.parse(language.code)
    assert language.own_name.casefold() == (locale.get_display_name(locale) or "").casefold()
    expected = Direction.RTL if locale.character_order == "right-to-left" else Direction.LTR
    assert language.direction is expected


@cache
def _font_files() -> dict[str, Path]:
    """Installed font family name -> one of its files."""
    found: dict[str, Path] = {}
    for folder in FONT_FOLDERS:
        for path in sorted(folder.rglob("*")):
            if path.suffix.lower() not in {".ttf", ".otf"}:
                continue
            with TTFont(path, lazy=True) as font:
                family = font["name"].getDebugName(1)
            if family:
                found.setdefault(family, path)
    return found


def _letters(code: str) -> set[str]:
    language = find(code)
    assert language is not None
    letters = set(language.own_name)
    if code != SOURCE_LANGUAGE:
        with (LOCALES_DIR / code / "LC_MESSAGES" / "messages.po").open("rb") as handle:
            for message in read_po(handle):
                strings = message.string if isinstance(message.string, tuple) else (message.string,)
                for text in strings:
                    letters.update(text or "")
    return {letter for letter in letters if not letter.isspace()}


@pytest.mark.parametrize("language", LANGUAGES, ids=lambda language: language.code)
def test_languages_font_draws_every_letter_of_the_translation(language: Language) -> None:
    family = language.font or DEFAULT_FONT
    path = _font_files().get(family)
    assert path is not None, f"{language.code}: font {family!r} is not installed"
    with TTFont(path, lazy=True) as font:
        drawn = set(font["cmap"].getBestCmap())
    missing = sorted(letter for letter in _letters(language.code) if ord(letter) not in drawn)
    assert not missing, f"{language.code}: {family} has no {missing[:10]}"
