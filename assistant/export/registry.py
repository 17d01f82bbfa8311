"""The export formats, by name: what each one is called and described as, and `renderer_for`, which makes
a format's `Renderer` with everything it needs (the catalogue and knowledge base for a PDF's occupations,
the desk's signing key for Open Badges). The command line, the coach app and the kiosk all come here, so a
format works the same way wherever it is asked for.

What a format needs is loaded when it renders, not when it is chosen: asking for a renderer costs nothing,
and a desk that never signs never makes a key.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from assistant.config import Settings
from assistant.errors import AssistantError
from assistant.export.ob3_issuers import CoachKey
from assistant.export.renderer import Renderer
from assistant.holder_code import TakeAlong
from assistant.i18n import N_
from assistant.passport.consent import Consent
from assistant.passport.model import Passport


@dataclass(frozen=True)
class ExportFormat:
    name: str
    description: str
    """Plain Dutch, a msgid: translate it with `_()` where it is shown."""
    suffix: str
    """The end of a file name for this format."""


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("json", N_("de gegevens, voor een ander programma"), ".json"),
        ExportFormat("pdf", N_("een paspoort om te printen"), ".pdf"),
        ExportFormat("ob3", N_("een bewijs per vaardigheid, met een digitale handtekening"), ".json"),
    )
}


def format_help() -> str:
    """Every format with its description, for a help text: "json: ..., pdf: ..."."""
    return "; ".join(f"{f.name}: {f.description}" for f in FORMATS.values())


def format_named(name: str) -> ExportFormat:
    """The format called `name`; E401 with the choices for one that does not exist."""
    try:
        return FORMATS[name]
    except KeyError:
        raise AssistantError("E401", format=name, choices=", ".join(FORMATS)) from None


#: The take-along code and address of a consent (`assistant.take_along.take_along`), for the PDF.
TakeAlongFor = Callable[[Consent], TakeAlong]


def renderer_for(
    format: str,
    settings: Settings,
    language: str,
    coach_key: CoachKey | None = None,
    one_file: bool = False,
    take_along: TakeAlongFor | None = None,
) -> Renderer:
    """The renderer of `format`; texts that are translated (the PDF's) are in `language`. `coach_key` gives a
    coach's signing key for the Open Badges of skills that coach signed for (without it they are refused);
    `one_file` puts the Open Badges in one VerifiablePresentation, for a wallet. With `take_along`, a PDF
    carries the consent's take-along code and QR code on every page.

    Raises E401 with the choices for a format that does not exist."""
    name = format_named(format).name
    if name == "pdf":
        return _pdf(settings, language, take_along)
    if name == "ob3":
        return _ob3(settings, coach_key, one_file)
    return _json


def _json(passport: Passport, _consent: Consent) -> bytes:
    from assistant.export.json_export import export_json

    return export_json(passport).encode("utf-8")


def _pdf(settings: Settings, language: str, take_along: TakeAlongFor | None = None) -> Renderer:
    def render(passport: Passport, consent: Consent) -> bytes:
        # Imported here: fpdf2, the catalogue and the knowledge base are only needed when a PDF is made.
        from assistant.development.direction import directions
        from assistant.export.pdf_export import passport_pdf
        from assistant.skills.catalogue import load_catalogue
        from assistant.taxonomy.knowledge_base import KnowledgeBase

        kb = KnowledgeBase.existing(settings.taxonomy_dir)
        try:
            fits = directions(passport, load_catalogue(settings.catalogue_dir), kb)
        finally:
            if kb is not None:
                kb.close()
        along = take_along(consent) if take_along is not None else None
        return passport_pdf(passport, fits, language, locales_dir=settings.locales_dir, take_along=along)

    return render


def _ob3(settings: Settings, coach_key: CoachKey | None, one_file: bool) -> Renderer:
    def render(passport: Passport, consent: Consent) -> bytes:
        from assistant.export.ob3_export import ob3_renderer
        from assistant.export.signing import default_key_path, load_or_create_desk_key

        key = load_or_create_desk_key(default_key_path(settings.data_dir))
        return ob3_renderer(key, settings.desk_name, coach_key, one_file)(passport, consent)

    return render
