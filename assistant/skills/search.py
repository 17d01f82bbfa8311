"""Finding a skill in the catalogue by what a coach types: the matcher first, then spelling-tolerant labels."""

from __future__ import annotations

from rapidfuzz import fuzz, process

from assistant.skills.assembly import Matcher
from assistant.skills.catalogue import SkillConcept


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
