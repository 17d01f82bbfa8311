"""A return visit adds to the passport; it never replaces what was there.

What the follow-up interview built (new work, a course, a certificate, the skills confirmed for them) is
added to the passport as it is. A skill the person names again gets the new judgement in its provenance,
so it is current again. Skills nobody judged for a set number of years stay and are marked for the coach
to look at again (`recheck`), never deleted. The passport is a concept again until a coach sets it.
"""

from __future__ import annotations

from datetime import datetime

from assistant.passport.model import Passport, Skill
from assistant.passport.recheck import due_for_recheck

#: The follow-up's first question ("Wat is er veranderd sinds …?"): it chooses the way, it is not content.
SINCE_QUESTION = "veranderd"


def add_return_visit(
    passport: Passport, addition: Passport, now: datetime, recheck_years: int
) -> tuple[Passport, list[Skill]]:
    """The passport with the visit's additions, and the skills now due for the coach to look at again."""
    merged = passport.model_copy(deep=True)
    merged.experiences.extend(e for e in addition.experiences if e.question_id != SINCE_QUESTION)
    merged.education.extend(e for e in addition.education if e.question_id != SINCE_QUESTION)
    merged.ambitions.extend(addition.ambitions)
    merged.credentials.extend(addition.credentials)
    for new in addition.skills:
        known = next((s for s in merged.skills if s.ref == new.ref), None)
        if known is None:
            merged.skills.append(new)
        else:
            # Said again: the newer judgement joins the old ones, which stay.
            known.provenance.extend(new.provenance)
    merged.status, merged.reviewed_by, merged.reviewed_at = "draft", None, None
    merged.updated_at = now
    return merged, due_for_recheck(merged, recheck_years, now)
