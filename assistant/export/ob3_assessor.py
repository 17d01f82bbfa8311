"""The Open Badges 3.0 credential an outside assessor (an EVC provider, an exam, an MBO school) issues for one
skill at level skillsbewijs, signed with the assessor's own key when the result is recorded
(`assistant.outside_assessment`). The export passes it on unchanged (`ob3_issuers`).

Because it is signed once, for every later sharing, its subject id is fixed per passport (not per consent as
for desk credentials), it carries no name of the person and none of their own words: only the skill, the
standard the assessor used, the result and the date.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from typing import Any
from uuid import NAMESPACE_URL, uuid4, uuid5

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assistant.export.ob3_export import (
    CREDENTIAL_TYPES,
    LOCAL,
    OB_CONTEXT,
    VC_CONTEXT,
    achievement_subject,
    long_date,
)
from assistant.export.signing import add_proof, did_key
from assistant.i18n import N_
from assistant.passport.model import Skill
from assistant.passport.vouching import vouching_text

ASSESSED = N_("Toetsing")
ASSESSED_NARRATIVE = N_("Getoetst met {standard}. Uitslag: {result}. Datum: {date}.")


def assessor_subject_id(passport_id: str) -> str:
    return f"urn:uuid:{uuid5(NAMESPACE_URL, f'{LOCAL}:houder:{passport_id}:beoordeling')}"


def assessor_credential(
    key: Ed25519PrivateKey,
    *,
    passport_id: str,
    skill: Skill,
    name: str,
    organisation: str,
    standard: str,
    result: str,
    day: date,
    issued: datetime,
) -> dict[str, Any]:
    """The signed credential; `skill` already holds the assessor's judgement at level skillsbewijs."""
    credential = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"urn:uuid:{uuid4()}",
        "type": list(CREDENTIAL_TYPES),
        "name": skill.label,
        "description": vouching_text(skill),
        "issuer": {
            "id": did_key(key.public_key()),
            "type": ["Profile"],
            "name": name,
            "description": organisation,
        },
        "validFrom": issued.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "credentialSubject": achievement_subject(skill, assessor_subject_id(passport_id), None),
        "evidence": [
            {
                "type": ["Evidence"],
                "name": ASSESSED,
                "narrative": ASSESSED_NARRATIVE.format(standard=standard, result=result, date=long_date(day)),
            }
        ],
    }
    return add_proof(credential, key, created=issued, as_set=True)
