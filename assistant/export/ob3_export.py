"""Open Badges 3.0 credentials: one signed `OpenBadgeCredential` per confirmed or accepted skill.

This module owns the mapping from a passport skill to the Open Badges 3.0 data model (1EdTech, on the W3C
Verifiable Credentials Data Model 2.0). Signing is in `signing.py`; reading and checking an exported file
is in `ob3_verify.py`.
What goes in comes from `consent.shared_copy()`, so only parts the holder agreed to share leave the desk.

Where each piece of a skill's provenance goes, and why:

- the skill itself is the `achievement`; it is aligned (`alignment`) to each CompetentNL concept of the
  skill. A sector skill is also aligned to its own catalogue id, with a `urn:assistent:lokaal:` address:
  we never make up an address that looks official.
- the SkillsAPK level is a `result` whose `achievedLevel` points to one of three `RubricCriterionLevel`s
  in the achievement's `resultDescription`: the spec's own way to state a level on a fixed scale.
  The achieved level's description, and the credential's own `description` (what a wallet shows), say
  who actually vouches (`passport.vouching`): "door de persoon zelf verklaard" when only the person did,
  and a coach who set a level is named as the one who wrote the confirming party down.
- the coach (or employer or outside assessor) who last judged the skill is `credentialSubject.source`:
  "the person, organization, or system that assessed the achievement on behalf of the issuer".
- every judgement (who, when, what they decided, which level, for what purpose) is one `evidence` entry,
  and so are the person's own words when the holder shared them ("experiences").
- the issuer is who really vouches (`ob3_issuers`): the desk for what the person said, the coach (with the
  coach's own key) for a skill a coach judged with a signature; an employer who confirmed the skill with a
  key of their own is an `endorsement` (a separate credential the employer signed, never the desk).

Texts in the credential are in Dutch (`inLanguage` "nl"); the receiver's software can show them as they
are. They are msgids like every Dutch text, so the plain-language check reads them too.
"""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from typing import Any
from uuid import NAMESPACE_URL, uuid4, uuid5

from babel.dates import format_date
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assistant.errors import AssistantError
from assistant.export.ob3_endorsement import skill_credential_id
from assistant.export.ob3_issuers import CoachKey, Issuer, assessor_credential, endorsements, skill_issuer
from assistant.export.ob3_statements import (
    STATEMENT_DESCRIPTION,
    statement_evidence,
    statement_name,
    statement_subject,
)
from assistant.export.renderer import Renderer
from assistant.export.signing import add_proof, did_key
from assistant.i18n import N_
from assistant.interview.records import Verdict
from assistant.passport.consent import Consent, shared_copy
from assistant.passport.model import Assessment, Level, Passport, Skill
from assistant.passport.vouching import vouching_text

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CREDENTIAL_TYPES = ["VerifiableCredential", "OpenBadgeCredential"]
LANGUAGE = "nl"
LOCAL = "urn:assistent:lokaal"

LEVELS: tuple[Level, ...] = ("skillsverklaring", "skillscertificaat", "skillsbewijs")
LEVEL_SCALE_ID = f"{LOCAL}:skillsapk:niveau"
LEVEL_SCALE_NAME = N_("Niveau volgens SkillsAPK")
LEVEL_NAMES: dict[str, str] = {
    "skillsverklaring": N_("Skillsverklaring"),
    "skillscertificaat": N_("Skillscertificaat"),
    "skillsbewijs": N_("Skillsbewijs"),
}
#: What each level asks for, not who vouched: that is the achieved level's own text (`vouching`).
LEVEL_DESCRIPTIONS: dict[str, str] = {
    "skillsverklaring": N_("Voor dit niveau zegt de persoon het zelf."),
    "skillscertificaat": N_("Voor dit niveau bevestigt een werkgever of een ander het."),
    "skillsbewijs": N_("Voor dit niveau toetst iemand van buiten het."),
}
ACHIEVEMENT_DESCRIPTION = N_("Een vaardigheid uit het skillspaspoort: {skill}.")
CRITERIA = N_(
    "De persoon vertelde in een gesprek wat hij of zij kan. "
    "De persoon zei zelf dat dit klopt. Daarna kan een coach het nakijken."
)
COMPETENTNL_NOTE = N_("Bron: {version}.")
LOCAL_NOTE = N_("Eigen lijst van het loket. Dit is geen officiële term.")
OWN_WORDS = N_("In eigen woorden")
SELF_JUDGEMENT = N_("Wat de persoon zelf zegt")
JUDGEMENT = N_("Oordeel van {who}")
JUDGED_ON = N_("Datum: {date}.")
LEVEL_SENTENCE = N_("Niveau: {level}.")
PURPOSE_SENTENCE = N_("Doel: {purpose}")
CONFIRMED_BY_SENTENCE = N_("Bevestigd door: {party}, volgens de coach.")
VERDICTS: dict[str, str] = {
    Verdict.YES: N_("{who} zegt: dit klopt."),
    Verdict.A_LITTLE: N_("{who} zegt: dit klopt een beetje."),
    "accepted": N_("{who} vindt dat dit klopt."),
    "added": N_("{who} heeft dit toegevoegd."),
    "edited": N_("{who} heeft dit aangepast."),
    "rejected": N_("{who} vond dat dit niet klopt."),
}
#: Who judged, when no name was written down: first at the start of a sentence, then inside one.
WHO_FIRST: dict[str, str] = {
    "self": N_("De persoon"),
    "coach": N_("De coach"),
    "employer": N_("De werkgever"),
    "external": N_("Iemand van buiten"),
}
WHO_INSIDE: dict[str, str] = {
    "self": N_("de persoon"),
    "coach": N_("de coach"),
    "employer": N_("de werkgever"),
    "external": N_("iemand van buiten"),
}
_CATALOGUE_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")


# --- making credentials ----------------------------------------------------------------------------------


def passport_credentials(
    passport: Passport,
    consent: Consent,
    key: Ed25519PrivateKey,
    issuer_name: str,
    issued: datetime | None = None,
    coach_key: CoachKey | None = None,
) -> list[dict[str, Any]]:
    """One signed OpenBadgeCredential per confirmed or accepted skill, from the consented part only, and one
    per diploma or licence the holder named (as their own statement; see `ob3_statements`).

    Raises E501/E502/E503 (through `shared_copy`) for a consent that does not fit or no longer holds, and
    E505 when the holder did not agree to share skills. Valid until the last day of the consent.
    A skill a coach signed for is issued by that coach, with `coach_key`; E616/E617 when it cannot sign.
    """
    shared = shared_copy(passport, consent)
    if "skills" not in consent.parts:
        raise AssistantError("E505")
    issued = (issued or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    if not issuer_name.strip():
        raise ValueError("the issuing desk needs a name")
    desk = did_key(key.public_key())
    desk_issuer = Issuer({"id": desk, "type": ["Profile"], "name": issuer_name.strip()}, key)
    # consent.require_valid() compares with the UTC date, so the consent ends at the end of that UTC day.
    valid_until = f"{consent.until.isoformat()}T23:59:59Z"
    subject_id = _subject_id(shared, consent)
    credentials = []
    for skill in shared.skills:
        if skill.status not in ("confirmed", "accepted"):
            continue
        outside = assessor_credential(skill)
        if outside is not None:
            # An outside assessor issued and signed this one themselves (`ob3_assessor`): it goes as it is.
            credentials.append(outside)
            continue
        issuer = skill_issuer(skill, desk_issuer, coach_key, issuer_name.strip())
        # Fixed per passport, consent and skill: an employer's endorsement names this id (`ob3_endorsement`).
        credential_id = skill_credential_id(passport.id, consent.id, skill.ref)
        credential: dict[str, Any] = {
            "@context": [VC_CONTEXT, OB_CONTEXT],
            "id": credential_id,
            "type": list(CREDENTIAL_TYPES),
            "name": skill.label,
            # What a wallet shows under the name: who vouches for this skill, in plain words.
            "description": vouching_text(skill),
            "issuer": issuer.profile,
            "validFrom": _timestamp(issued),
            "validUntil": valid_until,
            "credentialSubject": _subject(skill, subject_id, shared.person.nickname),
        }
        evidence = _evidence(skill)
        if evidence:
            credential["evidence"] = evidence
        endorsed = endorsements(skill, credential_id)
        if endorsed:
            credential["endorsement"] = endorsed
        credentials.append(add_proof(credential, issuer.key, created=issued, as_set=True))
    # Diplomas and licences travel with "experiences" (see shared_copy), and only as the holder's statement.
    for thing in shared.credentials:
        statement: dict[str, Any] = {
            "@context": [VC_CONTEXT, OB_CONTEXT],
            "id": f"urn:uuid:{uuid4()}",
            "type": list(CREDENTIAL_TYPES),
            "name": statement_name(thing),
            "description": STATEMENT_DESCRIPTION,
            "issuer": {"id": desk, "type": ["Profile"], "name": issuer_name.strip()},
            "validFrom": _timestamp(issued),
            "validUntil": valid_until,
            "credentialSubject": statement_subject(thing, subject_id, LOCAL),
        }
        details = statement_evidence(thing)
        if details:
            statement["evidence"] = details
        credentials.append(add_proof(statement, key, created=issued, as_set=True))
    return credentials


def ob3_json(credentials: list[dict[str, Any]], one_file: bool = False) -> str:
    """The file a receiver gets: a JSON array of credentials; with `one_file`, one unsigned W3C
    VerifiablePresentation holding them all in `verifiableCredential`, the shape wallets import. Indenting
    does not touch the signatures, which are over the canonical form."""
    if one_file:
        presentation = {
            "@context": [VC_CONTEXT],
            "id": f"urn:uuid:{uuid4()}",
            "type": ["VerifiablePresentation"],
            "verifiableCredential": credentials,
        }
        return json.dumps(presentation, indent=2, ensure_ascii=False) + "\n"
    return json.dumps(credentials, indent=2, ensure_ascii=False) + "\n"


def ob3_renderer(
    key: Ed25519PrivateKey, issuer_name: str, coach_key: CoachKey | None = None, one_file: bool = False
) -> Renderer:
    """A `sharing.Renderer` for `--format ob3`."""

    def render(passport: Passport, consent: Consent) -> bytes:
        made = passport_credentials(passport, consent, key, issuer_name, coach_key=coach_key)
        return ob3_json(made, one_file).encode("utf-8")

    return render


def _subject_id(passport: Passport, consent: Consent) -> str:
    # The person has no DID. A name-based UUID per passport and consent: the same within one sharing, but
    # two receivers cannot link their copies by it, and it says nothing about the person.
    return f"urn:uuid:{uuid5(NAMESPACE_URL, f'{LOCAL}:houder:{passport.id}:{consent.id}')}"


def _subject(skill: Skill, subject_id: str, nickname: str | None) -> dict[str, Any]:
    subject: dict[str, Any] = {
        "id": subject_id,
        "type": ["AchievementSubject"],
        "achievement": _achievement(skill),
        "result": [
            {
                "type": ["Result"],
                "resultDescription": LEVEL_SCALE_ID,
                "achievedLevel": _level_id(skill.level),
            }
        ],
    }
    if nickname:
        # The nickname travels with every consent (see shared_copy); as typed, not hashed, like the passport.
        # "name" is not in the spec's identifier list, so it is an extension value.
        subject["identifier"] = [
            {"type": "IdentityObject", "hashed": False, "identityHash": nickname, "identityType": "ext:name"}
        ]
    assessor = _last_outside_assessment(skill)
    if assessor is not None:
        subject["source"] = _assessor_profile(assessor)
    return subject


def achievement_subject(skill: Skill, subject_id: str, nickname: str | None) -> dict[str, Any]:
    """The `credentialSubject` of a skill's credential: for an issuer other than the desk too."""
    return _subject(skill, subject_id, nickname)


def _achievement(skill: Skill) -> dict[str, Any]:
    return {
        "id": _achievement_id(skill.ref),
        "type": ["Achievement"],
        "achievementType": "Competency",
        "name": skill.label,
        "description": ACHIEVEMENT_DESCRIPTION.format(skill=skill.label),
        "criteria": {"narrative": CRITERIA},
        "alignment": _alignments(skill),
        "inLanguage": LANGUAGE,
        "resultDescription": [_level_scale(skill)],
    }


def _achievement_id(ref: str) -> str:
    # The same skill gets the same achievement id in every passport, so receivers can group them.
    if _CATALOGUE_ID.fullmatch(ref):
        return f"{LOCAL}:vaardigheid:{ref}"
    return f"urn:uuid:{uuid5(NAMESPACE_URL, ref)}"


def _alignments(skill: Skill) -> list[dict[str, Any]]:
    out = [
        {
            "type": ["Alignment"],
            "targetName": standard.label or skill.label,
            "targetUrl": standard.uri,
            "targetCode": standard.uri.rstrip("/").rsplit("/", 1)[-1],
            "targetFramework": "CompetentNL",
            "targetDescription": COMPETENTNL_NOTE.format(version=standard.version),
        }
        for standard in skill.competentnl
        if standard.uri
    ]
    if skill.source.startswith("sector:") or not out:
        out.append(
            {
                "type": ["Alignment"],
                "targetName": skill.label,
                "targetUrl": f"{LOCAL}:catalogus:{skill.ref}",
                "targetCode": skill.ref,
                "targetFramework": skill.source,
                "targetDescription": LOCAL_NOTE,
            }
        )
    return out


def _level_id(level: str) -> str:
    return f"{LOCAL}:skillsapk:{level}"


def _level_scale(skill: Skill) -> dict[str, Any]:
    """The three levels; the one the skill has says who vouches for it, the others what they ask for."""
    return {
        "id": LEVEL_SCALE_ID,
        "type": ["ResultDescription"],
        "name": LEVEL_SCALE_NAME,
        "resultType": "RubricCriterionLevel",
        "rubricCriterionLevel": [
            {
                "id": _level_id(level),
                "type": ["RubricCriterionLevel"],
                "name": LEVEL_NAMES[level],
                "description": vouching_text(skill) if level == skill.level else LEVEL_DESCRIPTIONS[level],
                "level": str(number),
            }
            for number, level in enumerate(LEVELS, start=1)
        ],
    }


def _last_outside_assessment(skill: Skill) -> Assessment | None:
    outside = [a for a in skill.provenance if a.assessed_by != "self" and a.verdict != "rejected"]
    return outside[-1] if outside else None


def _who(assessment: Assessment, first: bool = False) -> str:
    return assessment.assessor or (WHO_FIRST if first else WHO_INSIDE)[assessment.assessed_by]


def _assessor_profile(assessment: Assessment) -> dict[str, Any]:
    who = _who(assessment, first=True)
    # A Profile needs an id; a name-based UUID gives the same coach the same id without making up a URL.
    return {
        "id": f"urn:uuid:{uuid5(NAMESPACE_URL, f'{LOCAL}:beoordelaar:{assessment.assessed_by}:{who}')}",
        "type": ["Profile"],
        "name": who,
    }


def _evidence(skill: Skill) -> list[dict[str, Any]]:
    """The person's own words (each text once), then one entry per judgement, oldest first."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for assessment in skill.provenance:
        if assessment.assessed_by != "self":
            continue
        for item in assessment.evidence:
            if item.text and item.text not in seen:
                seen.add(item.text)
                entry = {"type": ["Evidence"], "name": OWN_WORDS, "narrative": item.text}
                if item.answer_text and item.answer_text != item.text:
                    entry["description"] = item.answer_text
                out.append(entry)
    for assessment in skill.provenance:
        sentences = [
            VERDICTS[assessment.verdict].format(who=_who(assessment, first=True)),
            JUDGED_ON.format(date=long_date(assessment.date.date())),
            LEVEL_SENTENCE.format(level=LEVEL_NAMES[assessment.level]),
            PURPOSE_SENTENCE.format(purpose=assessment.purpose),
        ]
        if assessment.confirmed_by:
            sentences.append(CONFIRMED_BY_SENTENCE.format(party=assessment.confirmed_by))
        # Words an assessor wrote down (a coach who added a skill) are theirs, not the person's, so they
        # stay with the judgement. They are cut with the person's words when "experiences" is not shared.
        sentences += [e.text for e in assessment.evidence if e.text and e.text not in seen]
        name = SELF_JUDGEMENT if assessment.assessed_by == "self" else JUDGEMENT.format(who=_who(assessment))
        out.append({"type": ["Evidence"], "name": name, "narrative": " ".join(sentences)})
    return out


def long_date(day: date) -> str:
    """A date as the receiver reads it in the credential's own language: "4 maart 2026"."""
    return format_date(day, format="long", locale=LANGUAGE)


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")
