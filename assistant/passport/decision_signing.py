"""What a coach's signature on a review decision covers: the passport, the skill and the whole judgement
(who, verdict, level, standard, purpose, date, evidence, confirming party, the signer's did), as canonical
JSON (RFC 8785), so any change to one of them breaks the signature. Making and checking the signature with
a key is `assistant.coach_keys`; this module only says which bytes are signed."""

from __future__ import annotations

import rfc8785

from assistant.passport.model import Assessment


def decision_bytes(passport_id: str, skill_ref: str, assessment: Assessment) -> bytes:
    body = assessment.model_dump(mode="json", exclude={"signature"})
    return rfc8785.dumps({"passport": passport_id, "skill": skill_ref, "assessment": body})
