"""What the conversation sheet (the *gespreksblad* for the development conversation) says: the passport and
its direction turned into sections of lines, in the language of one `Translator`.

The sheet is for the person and the coach at one table: what the person can do (level, and who confirmed
it), the work they chose (or the work that fits best, with dots), what is still missing ("bijna" said
aloud), the licences that work asks for, the next steps they chose, and room to write agreements and the
date of the next talk. Every fixed text goes through the translator's gettext (named `_` here, so the
extractor finds the msgids); labels from the catalogue are Dutch msgids and are translated the same way.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from assistant.development.direction import Direction, SkillNeed, SkillState
from assistant.development.learning_options import LearningCatalogue
from assistant.development.next_steps import licence_steps
from assistant.export.pdf_content import CHOSEN_BY, dots_line
from assistant.export.pdf_layout import RULE, Line, Part, Section, Texts, clean
from assistant.export.translation import Translator
from assistant.passport.model import DevelopmentWish, Passport, Skill
from assistant.passport.vouching import vouching

#: A line that is drawn as a ruled line to write on, not printed as text (see `conversation_sheet`).
#: How many ruled lines the agreements get: enough for three or four short agreements.
AGREEMENT_LINES = 5


@dataclass(frozen=True)
class SheetInput:
    """What the sheet is made from: the passport (hidden skills already left out), the chosen direction
    worked out again from today's catalogue (None when none was chosen, or the catalogue lost it), and
    the best fitting work when nothing was chosen."""

    passport: Passport
    chosen: Direction | None
    fitting: list[Direction]
    learning: LearningCatalogue


def sheet_texts(passport: Passport, made_at: datetime, tr: Translator) -> Texts:
    _ = tr.gettext
    name = clean(passport.person.nickname or "", 60)
    return Texts(
        title=_("Gesprek over werk en leren: {name}").format(name=name)
        if name
        else _("Gesprek over werk en leren"),
        status=_("Dit blad is voor het gesprek met uw coach."),
        more=_("en nog {n} meer"),
        page=_("Pagina {n} van {total}"),
        made=_("Paspoort {id}, gemaakt op {date}").format(id=passport.id[:8], date=date_text(made_at)),
    )


def sheet_sections(data: SheetInput, tr: Translator) -> list[Section]:
    _ = tr.gettext
    passport = data.passport
    found = [_can_do(passport, tr)]
    if passport.direction is not None:
        found += _chosen(data, tr)
    else:
        found.append(_fitting(data, tr))
    found.append(_steps(passport.development_wishes, tr))
    found.append(
        Section(
            _("Afspraken"),
            lines=[Line(_("Schrijf hier op wat u samen afspreekt."))] + [Line(RULE)] * AGREEMENT_LINES,
        )
    )
    found.append(
        Section(
            _("Volgend gesprek"),
            lines=[Line(_("Datum van het volgende gesprek:")), Line("____ - ____ - ________", indent=True)],
        )
    )
    return found


def _can_do(passport: Passport, tr: Translator) -> Section:
    _ = tr.gettext
    skills = passport.active_skills()
    section = Section(_("Wat kan ik"))
    if not skills:
        section.lines.append(Line(_("In het paspoort staan nog geen vaardigheden.")))
        return section
    section.parts.append(Part("skills", [_skill(s, tr) for s in skills]))
    return section


def _skill(skill: Skill, tr: Translator) -> list[Line]:
    _ = tr.gettext
    msgid, values = vouching(skill)
    return [
        Line(clean(_tr(tr, skill.label), 120), bold=True),
        Line(_("Niveau {name}").format(name=skill.level), indent=True),
        # Who vouches, from the provenance: a level nobody else confirmed never reads as confirmed.
        Line(clean(_(msgid).format(**values), 200), indent=True),
    ]


def _chosen(data: SheetInput, tr: Translator) -> list[Section]:
    _ = tr.gettext
    chosen = data.passport.direction
    assert chosen is not None
    work = Section(_("Welk werk wil ik"))
    work.lines.append(Line(clean(_tr(tr, chosen.label), 120), bold=True))
    if data.chosen is not None:
        work.lines.append(Line(dots_line(data.chosen, tr), indent=True))
    work.lines.append(
        Line(_(CHOSEN_BY[chosen.chosen_by]).format(date=date_text(chosen.chosen_at)), indent=True)
    )
    if data.chosen is None:
        # The catalogue no longer knows this work: say so, instead of a list of gaps that may be wrong.
        work.lines.append(Line(_("Dit werk staat niet meer in onze lijst. Kies het opnieuw."), indent=True))
        return [work]
    found = [work, _missing(data.chosen, tr)]
    licences = licence_steps(data.chosen, data.learning)
    if licences:
        lines = [Line(_("Voor dit werk heeft u een papier nodig:"))]
        for step in licences:
            lines.append(Line(clean(_tr(tr, step.label), 120), bullet=True))
            if step.length:
                lines.append(
                    Line(_("Duur: {length}").format(length=clean(_tr(tr, step.length), 80)), indent=True)
                )
        found.append(Section(_("Papieren voor dit werk"), lines=lines))
    return found


def _missing(direction: Direction, tr: Translator) -> Section:
    _ = tr.gettext
    section = Section(_("Wat mis ik nog"))
    gaps = [n for n in direction.needs if n.state is not SkillState.HAVE]
    if not gaps:
        section.lines.append(Line(_("U kunt al alles wat dit werk vraagt.")))
        return section
    # What the work cannot do without first; "bijna" before what is still far away.
    gaps.sort(key=lambda n: (not n.essential, n.state is SkillState.MISSING))
    section.parts.append(Part("missing", [_gap(n, tr) for n in gaps]))
    return section


def _gap(need: SkillNeed, tr: Translator) -> list[Line]:
    _ = tr.gettext
    label = clean(_tr(tr, need.label), 120)
    if need.state is SkillState.ALMOST:
        lines = [Line(_("Bijna: {skill}").format(skill=label), bullet=True, bold=True)]
        if need.close_to:
            close = clean(_tr(tr, need.close_to), 120)
            lines.append(Line(_("Dit lijkt op wat u al kunt: {skill}").format(skill=close), indent=True))
        return lines
    return [Line(_("Nog leren: {skill}").format(skill=label), bullet=True)]


def _fitting(data: SheetInput, tr: Translator) -> Section:
    _ = tr.gettext
    section = Section(_("Welk werk wil ik"), lines=[Line(_("U heeft nog geen werk gekozen."))])
    if not data.fitting:
        return section
    section.lines.append(Line(_("Dit werk past het best bij wat u kunt:")))
    section.parts.append(Part("fitting", [_fit(d, data.learning, tr) for d in data.fitting]))
    return section


def _fit(direction: Direction, learning: LearningCatalogue, tr: Translator) -> list[Line]:
    _ = tr.gettext
    lines = [
        Line(clean(_tr(tr, direction.label), 120), bold=True, bullet=True),
        Line(dots_line(direction, tr), indent=True),
    ]
    gaps = [
        _("{skill} (bijna)").format(skill=_tr(tr, n.label))
        if n.state is SkillState.ALMOST
        else _tr(tr, n.label)
        for n in direction.needs
        if n.essential and n.state is not SkillState.HAVE
    ]
    if gaps:
        lines.append(Line(_("Nog nodig: {skills}").format(skills=clean(", ".join(gaps), 300)), indent=True))
    papers = [_tr(tr, s.label) for s in licence_steps(direction, learning)]
    if papers:
        lines.append(
            Line(_("Papier nodig: {names}").format(names=clean(", ".join(papers), 200)), indent=True)
        )
    return lines


def _steps(wishes: list[DevelopmentWish], tr: Translator) -> Section:
    _ = tr.gettext
    section = Section(_("Mijn volgende stappen"))
    if not wishes:
        section.lines.append(Line(_("U heeft nog geen stappen gekozen.")))
        return section
    for wish in wishes:
        section.lines.append(Line(clean(_tr(tr, wish.label), 160), bullet=True, bold=True))
        if wish.skill_label:
            skill = clean(_tr(tr, wish.skill_label), 120)
            section.lines.append(Line(_("Voor: {skill}").format(skill=skill), indent=True))
        section.lines.append(Line(_("Gekozen op {date}").format(date=date_text(wish.chosen_at)), indent=True))
    return section


def _tr(tr: Translator, text: str) -> str:
    """A text from data (a label from the catalogue) in the translator's language."""
    return tr.gettext(text) if text else text


def date_text(moment: datetime) -> str:
    # Stored in UTC; the reader thinks in the kiosk's own time zone.
    return moment.astimezone().strftime("%d-%m-%Y")
