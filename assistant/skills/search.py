"""Finding a skill in the catalogue by what a coach types: the matcher first, then spelling-tolerant labels."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from assistant.skills.assembly import Matcher
from assistant.skills.catalogue import OccupationConcept, SkillConcept


def search_skills(matcher: Matcher, query: str, limit: int = 8) -> list[SkillConcept]:
    query = query.strip()
    if not query:
        return []
    catalogue = matcher.catalogue
    found: dict[str, SkillConcept] = {m.skill.id: m.skill for m in matcher.match(query).skills}
    labels = {skill_id: skill.label for skill_id, skill in catalogue.skills.items()}
    for _label, _score, skill_id in process.extract(
        query, labels, scorer=fuzz.WRatio, score_cutoff=70, limit=limit
    ):
        found.setdefault(skill_id, catalogue.skills[skill_id])
    return list(found.values())[:limit]


FUZZY_CUTOFF = 80
NEAR_EXACT_CUTOFF = 95
MIN_HEAD_LENGTH = 5


def search_occupations(matcher: Matcher, query: str, limit: int = 5) -> list[OccupationConcept]:
    """Catalogue occupations for a name someone types ("heftruckchauffer", "schoonmaker"): what the interview's
    matcher recognises first, then spelling-tolerant names and words of each occupation."""
    query = query.strip()
    if not query:
        return []
    catalogue = matcher.catalogue
    recognised = matcher.match(query).occupations
    found: dict[str, OccupationConcept] = {m.occupation.id: m.occupation for m in recognised if m.occupation}
    names = {
        (occupation_id, name): name
        for occupation_id, occupation in catalogue.occupations.items()
        for name in (occupation.label.casefold(), *occupation.terms)
    }
    # A name the taxonomy knows as another job ("kapper") is no slip of a catalogue word that looks like it
    # ("tapper"): then only a near-exact spelling counts.
    cutoff = FUZZY_CUTOFF if found or not recognised else NEAR_EXACT_CUTOFF
    for _name, _score, (occupation_id, _) in process.extract(
        query.casefold(), names, scorer=fuzz.ratio, score_cutoff=cutoff, limit=limit * 4
    ):
        found.setdefault(occupation_id, catalogue.occupations[occupation_id])
    # A Dutch compound names a kind of what it ends in: "cv-monteur" and "onderhoudsmonteur" are fitters.
    typed = query.casefold()
    if len(typed) >= MIN_HEAD_LENGTH:
        for occupation_id, name in names:
            if name.endswith(typed) and name != typed:
                found.setdefault(occupation_id, catalogue.occupations[occupation_id])
    return list(found.values())[:limit]
