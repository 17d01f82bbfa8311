"""Open Badges 3.0 for a diploma, certificate, licence or course the holder named: only as the holder's own
statement. The desk signs that the person said it at the desk, never that the person holds the paper.

So the achievement is named "Eigen verklaring: …", its type is the plain `Achievement` (a wallet must not
file it among real licences or diplomas), its tags say "eigen verklaring" and the kind, and the
credential's description says in words that nobody saw the paper. `ob3_export` wraps it in the signed
credential, like a skill.
"""

from __future__ import annotations

from typing import Any
from uuid import NAMESPACE_URL, uuid5

from assistant.i18n import N_
from assistant.passport.model import Credential

STATEMENT_NAME = N_("Eigen verklaring: {name}")
STATEMENT_DESCRIPTION = N_("Door de persoon zelf verklaard. Niemand van het loket zag het papier.")
STATEMENT_CRITERIA = N_("De persoon noemde dit in een gesprek bij het loket.")
STATEMENT_TAG = N_("eigen verklaring")
DETAILS = N_("Wat de persoon erover zei")
KIND_TAGS = {"diploma": "diploma", "certificate": "certificate", "licence": "license", "course": "course"}
YEAR = N_("Gehaald in {year}.")
ISSUER = N_("Gekregen van {issuer}.")
LEVEL = N_("Niveau: {level}.")
EXPIRES = N_("Geldig tot {date}.")
FOR_WORK = N_("Voor werk als {work}.")
RECOGNISED = {
    "yes": N_("Erkend in Nederland, zegt de persoon."),
    "partly": N_("Voor een deel erkend in Nederland, zegt de persoon."),
    "no": N_("Niet erkend in Nederland, zegt de persoon."),
    "unknown": N_("Niet bekend of het erkend is in Nederland."),
}


def statement_name(credential: Credential) -> str:
    return STATEMENT_NAME.format(name=credential.name)


def statement_subject(credential: Credential, subject_id: str, local: str) -> dict[str, Any]:
    """The `credentialSubject`: the person, and the statement as the achievement."""
    name = statement_name(credential)
    return {
        "id": subject_id,
        "type": ["AchievementSubject"],
        "achievement": {
            # The same statement gets the same id in every passport, as a skill does.
            "id": f"urn:uuid:{uuid5(NAMESPACE_URL, f'{local}:eigen-verklaring:{credential.kind}:{credential.name}')}",
            "type": ["Achievement"],
            "achievementType": "Achievement",
            "name": name,
            "description": STATEMENT_DESCRIPTION,
            "criteria": {"narrative": STATEMENT_CRITERIA},
            "tag": [STATEMENT_TAG, KIND_TAGS[credential.kind]],
            "inLanguage": "nl",
        },
    }


def statement_evidence(credential: Credential) -> list[dict[str, Any]]:
    """What the person said about it, in sentences; nothing the person did not say."""
    sentences = []
    if credential.for_work:
        sentences.append(FOR_WORK.format(work=credential.for_work))
    if credential.year:
        sentences.append(YEAR.format(year=credential.year))
    if credential.issuer:
        sentences.append(ISSUER.format(issuer=credential.issuer))
    if credential.level:
        sentences.append(LEVEL.format(level=credential.level))
    if credential.expires:
        sentences.append(EXPIRES.format(date=credential.expires.isoformat()))
    if credential.kind == "diploma":
        sentences.append(RECOGNISED[credential.recognised])
    if not sentences:
        return []
    return [{"type": ["Evidence"], "name": DETAILS, "narrative": " ".join(sentences)}]
