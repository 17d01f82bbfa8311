"""Turns a `Page` into HTML: the Jinja2 templates (escaping everything by default), the page's language and
direction, and the address of its spoken text."""

from __future__ import annotations

from pathlib import Path

from jinja2 import Environment, FileSystemLoader, select_autoescape
from markupsafe import Markup, escape

from assistant import languages
from assistant.config import Settings
from assistant.i18n import current_language, set_language
from assistant.speech.voices import NORMAL_RATE, SLOW_RATE
from assistant.web.pages import Page, shared_texts
from assistant.web.pictures import PictureSet
from assistant.web.speech import SpeechFiles

TEMPLATES = Path(__file__).parent / "templates"


def use_language(code: str, settings: Settings) -> None:
    """Every later `_()` in this process speaks `code`; loading a catalogue only when it changes."""
    if current_language() != code:
        set_language(code, settings.locales_dir)


class Renderer:
    def __init__(self, settings: Settings, pictures: PictureSet, speech: SpeechFiles | None) -> None:
        self.settings = settings
        self.pictures = pictures
        self.speech = speech
        self.rate = SLOW_RATE if settings.slow_speech else NORMAL_RATE
        self.env = Environment(
            loader=FileSystemLoader(TEMPLATES),
            autoescape=select_autoescape(default=True, default_for_string=True),
            trim_blocks=True,
            lstrip_blocks=True,
        )
        self.env.globals["icon"] = self.icon
        self.env.globals["inline_picture"] = self.pictures.inline

    def icon(self, name: str, extra: str = "") -> Markup:
        """A button's picture beside its word: decorative (alt=""), the word says what it does."""
        classes = f"icoon {extra}".strip()
        if self.pictures.has_file(name):
            return self.pictures.inline(name, classes)
        return Markup('<span class="{} emoji" aria-hidden="true">{}</span>').format(
            classes, escape(self.pictures.text(name))
        )

    def html(self, page: Page, someone_here: bool) -> str:
        """The page in the current language; `someone_here` starts the page's idle timer."""
        code = current_language()
        language = languages.find(code) or languages.source()
        audio = None
        if self.speech is not None and page.spoken:
            audio = self.speech.key_for(page.spoken, code, self.rate, personal=page.personal)
        template = self.env.get_template(f"{page.screen}.html")
        return template.render(
            page=page,
            d=page.data,
            t=shared_texts(),
            lang=code,
            dir=language.direction.value,
            audio=audio,
            someone_here=someone_here,
            idle_seconds=int(self.settings.idle_seconds),
        )
