"""The comparison part of `assistent serve`'s `/gedeeld` page: a small form "Vergelijk met een functie" under
what a holder shared, and its answer for that one passport (`assistant.development.job_match`): what the
passport shows of the job, what is close, what is not in what is shared, and typed skills we do not know.

Only drawn when the consent shares skills. The employer's question is never stored or logged: it lives in
the one request that answers it (and in the form, so nothing they typed is lost). Plain HTML, escaped by
Jinja2; every text through `_()`, so the section speaks the page's language.
"""

from __future__ import annotations

from dataclasses import dataclass

from jinja2 import Environment
from markupsafe import Markup

from assistant.development.job_match import MAX_TYPED_SKILLS, Fit, JobMatch, Requirement
from assistant.i18n import _
from assistant.passport.consent import Consent

SECTION = Environment(autoescape=True).from_string(
    """<section id="vergelijk" aria-labelledby="vergelijk-kop">
<h2 id="vergelijk-kop">{{ title }}</h2>
<p>{{ lead }}</p>
{% if error %}<p id="vergelijk-fout" role="alert">{{ error }}</p>{% endif %}
{% if answer %}<div id="uitkomst">
<h3>{{ answer.title }}</h3>
<p>{{ answer.note }}</p>
{% for key, heading, items in answer.groups %}{% if items %}<h4>{{ heading }}</h4>
<ul class="{{ key }}">{% for item in items %}<li>{{ item }}</li>{% endfor %}</ul>{% endif %}{% endfor %}
</div>{% endif %}
<form method="post" action="/gedeeld/vergelijk">
<input type="hidden" name="code" value="{{ code }}">
<p><label for="beroep">{{ ask_occupation }}</label></p>
<p><input id="beroep" name="beroep" autocomplete="off" maxlength="100" value="{{ occupation }}"></p>
<p><label for="vaardigheden">{{ ask_skills }}</label></p>
<p><textarea id="vaardigheden" name="vaardigheden" rows="5" cols="40" maxlength="2000">{{ skills }}</textarea></p>
<p><button type="submit">{{ button }}</button></p>
</form>
</section>"""
)


def shares_skills(consent: Consent) -> bool:
    """Whether the comparison is offered at all: without shared skills it could only list gaps."""
    return "skills" in consent.parts


def section(
    code: str,
    match: JobMatch | None = None,
    error: str | None = None,
    occupation: str = "",
    skills: str = "",
) -> Markup:
    """The form, with the answer above it when there is one. `occupation` and `skills`: what the employer
    typed, put back in the form (escaped), so a mistake costs them nothing."""
    return Markup(
        SECTION.render(
            title=_("Vergelijk met een functie"),
            lead=_(
                "Typ een beroep. Of typ de vaardigheden die de functie vraagt, één per regel. "
                "U ziet dan wat in dit paspoort staat. Alleen wat de eigenaar deelt, telt mee."
            ),
            error=error,
            answer=answer(match) if match is not None else None,
            code=code,
            ask_occupation=_("Beroep"),
            occupation=occupation,
            ask_skills=_("Of: vaardigheden, één per regel (hoogstens {limit})").format(
                limit=MAX_TYPED_SKILLS
            ),
            skills=skills,
            button=_("Vergelijken"),
        )
    )


@dataclass(frozen=True)
class Answer:
    """The answer in words; the page and `assistent vergelijk` show the same."""

    title: str
    note: str
    """What the comparison cannot see: only what the holder shares."""
    groups: list[tuple[str, str, list[str]]]
    """Per group, matches first: its key (the list's class on the page), its heading, its lines."""


def answer(match: JobMatch) -> Answer:
    if match.occupation_label is not None:
        title = _("Dit paspoort en het beroep {occupation}").format(occupation=_(match.occupation_label))
    else:
        title = _("Dit paspoort en de vaardigheden die u typte")
    return Answer(
        title=title,
        note=_(
            "Wat hier niet staat, kan de eigenaar misschien toch. "
            "Het paspoort laat alleen zien wat de eigenaar deelt."
        ),
        groups=[
            (key, heading, [r.typed if fit is Fit.NOT_FOUND else _line(r) for r in match.with_fit(fit)])
            for fit, key, heading in _groups()
        ],
    )


def _groups() -> list[tuple[Fit, str, str]]:
    """Matches first: what the passport shows, what is close, the gaps, then typed words we do not know."""
    return [
        (Fit.HAVE, "heeft", _("Staat in het paspoort")),
        (Fit.ALMOST, "bijna", _("Bijna: iets wat erop lijkt staat in het paspoort")),
        (Fit.MISSING, "nog-niet", _("Nog niet in wat gedeeld is")),
        (Fit.NOT_FOUND, "niet-gevonden", _("Niet gevonden: deze vaardigheden kennen we niet")),
    ]


def _line(requirement: Requirement) -> str:
    label = _(requirement.label) if requirement.label else ""
    if requirement.fit is Fit.ALMOST and requirement.close_to:
        text = _("{skill} (lijkt op: {own})").format(skill=label, own=_(requirement.close_to))
    else:
        text = label
    if not requirement.essential:
        text = _("{skill} (niet verplicht)").format(skill=text)
    if requirement.typed and requirement.typed.casefold() != label.casefold():
        # The employer sees which catalogue skill their words were taken as, and can type again if wrong.
        text = _("{skill} (u typte: {typed})").format(skill=text, typed=requirement.typed)
    return text
