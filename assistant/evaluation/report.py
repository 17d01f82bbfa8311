"""The evaluation written out: plain Dutch lines for a desk (`render_text`) or JSON (`render_json`)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from assistant.evaluation.counting import MAX_LABEL_WIDTH, Counts, Evaluation
from assistant.i18n import _


def _percent(value: float | None) -> str:
    return "-" if value is None else _("{percent}%").format(percent=round(value * 100))


def _cut(text: str, width: int = MAX_LABEL_WIDTH) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


def _table(headers: Sequence[str], lines: Sequence[Sequence[object]], text_columns: int) -> list[str]:
    """Columns lined up; the first `text_columns` to the left, the numbers to the right."""
    cells = [[str(v) for v in line] for line in [headers, *lines]]
    widths = [max(len(line[i]) for line in cells) for i in range(len(headers))]
    out = []
    for line in cells:
        parts = [
            cell.ljust(width) if i < text_columns else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(line, widths, strict=True))
        ]
        out.append("  ".join(parts).rstrip())
    return out


def _count_headers() -> list[str]:
    return [
        _("Voorgesteld"),
        _("Ja"),
        _("Een beetje"),
        _("Nee"),
        _("Geen antwoord"),
        _("Coach ja"),
        _("Coach nee"),
        _("Gemist"),
        _("Klopt"),
    ]


def _count_cells(c: Counts) -> list[object]:
    return [
        c.proposed,
        c.ja,
        c.beetje,
        c.nee,
        c.unanswered,
        c.coach_accepted,
        c.coach_rejected,
        c.missed,
        _percent(c.precision),
    ]


def empty_message() -> str:
    return _("Er zijn nog geen voorstellen. Er is nog niets te tellen.")


def render_text(evaluation: Evaluation, minimum: int = 1) -> str:
    """The report as plain Dutch lines: per skill (most rejected first), per sector, and missed skills."""
    if evaluation.is_empty:
        return f"{empty_message()}\n"
    t = evaluation.totals
    lines = [
        _("Welke voorstellen mensen afwijzen"),
        "",
        _("Gesprekken: {sessions}. Paspoorten: {passports}. Door een coach bekeken: {reviewed}.").format(
            sessions=evaluation.sessions,
            passports=evaluation.passports,
            reviewed=evaluation.reviewed_passports,
        ),
        _("Voorstellen: {proposed}. Klopt: {percent}.").format(
            proposed=t.proposed, percent=_percent(t.precision)
        ),
        "",
        _("Per vaardigheid. Het vaakst Nee staat bovenaan."),
    ]
    shown = evaluation.shown_skills(minimum)
    if shown:
        headers = [_("Vaardigheid"), _("Sector"), *_count_headers()]
        lines += _table(
            headers,
            [[_cut(r.label), r.sector_label, *_count_cells(r.counts)] for r in shown],
            text_columns=2,
        )
    else:
        lines.append(_("Geen vaardigheid is {min} keer of vaker voorgesteld.").format(min=minimum))
    lines += ["", _("Per sector.")]
    lines += _table(
        [_("Sector"), _("Vaardigheden"), *_count_headers()],
        [[r.label, r.skills, *_count_cells(r.counts)] for r in evaluation.sectors],
        text_columns=1,
    )
    missed = evaluation.missed_skills()
    if missed:
        lines += ["", _("Gemist: een coach voegde dit toe, de kiosk vroeg er niet naar.")]
        lines += _table(
            [_("Vaardigheid"), _("Sector"), _("Gemist")],
            [[_cut(r.label), r.sector_label, r.counts.missed] for r in missed],
            text_columns=2,
        )
    lines += [
        "",
        _("Klopt: het deel van de antwoorden dat Ja of Een beetje was."),
        _("Gemist: een coach voegde de vaardigheid toe. De kiosk had haar niet voorgesteld."),
    ]
    return "\n".join(lines) + "\n"


def render_json(evaluation: Evaluation, minimum: int = 1) -> str:
    return json.dumps(evaluation.as_json(minimum), ensure_ascii=False, indent=2) + "\n"
