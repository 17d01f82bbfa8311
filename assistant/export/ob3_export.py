"""Open Badges 3.0 credentials: one signed `OpenBadgeCredential` per confirmed or accepted skill, and the
check that tells a receiver whether such a credential is still as the desk signed it.

This module owns the mapping from a passport skill to the Open Badges 3.0 data model (1EdTech, on the W3C
Verifiable Credentials Data Model 2.0) and the reading of exported files. Signing is in `signing.py`.
What goes in comes from `consent.shared_copy()`, so only parts the holder agreed to share leave the desk.

Where each piece of a skill's provenance goes, and why:

- the skill itself is the `achievement`; it is aligned (`alignment`) to each CompetentNL concept of the
  skill. A sector skill is also aligned to its own catalogue id, with a `urn:assistent:lokaal:` address:
  we never make up an address that looks official.
- the SkillsAPK level is a `result` whose `achievedLevel` points to one of three `RubricCriterionLevel`s
  in the achievement's `resultDescription`: the spec's own way to state a level on a fixed scale.
- the coach (or employer or outside assessor) who last judged the skill is `credentialSubject.source`:
  "the person, organization, or system that assessed the achievement on behalf of the issuer".
- every judgement (who, when, what they decided, which level, for what purpose) is one `evidence` entry,
  and so are the person's own words when the holder shared them ("experiences").
- we do not use `endorsement`: in Open Badges 3.0 that is a separate credential signed by the endorser
  with their own key. A coach has no key of their own, and a desk-signed "endorsement" would claim that
  the coach vouched with a signature they never made.

Texts in the credential are in Dutch (`inLanguage` "nl"); the receiver's software can show them as they
are. They are msgids like every Dutch text, so the plain-language check reads them too.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import NAMESPACE_URL, uuid4, uuid5

from babel.dates import format_date
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assistant.errors import AssistantError
from assistant.export.signing import add_proof, did_key, signer_did, verify_proof
from assistant.i18n import N_, _
from assistant.passport.consent import Consent, shared_copy
from assistant.passport.model import Assessment, Level, Passport, Skill

VC_CONTEXT = "https://www.w3.org/ns/credentials/v2"
OB_CONTEXT = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
CREDENTIAL_TYPES = ["VerifiableCredential", "OpenBadgeCredential"]
LANGUAGE = "nl"
LOCAL = "urn:assistent:lokaal"
#: A file bigger than this is not an export of ours; reading it whole would only hang the desk.
MAX_FILE_BYTES = 5 * 1024 * 1024
#: Clocks of two desks differ a little; a credential from a few minutes "in the future" is still fine.
CLOCK_SKEW = timedelta(minutes=5)

LEVELS: tuple[Level, ...] = ("skillsverklaring", "skillscertificaat", "skillsbewijs")
LEVEL_SCALE_ID = f"{LOCAL}:skillsapk:niveau"
LEVEL_SCALE_NAME = N_("Niveau volgens SkillsAPK")
LEVEL_NAMES: dict[str, str] = {
    "skillsverklaring": N_("Skillsverklaring"),
    "skillscertificaat": N_("Skillscertificaat"),
    "skillsbewijs": N_("Skillsbewijs"),
}
LEVEL_DESCRIPTIONS: dict[str, str] = {
    "skillsverklaring": N_("De persoon zegt het zelf, met hulp van het loket."),
    "skillscertificaat": N_("De werkgever heeft het bevestigd."),
    "skillsbewijs": N_("Iemand van buiten heeft het getoetst."),
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
VERDICTS: dict[str, str] = {
    "ja": N_("{who} zegt: dit klopt."),
    "beetje": N_("{who} zegt: dit klopt een beetje."),
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
VERIFIED_LINE = N_("Verklaring {number}: echt, ondertekend door {issuer} op {date}.")
KEY_LINE = N_("Sleutel van de uitgever: {key}")
NUMBERED = N_("Verklaring {number}:")

_CATALOGUE_ID = re.compile(r"[a-z0-9][a-z0-9._-]*")


class CredentialError(AssistantError):
    """A credential that does not hold up; `number` is its place in the file (from 1) when read from one."""

    def __init__(self, code: str, number: int | None = None, **params: Any) -> None:
        super().__init__(code, **params)
        self.number = number

    def user_message(self) -> str:
        message = super().user_message()
        if self.number is None:
            return message
        return f"{_(NUMBERED).format(number=self.number)} {message}"


# --- making credentials ----------------------------------------------------------------------------------


def passport_credentials(
    passport: Passport,
    consent: Consent,
    key: Ed25519PrivateKey,
    issuer_name: str,
    issued: datetime | None = None,
) -> list[dict[str, Any]]:
    """One signed OpenBadgeCredential per confirmed or accepted skill, from the consented part only.

    Raises E501/E502/E503 (through `shared_copy`) for a consent that does not fit or no longer holds, and
    E505 when the holder did not agree to share skills. Valid until the last day of the consent.
    """
    shared = shared_copy(passport, consent)
    if "skills" not in consent.parts:
        raise AssistantError("E505")
    issued = (issued or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    if not issuer_name.strip():
        raise ValueError("the issuing desk needs a name")
    desk = did_key(key.public_key())
    # consent.require_valid() compares with the UTC date, so the consent ends at the end of that UTC day.
    valid_until = f"{consent.until.isoformat()}T23:59:59Z"
    subject_id = _subject_id(shared, consent)
    credentials = []
    for skill in shared.skills:
        if skill.status not in ("confirmed", "accepted"):
            continue
        credential: dict[str, Any] = {
            "@context": [VC_CONTEXT, OB_CONTEXT],
            "id": f"urn:uuid:{uuid4()}",
            "type": list(CREDENTIAL_TYPES),
            "name": skill.label,
            "issuer": {"id": desk, "type": ["Profile"], "name": issuer_name.strip()},
            "validFrom": _timestamp(issued),
            "validUntil": valid_until,
            "credentialSubject": _subject(skill, subject_id, shared.person.nickname),
        }
        evidence = _evidence(skill)
        if evidence:
            credential["evidence"] = evidence
        credentials.append(add_proof(credential, key, created=issued))
    return credentials


def ob3_json(credentials: list[dict[str, Any]]) -> str:
    """The file a receiver gets: a JSON array of credentials. Indenting does not touch the signature,
    which is over the canonical (JCS) form."""
    return json.dumps(credentials, indent=2, ensure_ascii=False) + "\n"


def ob3_renderer(key: Ed25519PrivateKey, issuer_name: str) -> Callable[[Passport, Consent], bytes]:
    """A `sharing.Renderer` for `--format ob3`."""

    def render(passport: Passport, consent: Consent) -> bytes:
        return ob3_json(passport_credentials(passport, consent, key, issuer_name)).encode("utf-8")

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
        "resultDescription": [_level_scale()],
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


def _level_scale() -> dict[str, Any]:
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
                "description": LEVEL_DESCRIPTIONS[level],
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
            JUDGED_ON.format(date=_day(assessment.date.date())),
            LEVEL_SENTENCE.format(level=LEVEL_NAMES[assessment.level]),
            PURPOSE_SENTENCE.format(purpose=assessment.purpose),
        ]
        # Words an assessor wrote down (a coach who added a skill) are theirs, not the person's, so they
        # stay with the judgement. They are cut with the person's words when "experiences" is not shared.
        sentences += [e.text for e in assessment.evidence if e.text and e.text not in seen]
        name = SELF_JUDGEMENT if assessment.assessed_by == "self" else JUDGEMENT.format(who=_who(assessment))
        out.append({"type": ["Evidence"], "name": name, "narrative": " ".join(sentences)})
    return out


def _day(day: date) -> str:
    return format_date(day, format="long", locale=LANGUAGE)


def _timestamp(moment: datetime) -> str:
    return moment.astimezone(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


# --- checking credentials --------------------------------------------------------------------------------


def verify_credential(
    credential: dict[str, Any], now: datetime | None = None, trusted: Collection[str] | None = None
) -> None:
    """Raises a CredentialError with a plain message unless the credential is exactly as signed and valid.

    E602 no proof, E604 a proof we cannot use, E601 changed after signing, E605 signed by another key than
    the issuer's, E610 a key not in `trusted` (did:key values; None trusts any key), E606 not valid yet,
    E603 expired. A did:key proves who holds the key, not who the desk is: `trusted` is how a receiver
    says which desks they know.
    """
    try:
        method = verify_proof(credential)
    except AssistantError as exc:
        raise CredentialError(exc.code, **exc.params) from exc
    signer = signer_did(method)
    issuer = credential.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    if issuer_id != signer:
        raise CredentialError("E605")
    if trusted is not None and signer not in trusted:
        raise CredentialError("E610")
    now = now or datetime.now(UTC)
    valid_from = _parse_time(credential.get("validFrom"))
    if valid_from is not None and now + CLOCK_SKEW < valid_from:
        raise CredentialError("E606", date=_day(valid_from.date()))
    valid_until = _parse_time(credential.get("validUntil"))
    if valid_until is not None and now > valid_until:
        raise CredentialError("E603", until=_day(valid_until.date()))


def _parse_time(value: object) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise CredentialError("E604") from exc
    # VC 2.0 requires a time zone; a value without one is read as UTC rather than as the desk's local time.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def verify_file(path: Path, now: datetime | None = None, trusted: Collection[str] | None = None) -> list[str]:
    """Checks every credential in an exported file (an array, or one credential) and never writes to it.

    Returns one plain line per credential and a line with each issuer key, for the receiver to compare
    with the key the desk publishes. Raises E607 for a file that holds no credentials, and a
    CredentialError numbered by the first credential that fails.
    """
    credentials = _read_credentials(path)
    lines: list[str] = []
    keys: list[str] = []
    for number, credential in enumerate(credentials, start=1):
        try:
            verify_credential(credential, now=now, trusted=trusted)
        except CredentialError as exc:
            exc.number = number
            raise
        issuer = credential["issuer"]
        name = issuer.get("name") if isinstance(issuer, dict) else None
        signed = _parse_time(credential["proof"].get("created") or credential.get("validFrom"))
        lines.append(
            _(VERIFIED_LINE).format(
                number=number,
                issuer=name or signer_did(credential["proof"]["verificationMethod"]),
                date=_day(signed.date()) if signed else "?",
            )
        )
        signer = signer_did(credential["proof"]["verificationMethod"])
        if signer not in keys:
            keys.append(signer)
    lines.extend(_(KEY_LINE).format(key=key) for key in keys)
    return lines


def _read_credentials(path: Path) -> list[dict[str, Any]]:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise ValueError("too large")
        parsed = json.loads(data.decode("utf-8"))
    except (OSError, ValueError, RecursionError) as exc:
        raise AssistantError("E607", file=str(path)) from exc
    items = parsed if isinstance(parsed, list) else [parsed]
    if not items or not all(_is_credential(item) for item in items):
        raise AssistantError("E607", file=str(path))
    return items


def _is_credential(item: object) -> bool:
    if not isinstance(item, dict):
        return False
    kinds = item.get("type")
    return isinstance(kinds, list) and "VerifiableCredential" in kinds
