"""Open Badges 3.0 `EndorsementCredential`: what someone other than the issuer (an employer who confirmed a
skill) signs with their own key, and which travels inside the skill's credential as `endorsement`.

The endorsement is made and signed at the moment the employer confirms (`assistant.attestation`); the key is
made for that one confirmation and thrown away after, so nobody, not the desk either, can sign in the
employer's name later. What it endorses is the skill's credential for one sharing: the credential's id is
fixed by passport, consent and skill (`skill_credential_id`), so the export made later for that consent
carries exactly that id, and two receivers of different consents still cannot link their copies.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any
from uuid import NAMESPACE_URL, uuid4, uuid5

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assistant.export.signing import add_proof, did_key
from assistant.i18n import N_

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
LOCAL = "urn:assistent:lokaal"
ENDORSEMENT_TYPES = ["VerifiableCredential", "EndorsementCredential"]

ENDORSEMENT_NAME = N_("Bevestiging door de werkgever: {skill}")
ENDORSER_ROLE = N_("{role} bij {organisation}")
ENDORSEMENT_COMMENT = N_("{name} ({role}, {organisation}) bevestigt: deze persoon kan dit: {skill}.")
ENDORSEMENT_EVIDENCE = N_("Waaraan te zien: {evidence}")


def skill_credential_id(passport_id: str, consent_id: str, skill_ref: str) -> str:
    """The id of a skill's credential in the export for one consent: the same at every export for it."""
    return f"urn:uuid:{uuid5(NAMESPACE_URL, f'{LOCAL}:verklaring:{passport_id}:{consent_id}:{skill_ref}')}"


def organisation_id(organisation: str) -> str:
    # A name-based id, so the same organisation gets the same id without making up a web address.
    return f"urn:uuid:{uuid5(NAMESPACE_URL, f'{LOCAL}:organisatie:{organisation}')}"


def endorsement(
    key: Ed25519PrivateKey,
    *,
    endorsed_id: str,
    skill: str,
    name: str,
    organisation: str,
    role: str,
    evidence: str | None,
    issued: datetime,
) -> dict[str, Any]:
    """The signed EndorsementCredential (eddsa-rdfc-2022, proof as a list of one) of one confirmed skill."""
    comment = ENDORSEMENT_COMMENT.format(name=name, role=role, organisation=organisation, skill=skill)
    if evidence:
        comment = f"{comment} {ENDORSEMENT_EVIDENCE.format(evidence=evidence)}"
    credential = {
        "@context": [VC_CONTEXT, OB_CONTEXT],
        "id": f"urn:uuid:{uuid4()}",
        "type": list(ENDORSEMENT_TYPES),
        "name": ENDORSEMENT_NAME.format(skill=skill),
        "issuer": {
            "id": did_key(key.public_key()),
            "type": ["Profile"],
            "name": name,
            "description": ENDORSER_ROLE.format(role=role, organisation=organisation),
            "parentOrg": {"id": organisation_id(organisation), "type": ["Profile"], "name": organisation},
        },
        "validFrom": issued.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "credentialSubject": {
            "id": endorsed_id,
            "type": ["EndorsementSubject"],
            "endorsementComment": comment,
        },
    }
    return add_proof(credential, key, created=issued, as_set=True)
