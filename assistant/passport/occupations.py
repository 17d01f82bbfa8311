"""Occupations that fit a passport ("Beroepen die bij u passen"): which catalogue occupations share skills
with what the person confirmed, which of their skills match and which are still missing.

The imported taxonomy (CompetentNL and ESCO extracts) holds occupations and skills but no links between
them: the CompetentNL extract lacks the occupation->skill links. So the links come from the sector
catalogue, where each occupation lists its sector skills and cites its UWV occupation URI. The knowledge
base, when there is one, only adds the official name of that UWV occupation.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict

from assistant.passport.model import Passport
from assistant.skills.catalogue import Catalogue, OccupationConcept

if TYPE_CHECKING:  # the knowledge base pulls in the ranking index; only its type is needed here
    from assistant.taxonomy.knowledge_base import KnowledgeBase

#: Skills with these statuses count as things the person can do; a rejected skill does not.
COUNTING_STATUSES = frozenset({"confirmed", "accepted"})


class OccupationFit(BaseModel):
    """One occupation and how well the person's skills cover it. Labels are Dutch msgids: translate them
    with `_()` where they are shown."""

    model_config = ConfigDict(frozen=True)

    id: str
    """Catalogue id, such as "bouw.metselaar"."""
    label: str
    """The plain name from the catalogue."""
    uri: str
    """The UWV occupation URI, or the catalogue's clearly local `urn:assistent:lokaal:beroep:` id."""
    official_label: str | None = None
    """The name of `uri` in the imported taxonomy, when a knowledge base was given and knows it."""
    matching: list[str]
    """Labels of the occupation's skills the person has, in the catalogue's order."""
    missing: list[str]
    """Labels of the occupation's skills the person does not have yet, in the catalogue's order."""
    score: float
    """Share of the occupation's skills the person has (0-1)."""


def occupations_that_fit(
    passport: Passport,
    catalogue: Catalogue,
    knowledge_base: KnowledgeBase | None = None,
    limit: int = 5,
) -> list[OccupationFit]:
    """The best `limit` occupations sharing at least one counted skill with the passport.

    Ranked by the share of the occupation's skills the person has, then by how many, then by label and id,
    so the same passport always gives the same list.
    """
    have = {s.ref for s in passport.skills if s.status in COUNTING_STATUSES}
    fits = [
        _fit(occupation, have, catalogue, knowledge_base)
        for occupation in catalogue.occupations.values()
        if have.intersection(occupation.skills)
    ]
    fits.sort(key=lambda f: (-f.score, -len(f.matching), f.label.casefold(), f.id))
    return fits[: max(0, limit)]


def _fit(
    occupation: OccupationConcept, have: set[str], catalogue: Catalogue, kb: KnowledgeBase | None
) -> OccupationFit:
    # An occupation may list a skill twice by mistake; count each skill once.
    needed = list(dict.fromkeys(occupation.skills))
    matching = [catalogue.skills[ref].label for ref in needed if ref in have]
    missing = [catalogue.skills[ref].label for ref in needed if ref not in have]
    official = kb.pref_label(occupation.uri) if kb is not None else None
    return OccupationFit(
        id=occupation.id,
        label=occupation.label,
        uri=occupation.uri,
        official_label=official,
        matching=matching,
        missing=missing,
        score=round(len(matching) / len(needed), 4),
    )
