"""Translations for one export, held by the export instead of switched process-wide.

`assistant.i18n.set_language` changes what every later `_()` returns, in every thread: an export that switched
it for the length of one PDF could put another screen, or another export, in the wrong language. An export
asks `translator(language)` for its own gettext functions and passes them down instead.
"""

from __future__ import annotations

import gettext
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from babel.support import Translations

from assistant.i18n import DOMAIN, LOCALES_DIR, SOURCE_LANGUAGE


@dataclass(frozen=True)
class Translator:
    """The gettext functions of one language; catalogue lookups only, so safe to share between threads."""

    language: str
    gettext: Callable[[str], str]
    ngettext: Callable[[str, str, int], str]


@lru_cache(maxsize=32)
def translator(language: str, locales_dir: Path = LOCALES_DIR) -> Translator:
    """The texts of `language`; Dutch (the source language) or a language without a catalogue gives Dutch,
    exactly as `assistant.i18n.set_language` does."""
    catalogue: gettext.NullTranslations
    if language == SOURCE_LANGUAGE:
        catalogue = gettext.NullTranslations()
    else:
        catalogue = Translations.load(str(locales_dir), [language], DOMAIN)
    return Translator(language, catalogue.gettext, catalogue.ngettext)
