"""Translatable texts: the template is current, and switching language changes what the UI says."""

from __future__ import annotations

from assistant.errors import InputError
from assistant.i18n import _, set_language
from assistant.i18n_build import check, extract


def test_i18n_template_is_up_to_date() -> None:
    assert check() == 0, "run `make i18n-update` and commit locales/"


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
