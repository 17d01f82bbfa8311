"""What the web kiosk's direction pages show and say: "Wat wilt u hierna?" (the occupations that fit, each with
filled dots, what the person has, what is "bijna" and what is missing, and a field to type any occupation),
the next steps for one occupation (licences first, at most three to tick), and the page that reads back
what was saved with its date. Plain data for the templates `direction*.html`, as `pages` does for the
other pages; the routes are `direction_routes`.

The dots are the picture of how close an occupation is, never a percentage; each row of dots carries its
own words ("3 van de 5") for a screen reader and for the voice.
"""

from __future__ import annotations

from dataclasses import dataclass

from assistant.development.direction import MAX_DOTS, Direction, SkillNeed
from assistant.development.learning_options import LearningCatalogue
from assistant.development.next_steps import KIND_WORDS, MAX_CHOSEN_STEPS, NextStep, step_key
from assistant.i18n import _
from assistant.passport.history import day
from assistant.passport.model import Passport
from assistant.speech.sentences import speech
from assistant.web.pages import Card, Page, card
from assistant.web.pictures import PictureSet

#: The picture of an occupation's card: its sector's picture from the interview's sector question.
SECTOR_PICTURES: dict[str, str] = {
    "bouw": "bouw",
    "metaal_elektro": "techniek",
    "zorg": "zorg",
    "logistiek": "logistiek",
    "detailhandel": "winkel",
    "horeca": "horeca",
    "schoonmaak": "schoonmaak",
    "groen": "groen",
    "kinderopvang": "kinderopvang",
    "productie": "fabriek",
}


@dataclass(frozen=True)
class DirectionCard:
    """One occupation on "Wat wilt u hierna?"."""

    occupation_id: str
    label: str
    picture: Card
    dots: int
    dots_words: str
    """The dots in words ("Past 3 van de 5."), for a screen reader: the dots themselves are hidden."""
    have: list[str]
    almost: list[str]
    missing: list[str]
    licences: list[str]
    saved: bool = False
    """The direction saved in the passport before: ticked, so a holder who comes back sees it again."""


@dataclass(frozen=True)
class StepRow:
    """One step to tick on the next-steps page."""

    key: str
    label: str
    kind: str
    details: list[str]
    """Length, level and the missing skill it is for, each in a short sentence."""
    ticked: bool


def learning_or_empty(learning: LearningCatalogue | None) -> LearningCatalogue:
    return learning if learning is not None else LearningCatalogue(options={})


def dots_words(dots: int) -> str:
    return _("Past {dots} van de {total}.").format(dots=dots, total=MAX_DOTS)


def direction_card(
    direction: Direction, learning: LearningCatalogue, pictures: PictureSet, saved: bool = False
) -> DirectionCard:
    label = _(direction.label)
    licences = [_(o.label) for i in direction.licences if (o := learning.options.get(i)) is not None]
    return DirectionCard(
        occupation_id=direction.occupation_id,
        label=label,
        picture=card(pictures, direction.occupation_id, label, SECTOR_PICTURES.get(direction.sector, "")),
        dots=direction.dots,
        dots_words=dots_words(direction.dots),
        have=[_(n.label) for n in direction.have],
        almost=[_almost(n) for n in direction.almost],
        missing=[_(n.label) for n in direction.missing],
        licences=licences,
        saved=saved,
    )


def _almost(need: SkillNeed) -> str:
    """A skill the person almost has, with the skill of theirs that is close to it."""
    if need.close_to is None:
        return _(need.label)
    return _("{skill} (u kunt al: {close})").format(skill=_(need.label), close=_(need.close_to))


def _card_speech(c: DirectionCard) -> list[str]:
    said = [c.label, c.dots_words]
    if c.have:
        said += [_("Dit heeft u al:"), ", ".join(c.have)]
    if c.almost:
        said += [_("Bijna:"), ", ".join(c.almost)]
    if c.missing:
        said += [_("Dit mist nog:"), ", ".join(c.missing)]
    if c.licences:
        said += [_("Hiervoor is nodig:"), ", ".join(c.licences)]
    return said


def direction_page(
    found: list[Direction],
    learning: LearningCatalogue,
    pictures: PictureSet,
    typed: str = "",
    searched: bool = False,
    error: str | None = None,
    saved: str | None = None,
) -> Page:
    """ "Wat wilt u hierna?": the occupations that fit (or, `searched`, those found for what was `typed`),
    and the field to type another; `typed` stays in the field, also beside an error. The occupation id
    `saved` (chosen before) is ticked and named above the cards."""
    title = _("Wat wilt u hierna?")
    cards = [direction_card(d, learning, pictures, d.occupation_id == saved) for d in found]
    chosen = next((c for c in cards if c.saved), None)
    saved_line = _("Uw richting: {job}").format(job=chosen.label) if chosen else ""
    told = [f"{saved_line}."] if chosen else []
    if searched:
        lead = _("Dit vonden we:")
    elif cards:
        lead = _("Deze beroepen passen bij wat u kunt.")
    else:
        lead = _("We vonden nog geen beroep dat past. Typ hieronder een beroep.")
    ask = _("Een ander beroep? Typ de naam:")
    return Page(
        "direction",
        title,
        speech(error or "", title, lead, *told, *(s for c in cards for s in _card_speech(c)), ask),
        {
            "lead": lead,
            "saved": saved_line,
            "cards": cards,
            "total": MAX_DOTS,
            "have_lead": _("Dit heeft u al:"),
            "almost_lead": _("Bijna:"),
            "missing_lead": _("Dit mist nog:"),
            "licence_lead": _("Hiervoor is nodig:"),
            "choose": _("Kies dit beroep"),
            "ask": ask,
            "typed": typed,
            "example": _("Bijvoorbeeld: kok"),
            "search": _("Zoeken"),
            "back": _("Terug"),
            "error": error,  # beside the field, not at the top: the person looks where they typed
        },
        personal=True,  # the person's own skills, and what they typed
    )


def step_row(step: NextStep, ticked: bool) -> StepRow:
    details = []
    if step.length:
        details.append(_("Hoe lang: {length}").format(length=_(step.length)))
    if step.level:
        details.append(_("Niveau: {level}").format(level=step.level))
    if step.skill_label:
        details.append(_("Voor: {skill}").format(skill=_(step.skill_label)))
    return StepRow(step_key(step), _(step.label), _(KIND_WORDS.get(step.kind, step.kind)), details, ticked)


def steps_page(
    direction: Direction,
    steps: list[NextStep],
    ticked: set[str],
    error: str | None = None,
) -> Page:
    """The next steps for one occupation: the licences the work asks for first, then what the person can do
    about each gap; `ticked` are shown ticked (also after a refusal, so nothing is lost)."""
    label = _(direction.label)
    title = _("Wat kunt u doen voor {job}?").format(job=label)
    lead = _("Kies hoogstens {limit} stappen. Tik op een stap.").format(limit=MAX_CHOSEN_STEPS)
    needed = [step_row(s, step_key(s) in ticked) for s in steps if s.skill_ref is None]
    gaps = [step_row(s, step_key(s) in ticked) for s in steps if s.skill_ref is not None]
    said = [speech(r.label, r.kind, *r.details) for r in needed + gaps]
    return Page(
        "direction_steps",
        title,
        speech(error or "", title, lead, *said),
        {
            "occupation_id": direction.occupation_id,
            "lead": lead,
            "dots": direction.dots,
            "dots_words": dots_words(direction.dots),
            "total": MAX_DOTS,
            "needed_lead": _("Dit is nodig voor dit werk:"),
            "needed": needed,
            "gaps_lead": _("Voor wat nog mist:"),
            "gaps": gaps,
            "none": _("Voor dit beroep heeft u alles al.") if not steps else None,
            "save": _("Bewaren"),
            "back": _("Terug"),
            "error": error,  # beside the Bewaren button the person just tapped
        },
        personal=True,
    )


def chosen_page(passport: Passport) -> Page:
    """What was saved in the passport: the direction with its date, and the chosen steps."""
    title = _("Bewaard in uw paspoort")
    chosen = passport.direction
    job = _(chosen.label) if chosen else ""
    direction_line = _("Uw richting: {job}").format(job=job) if chosen else ""
    when = _("Gekozen op {date}.").format(date=day(chosen.chosen_at)) if chosen else ""
    steps = [
        (_(w.label), _(KIND_WORDS.get(w.kind, w.kind)), _("Voor: {skill}").format(skill=_(w.skill_label)))
        if w.skill_label
        else (_(w.label), _(KIND_WORDS.get(w.kind, w.kind)), "")
        for w in passport.development_wishes
    ]
    steps_lead = _("Uw volgende stappen:") if steps else _("U koos nog geen stappen.")
    return Page(
        "direction_chosen",
        title,
        speech(
            title,
            direction_line,
            when,
            steps_lead,
            *(speech(s, k) for s, k, _f in steps),
        ),
        {
            "direction": direction_line,
            "when": when,
            "steps_lead": steps_lead,
            "steps": steps,
            "occupation_id": chosen.occupation_id if chosen else "",
            "done": _("Naar mijn paspoort"),
            "back": _("Terug"),
        },
        personal=True,
    )
