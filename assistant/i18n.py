"""The current language and the gettext functions every user-facing text goes through.

Dutch is the source language: a msgid is the Dutch text. Other languages come from compiled catalogues in
`locales/<taal>/LC_MESSAGES/messages.mo`, built by `make setup` from the `.po` files. LOCALES_DIR is the one
place that says where that folder is; the settings, the catalogue builder and the plain-language check import it.
"""

from __future__ import annotations

import gettext
from pathlib import Path

from babel.support import Translations

DOMAIN = "messages"
SOURCE_LANGUAGE = "nl"
#: `locales/` beside the package. Defined here, not in assistant.config: the error texts import this module,
#: and the settings import the private-file rules, which raise those errors.
LOCALES_DIR = Path(__file__).resolve().parent.parent / "locales"

_current: gettext.NullTranslations = gettext.NullTranslations()
_language = SOURCE_LANGUAGE


def N_(message: str) -> str:
    """Marks a text for extraction without translating it yet."""
    return message


def _(message: str) -> str:
    """Translates a text into the current language."""
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """Translates a text that depends on a number."""
    return _current.ngettext(singular, plural, n)


def available_languages(locales_dir: Path = LOCALES_DIR) -> list[str]:
    """Languages with a compiled catalogue, Dutch first."""
    found = sorted(p.parent.parent.name for p in locales_dir.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return [SOURCE_LANGUAGE, *[lang for lang in found if lang != SOURCE_LANGUAGE]]


def set_language(language: str, locales_dir: Path = LOCALES_DIR) -> None:
    """Switches every later `_()` call to `language`; Dutch or an unknown language falls back to Dutch."""
    global _current, _language
    if language == SOURCE_LANGUAGE:
        _current = gettext.NullTranslations()
    else:
        _current = Translations.load(str(locales_dir), [language], DOMAIN)
    _language = language


def current_language() -> str:
    return _language
