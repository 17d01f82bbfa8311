"""A direction: one occupation seen from the passport. For each skill the occupation asks, whether the person
has it, almost has it ("bijna": a skill they have shares a CompetentNL capability with it, not one of the
broad ones such as "Procedures volgen", and its sector), or still misses it; how close the occupation is,
as a number of filled dots; and the licences it asks for.

Where each link occupation -> skill comes from: the sector catalogue (`catalogue/sectors/*.yaml`), and only
there. Essential skills (`skills:`) and optional ones (`optional:`) are authored by the project from
knowledge of the work, as sector skills or CompetentNL capabilities cited by their real URI. Neither extract
in ../shared/data can add links: the CompetentNL extract lacks the occupation -> skill links (its README says
so), and the ESCO extract holds occupations, skill groups and skill collections but no occupation-skill
relations file. So every `SkillNeed.source` is "catalogue"; a later import with real links would add a value.
"""

from __future__ import annotations

from enum import StrEnum
from typing import TYPE_CHECKING, Literal

from pydantic import BaseModel, ConfigDict

from assistant.passport.model import Passport
from assistant.skills.catalogue import Catalogue, OccupationConcept, SkillConcept

if TYPE_CHECKING:  # the knowledge base pulls in the ranking index; only its type is needed here
    from assistant.taxonomy.knowledge_base import KnowledgeBase

#: Skills with these statuses count as things the person can do; a rejected skill does not.
COUNTING_STATUSES = frozenset({"confirmed", "accepted"})
MAX_DOTS = 5
FILLED_DOT, EMPTY_DOT = "\u25cf", "\u25cb"
#: An optional skill weighs half an essential one; a skill the person almost has counts half.
OPTIONAL_WEIGHT = 0.5
ALMOST_CREDIT = 0.5
#: The first essential skill is the one that makes the work what it is (the catalogue lists the most typical
#: first): it weighs double, so a seamstress's job does not come near for someone who cannot sew only because
#: they know the packing and the quality checks around it.
CORE_WEIGHT = 2.0
#: A CompetentNL capability that more than this share of the sector skills refine (such as "Procedures volgen"
#: or "Zorgvuldig werken") says nothing about two skills being close; sharing it does not make a skill "bijna".
BROAD_CAPABILITY_SHARE = 0.10
#: ... and at least this many: in a small catalogue every capability would pass the share.
BROAD_CAPABILITY_MIN = 10


class SkillState(StrEnum):
    HAVE = "have"
    ALMOST = "almost"
    MISSING = "missing"


class SkillNeed(BaseModel):
    """One skill an occupation asks for, seen from the passport. `label` is a Dutch msgid: translate it with
    `_()` where it is shown."""

    model_config = ConfigDict(frozen=True)

    ref: str
    label: str
    essential: bool
    state: SkillState
    close_to: str | None = None
    """For "bijna": the label of the person's own skill that is close."""
    source: Literal["catalogue"] = "catalogue"
    """Where the link occupation -> skill came from."""


class Direction(BaseModel):
    model_config = ConfigDict(frozen=True)

    occupation_id: str
    label: str
    uri: str
    sector: str
    official_label: str | None = None
    needs: list[SkillNeed]
    licences: list[str]
    """Learning-option ids of the licences or certificates this work asks for."""
    score: float
    """How much of the occupation the person covers (0-1): an essential skill weighs double an optional one,
    the first essential skill (the core of the work) four times."""

    @property
    def dots(self) -> int:
        """Filled dots out of `MAX_DOTS`: the picture shown instead of a percentage. Never 0 for an
        occupation the person has something for, never 5 while something essential is missing."""
        dots = round(self.score * MAX_DOTS)
        if self.score > 0:
            dots = max(dots, 1)
        if any(n.essential and n.state is not SkillState.HAVE for n in self.needs):
            dots = min(dots, MAX_DOTS - 1)
        return dots

    @property
    def dots_picture(self) -> str:
        """The dots as text, filled first: ●●●○○. Show it with the same in words beside it or aloud."""
        return FILLED_DOT * self.dots + EMPTY_DOT * (MAX_DOTS - self.dots)

    def with_state(self, state: SkillState) -> list[SkillNeed]:
        return [n for n in self.needs if n.state is state]

    @property
    def have(self) -> list[SkillNeed]:
        return self.with_state(SkillState.HAVE)

    @property
    def almost(self) -> list[SkillNeed]:
        return self.with_state(SkillState.ALMOST)

    @property
    def missing(self) -> list[SkillNeed]:
        return self.with_state(SkillState.MISSING)


def skills_held(passport: Passport) -> set[str]:
    return {s.ref for s in passport.skills if s.status in COUNTING_STATUSES}


def direction_for(
    passport: Passport,
    catalogue: Catalogue,
    occupation_id: str,
    knowledge_base: KnowledgeBase | None = None,
) -> Direction:
    """The direction for one catalogue occupation, also when the person has none of its skills yet.

    Raises KeyError for an id the catalogue does not know.
    """
    return direction_towards(passport, catalogue, catalogue.occupations[occupation_id], knowledge_base)


def direction_towards(
    passport: Passport,
    catalogue: Catalogue,
    occupation: OccupationConcept,
    knowledge_base: KnowledgeBase | None = None,
) -> Direction:
    """The direction for `occupation`, which need not be in the catalogue (an employer's own list of
    skills, say); its skills must be."""
    held = skills_held(passport)
    return _direction(occupation, held, catalogue, knowledge_base, _own_skills(held, catalogue))


def directions(
    passport: Passport,
    catalogue: Catalogue,
    knowledge_base: KnowledgeBase | None = None,
    limit: int = 5,
) -> list[Direction]:
    """The `limit` occupations closest to the passport, among those the person has at least one skill for.

    Ranked by the dots shown, then by score, then by how many essential skills the person has, then by label
    and id, so the same passport always gives the same list.
    """
    held = skills_held(passport)
    if not held:
        return []
    own = _own_skills(held, catalogue)
    found = [
        _direction(occupation, held, catalogue, knowledge_base, own)
        for occupation in catalogue.occupations.values()
        if held.intersection(occupation.skills) or held.intersection(occupation.optional)
    ]
    found.sort(
        key=lambda d: (
            # The dots first, so the list never shows fewer dots above more.
            -d.dots,
            -d.score,
            -sum(1 for n in d.have if n.essential),
            d.label.casefold(),
            d.occupation_id,
        )
    )
    return found[: max(0, limit)]


def broad_capabilities(catalogue: Catalogue) -> frozenset[str]:
    """The CompetentNL capabilities too broad to make two skills close (see `BROAD_CAPABILITY_SHARE`)."""
    sector_skills = [s for s in catalogue.skills.values() if s.sector is not None]
    counts: dict[str, int] = {}
    for skill in sector_skills:
        for concept in skill.competentnl:
            counts[concept.uri] = counts.get(concept.uri, 0) + 1
    limit = max(BROAD_CAPABILITY_SHARE * len(sector_skills), BROAD_CAPABILITY_MIN)
    return frozenset(uri for uri, n in counts.items() if n > limit)


def _own_skills(held: set[str], catalogue: Catalogue) -> _Own:
    return _Own(
        skills=sorted((catalogue.skills[ref] for ref in held if ref in catalogue.skills), key=lambda s: s.id),
        broad=broad_capabilities(catalogue),
    )


class _Own(BaseModel):
    """The person's own catalogue skills, and the capabilities that do not count for closeness."""

    model_config = ConfigDict(frozen=True)

    skills: list[SkillConcept]
    broad: frozenset[str]


def _weight(need: SkillNeed, first: bool) -> float:
    if not need.essential:
        return OPTIONAL_WEIGHT
    return CORE_WEIGHT if first else 1.0


def _direction(
    occupation: OccupationConcept, held: set[str], catalogue: Catalogue, kb: KnowledgeBase | None, own: _Own
) -> Direction:
    needs: list[SkillNeed] = []
    seen: set[str] = set()
    for essential, refs in ((True, occupation.skills), (False, occupation.optional)):
        for ref in refs:
            # An occupation may list a skill twice by mistake; count each skill once, first mention wins.
            if ref in seen:
                continue
            seen.add(ref)
            needs.append(_need(catalogue.skills[ref], essential, held, own))
    weights = [_weight(n, i == 0) for i, n in enumerate(needs)]
    total = sum(weights)
    got = sum(
        w * (1.0 if n.state is SkillState.HAVE else ALMOST_CREDIT if n.state is SkillState.ALMOST else 0.0)
        for w, n in zip(weights, needs, strict=True)
    )
    return Direction(
        occupation_id=occupation.id,
        label=occupation.label,
        uri=occupation.uri,
        sector=occupation.sector,
        official_label=kb.pref_label(occupation.uri) if kb is not None else None,
        needs=needs,
        licences=list(occupation.licences),
        score=round(got / total, 4) if total else 0.0,
    )


def _need(skill: SkillConcept, essential: bool, held: set[str], own: _Own) -> SkillNeed:
    if skill.id in held:
        return SkillNeed(ref=skill.id, label=skill.label, essential=essential, state=SkillState.HAVE)
    close = _closest(skill, own)
    if close is not None:
        return SkillNeed(
            ref=skill.id,
            label=skill.label,
            essential=essential,
            state=SkillState.ALMOST,
            close_to=close.label,
        )
    return SkillNeed(ref=skill.id, label=skill.label, essential=essential, state=SkillState.MISSING)


def _closest(skill: SkillConcept, own: _Own) -> SkillConcept | None:
    """A skill the person has that is close to `skill`: the same CompetentNL capability (not a broad one) and,
    for a sector skill, the same sector. A capability the occupation asks for is close to any sector skill
    refining it."""
    wanted = {c.uri for c in skill.competentnl}
    if skill.sector is not None:
        # Asked for as a capability, any skill refining it is close; between two sector skills a broad
        # capability is no evidence.
        wanted -= own.broad
    for candidate in own.skills:
        if candidate.id == skill.id:
            continue
        shares = wanted.intersection(c.uri for c in candidate.competentnl)
        if not shares:
            continue
        if skill.sector is None or candidate.sector == skill.sector:
            return candidate
    return None
