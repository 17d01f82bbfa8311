"""Who issues a skill's Open Badges credential, and which endorsements travel with it.

- a skill only the person confirmed (or a coach judged without a key of their own, before coaches had keys)
  is issued by the desk, and says "door de persoon zelf verklaard" or what the coach did (`vouching`);
- a skill a coach accepted, added or raised with a judgement signed by the coach's own key is issued by that
  coach: the credential is signed with the coach's current key (issuer = the coach's did:key). A revoked or
  expired key signs nothing: the whole export is refused (E616, E617), never quietly signed by the desk;
- a skill an outside assessor tested (skillsbewijs) goes out as the credential the assessor issued and
  signed with their own key when they recorded the result (`ob3_assessor`), unchanged;
- an employer who confirmed the skill signed an `EndorsementCredential` then (`ob3_endorsement`); it travels
  in the credential's `endorsement` when it endorses exactly this credential (the export for the consent
  the employer was asked under).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assistant.errors import AssistantError
from assistant.i18n import N_
from assistant.passport.model import Assessment, Skill

#: The signing key of coach `name` now: (did, key); raises E616 (revoked, none) or E617 (expired).
CoachKey = Callable[[str], tuple[str, Ed25519PrivateKey]]

COACH_ISSUER = N_("Coach bij {desk}")


@dataclass(frozen=True)
class Issuer:
    profile: dict[str, Any]
    key: Ed25519PrivateKey


def skill_issuer(skill: Skill, desk: Issuer, coach_key: CoachKey | None, desk_name: str) -> Issuer:
    """The coach whose signed judgement stands on `skill`, with their current key; else the desk."""
    judgement = signed_coach_judgement(skill)
    if judgement is None:
        return desk
    name = judgement.assessor or ""
    if coach_key is None:
        raise AssistantError("E616", name=name)
    did, key = coach_key(name)
    profile = {
        "id": did,
        "type": ["Profile"],
        "name": name,
        "description": COACH_ISSUER.format(desk=desk_name),
    }
    return Issuer(profile, key)


def signed_coach_judgement(skill: Skill) -> Assessment | None:
    """The last judgement a coach signed with their own key, unless the skill was rejected."""
    standing = [a for a in skill.provenance if a.verdict != "rejected"]
    signed = [a for a in standing if a.assessed_by == "coach" and a.signed_by]
    return signed[-1] if signed else None


def endorsements(skill: Skill, credential_id: str) -> list[dict[str, Any]]:
    """The endorsements of `skill` that endorse exactly the credential `credential_id`."""
    out = []
    for judgement in skill.provenance:
        document = judgement.endorsement
        if judgement.verdict == "rejected" or not document:
            continue
        subject = document.get("credentialSubject")
        if isinstance(subject, dict) and subject.get("id") == credential_id:
            out.append(document)
    return out


def assessor_credential(skill: Skill) -> dict[str, Any] | None:
    """The credential an outside assessor issued for the skill's standing level, if there is one."""
    for judgement in reversed(skill.provenance):
        if judgement.verdict == "rejected":
            continue
        if judgement.assessed_by == "external" and judgement.credential and judgement.level == skill.level:
            return judgement.credential
    return None
