"""Comparing ONE shared passport with a job's requirements, for an employer (recruitment, internal mobility),
with the holder's consent only. The job is a catalogue occupation found by the name the employer types
(misspellings tolerated, `search_occupations`), or a short list of skills the employer types, each found with
`search_skills`. Per requirement the answer is "heeft het", "bijna" (the same rule as a direction's
`close_to`: one of the person's shared skills shares its CompetentNL capability and sector) or "nog niet";
a typed skill the catalogue does not know is listed as "niet gevonden", never silently dropped.

Never a ranking of people. Every function here takes exactly one passport and there is no function that
takes several; the result carries no score, only per requirement what this one passport shows. Ranking
people would take code outside this module, written on purpose against it.

What the comparison sees: only the consent's shared copy (`shared_copy`: the consented parts, without
skills the holder hid or rejected; refused after the consent's end date or its withdrawal). `compare`
applies `shared_copy` itself, so a caller that passes the whole passport still cannot widen what is shared.

Why a skill that is not shared shows as "nog niet", and how that protects the holder: the comparison says
nothing about skills that are not shared. A hidden skill and a skill the person really lacks look exactly
the same, so the employer cannot learn that something is hidden; a hidden skill is never a match, and never
the reason for "bijna" (which would name it). The gap is worded as "not in what is shared", never "cannot do
this": it makes no claim against the holder. A consent without the skills part gives no comparison at all
(E656), rather than a list of gaps that would only say the holder shared nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from pydantic import BaseModel, ConfigDict

from assistant.development.direction import SkillState, direction_for, direction_towards
from assistant.errors import InputError
from assistant.passport.consent import Consent, shared_copy
from assistant.passport.model import Passport
from assistant.skills.assembly import Matcher
from assistant.skills.catalogue import OccupationConcept
from assistant.skills.search import search_occupations, search_skills
from assistant.text_input import clean_answer, normalise

MAX_TYPED_SKILLS = 10
"""A short list: a job's few key skills, not a full profile to screen people with."""
MAX_LINE_CHARS = 100
"""One occupation name or one skill."""
MAX_TEXT_CHARS = 2000
"""All typed skills together, blank lines included; checked before the text is split into lines."""
JOB_ID = "__typed_job__"
"""The id of the employer's own list, compared as if it were an occupation asking exactly those skills."""


class Fit(StrEnum):
    HAVE = "have"
    ALMOST = "almost"
    MISSING = "missing"
    NOT_FOUND = "not_found"


#: Matches first, then what is close, then the gaps, then what could not be looked up.
ORDER = (Fit.HAVE, Fit.ALMOST, Fit.MISSING, Fit.NOT_FOUND)
_FROM_STATE = {SkillState.HAVE: Fit.HAVE, SkillState.ALMOST: Fit.ALMOST, SkillState.MISSING: Fit.MISSING}


class Requirement(BaseModel):
    """One thing the job asks, seen from the shared passport. `label` and `close_to` are Dutch msgids: show
    them through `_()`. `typed` is what the employer typed for it (empty for an occupation's skills)."""

    model_config = ConfigDict(frozen=True)

    fit: Fit
    typed: str = ""
    ref: str | None = None
    label: str | None = None
    essential: bool = True
    close_to: str | None = None


class JobMatch(BaseModel):
    """One passport against one job: the requirements, matches first. No score: nothing to rank by."""

    model_config = ConfigDict(frozen=True)

    occupation_id: str | None = None
    occupation_label: str | None = None
    """For a catalogue occupation: its label (a Dutch msgid). None for a typed list of skills."""
    requirements: list[Requirement]

    def with_fit(self, fit: Fit) -> list[Requirement]:
        return [r for r in self.requirements if r.fit is fit]


@dataclass(frozen=True)
class JobRequest:
    """What the employer asked for, cleaned: an occupation name, or a few skills (never both)."""

    occupation: str = ""
    skills: tuple[str, ...] = ()


def read_request(occupation: object, skills: object) -> JobRequest:
    """The employer's two form fields, cleaned and checked. Control and zero-width characters are removed,
    emoji and every script stay (a line that is only emoji is looked up, and then not found). Nothing typed,
    or both typed: E655. A too long name or line: E102. More than `MAX_TYPED_SKILLS` skills: E654."""
    name = normalise(occupation) if isinstance(occupation, str) else ""
    text = skills if isinstance(skills, str) else ""
    if len(text) > MAX_TEXT_CHARS:
        raise InputError("E102", limit=MAX_TEXT_CHARS)
    lines = [line for line in (normalise(raw) for raw in text.splitlines()) if line]
    if bool(name) == bool(lines):
        raise InputError("E655")
    if name:
        return JobRequest(occupation=clean_answer(name, MAX_LINE_CHARS))
    if len(lines) > MAX_TYPED_SKILLS:
        raise InputError("E654", limit=MAX_TYPED_SKILLS, count=len(lines))
    return JobRequest(skills=tuple(clean_answer(line, MAX_LINE_CHARS) for line in lines))


def compare(
    passport: Passport,
    consent: Consent,
    request: JobRequest,
    matcher: Matcher,
    hidden: frozenset[str] = frozenset(),
    today: date | None = None,
) -> JobMatch:
    """This one passport, as far as `consent` shares it, against the job in `request`.

    Raises E502/E503 for a consent withdrawn or ended, E656 when it does not share skills, E653 for an
    occupation name the catalogue does not know."""
    shared = shared_copy(passport, consent, today, hidden)
    if "skills" not in consent.parts:
        raise InputError("E656")
    catalogue = matcher.catalogue
    if request.occupation:
        found = search_occupations(matcher, request.occupation, limit=1)
        if not found:
            raise InputError("E653", name=request.occupation)
        direction = direction_for(shared, catalogue, found[0].id)
        requirements = [
            Requirement(
                fit=_FROM_STATE[n.state], ref=n.ref, label=n.label, essential=n.essential, close_to=n.close_to
            )
            for n in direction.needs
        ]
        return JobMatch(
            occupation_id=direction.occupation_id,
            occupation_label=direction.label,
            requirements=_matches_first(requirements),
        )
    return JobMatch(requirements=_matches_first(_typed_skills(shared, request.skills, matcher)))


def _typed_skills(shared: Passport, typed: tuple[str, ...], matcher: Matcher) -> list[Requirement]:
    catalogue = matcher.catalogue
    found: dict[str, str] = {}  # skill ref -> what was typed for it, first line wins
    not_found: list[Requirement] = []
    for text in typed:
        hits = search_skills(matcher, text, limit=1)
        if not hits:
            not_found.append(Requirement(fit=Fit.NOT_FOUND, typed=text))
        else:
            found.setdefault(hits[0].id, text)
    # The employer's list is compared as an occupation asking exactly those skills, so the very same rules
    # as a direction decide "heeft het" and "bijna".
    job = OccupationConcept(id=JOB_ID, uri="", label="", sector="", terms=(), skills=tuple(found))
    needs = direction_towards(shared, catalogue, job).needs
    return [
        Requirement(
            fit=_FROM_STATE[n.state], typed=found[n.ref], ref=n.ref, label=n.label, close_to=n.close_to
        )
        for n in needs
    ] + not_found


def _matches_first(requirements: list[Requirement]) -> list[Requirement]:
    return sorted(requirements, key=lambda r: ORDER.index(r.fit))  # stable: the job's own order within a fit
