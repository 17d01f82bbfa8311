"""Translatable texts: the template is current, and switching language changes what the UI says."""

from __future__ import annotations

import pytest

from assistant.errors import InputError
from assistant.i18n import SOURCE_LANGUAGE, _, set_language
from assistant.i18n_build import check, extract
from assistant.languages import LANGUAGES


def test_i18n_template_is_up_to_date() -> None:
    assert check() == 0, "run `make i18n-update` and commit locales/"


def test_i18n_shipped_languages_are_the_registered_ones() -> None:
    assert SHIPPED == ("en", "tr", "pl", "uk", "ar")


def test_i18n_dialogue_and_catalogue_texts_are_extracted() -> None:
    ids = {m.id for m in extract()}
    assert "Hoe mogen we u noemen?" in ids
    assert "Klopt dit?" in ids
    assert "Vraag {current} van {total}" in ids


def test_i18n_unknown_language_falls_back_to_dutch() -> None:
    set_language("xx")
    try:
        assert _("Klopt dit?") == "Klopt dit?"
        assert "Overslaan" in InputError("E101").user_message()
    finally:
        set_language("nl")


#: Every registered language but Dutch, the source: a language in the registry must be translated whole.
SHIPPED = tuple(language.code for language in LANGUAGES if language.code != SOURCE_LANGUAGE)


def _catalog(language: str):
    from babel.messages.pofile import read_po

    from assistant.i18n import LOCALES_DIR

    path = LOCALES_DIR / language / "LC_MESSAGES" / "messages.po"
    assert path.exists(), f"{language}: no catalogue"
    with path.open("rb") as handle:
        return read_po(handle)


@pytest.mark.parametrize("language", SHIPPED)
def test_i18n_every_text_is_translated_with_intact_placeholders(language: str) -> None:
    catalog = _catalog(language)
    template = {m.id for m in extract() if m.id}
    translated = {m.id: m.string for m in catalog if m.id}
    missing = sorted(m for m in template if not translated.get(m))
    assert not missing, f"{language}: {len(missing)} texts without translation, e.g. {missing[:3]}"
    problems = [(m.id, errors) for m, errors in catalog.check()]
    assert not problems, problems[:3]


def test_i18n_switching_language_translates_the_interface() -> None:
    from assistant.i18n import LOCALES_DIR

    set_language("en", LOCALES_DIR)
    try:
        assert _("Klopt dit?") != "Klopt dit?"
        assert "{current}" in _("Vraag {current} van {total}")
    finally:
        set_language("nl")
