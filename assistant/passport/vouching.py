"""Who vouches for a skill, in one honest sentence: the same words in the PDF, the Open Badges credential and
`assistent verify`.

Read from the skill's provenance, never from its level alone: a level a coach set without anyone else's
confirmation says so, and a skill only the person confirmed says "door de persoon zelf verklaard". A
confirming party a coach wrote down (an employer, an assessor) is told as what the coach wrote down: that
party did not sign anything itself. An employer or assessor who signed with their own key
(`assistant.attestation`) is named with their organisation, and the sentence says they signed.
"""

from __future__ import annotations

from assistant.i18n import N_
from assistant.passport.model import Assessment, Skill

SELF = N_("Door de persoon zelf verklaard. Niemand anders heeft het nagekeken.")
COACH_CHECKED = N_("Door de persoon zelf verklaard. Coach {coach} heeft het nagekeken.")
COACH_ADDED = N_("Coach {coach} heeft dit toegevoegd. Niemand anders heeft het bevestigd.")
CONFIRMED = N_("Coach {coach} schreef op: {party} bevestigt dit.")
COACH_ALONE = N_("Coach {coach} koos dit niveau. Niemand anders heeft het bevestigd.")
OTHER = N_("{party} heeft het bevestigd.")
EMPLOYER_SIGNED = N_("{name} ({role}, {organisation}) heeft het bevestigd en zelf ondertekend.")
ASSESSOR_SIGNED = N_(
    "{name} ({organisation}) toetste dit met {standard}. Uitslag: {result}. Zelf ondertekend."
)


def vouching(skill: Skill) -> tuple[str, dict[str, str]]:
    """The msgid of the sentence that says who vouches for `skill`, and its values; the caller translates
    the msgid (or keeps it Dutch, as a credential does) and fills in the values."""
    standing = [a for a in skill.provenance if a.verdict != "rejected"]
    at_level = [a for a in standing if a.level == skill.level]
    confirmed = next((a for a in reversed(at_level) if a.confirmed_by), None)
    if confirmed is not None:
        return CONFIRMED, {"coach": _coach(confirmed), "party": confirmed.confirmed_by or ""}
    outside = next((a for a in reversed(at_level) if a.assessed_by in ("employer", "external")), None)
    if outside is not None and outside.signed_by and outside.assessed_by == "employer":
        return EMPLOYER_SIGNED, {
            "name": outside.assessor or "-",
            "role": outside.role or "-",
            "organisation": outside.organisation or "-",
        }
    if outside is not None and outside.signed_by:
        return ASSESSOR_SIGNED, {
            "name": outside.assessor or "-",
            "organisation": outside.organisation or "-",
            "standard": outside.standard_name or "-",
            "result": outside.result or "-",
        }
    if outside is not None:
        return OTHER, {"party": outside.assessor or outside.assessed_by}
    coach = [a for a in standing if a.assessed_by == "coach"]
    if skill.level != "skillsverklaring":
        # A higher level with nobody but a coach behind it (recorded before a raise needed a confirming
        # party): told as what it is.
        last = coach[-1] if coach else skill.provenance[-1]
        return COACH_ALONE, {"coach": _coach(last)}
    if skill.provenance[0].verdict == "added":
        return COACH_ADDED, {"coach": _coach(skill.provenance[0])}
    checked = [a for a in coach if a.verdict == "accepted"]
    if checked:
        return COACH_CHECKED, {"coach": _coach(checked[-1])}
    return SELF, {}


def vouching_text(skill: Skill) -> str:
    """The sentence in Dutch, as a credential carries it."""
    msgid, values = vouching(skill)
    return msgid.format(**values)


def _coach(assessment: Assessment) -> str:
    return assessment.assessor or "-"
