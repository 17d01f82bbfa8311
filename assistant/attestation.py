"""Employer confirmation (level *skillscertificaat*): the holder or a coach asks an employer to confirm chosen
skills; the employer, without an account, answers per skill with a one-time code or a request file
(`assistent bevestig`), and each confirmed skill gets a judgement signed with a key made for this one
confirmation, and an Open Badges `EndorsementCredential` signed with the same key.

Owns the rules:
- only skills the holder shares under the chosen consent can be asked (E621): the request is cut with
  `shared_copy`, so a skill the holder hid or did not share is never shown to the employer;
- the code is 12 letters and digits (about 59 bits), kept only as a keyed hash, ends after `days` (default
  7, at most 30) and works once (E622 used or unknown, E623 ended); a request file carries the code and the
  request, and a file whose request differs from the stored one is refused (E625);
- the employer's name, organisation and role must be plain text of 2 to 100 characters (E624): a control
  character or a huge text is refused, never silently cut;
- the answer is saved in one transaction with the code's use (`storage.confirmation_requests`): an error
  loses nothing and leaves the code working.

The private key of a confirmation lives only in memory while the employer answers; its did:key (the public
key itself) is kept in each signed judgement and endorsement.
"""

from __future__ import annotations

import json
import re
import secrets
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Literal
from uuid import uuid4

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from pydantic import BaseModel, ConfigDict, ValidationError

from assistant.errors import AssistantError
from assistant.export.ob3_endorsement import endorsement, skill_credential_id
from assistant.export.signing import (
    b58encode,
    did_key,
    multibase_decode,
    public_key_from_verification_method,
    signer_did,
    verify_proof,
)
from assistant.passport.consent import shared_copy
from assistant.passport.decision_signing import decision_bytes
from assistant.passport.model import Assessment, Evidence, Passport, Skill
from assistant.storage import Store
from assistant.text_input import clean_answer

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or typed without doubt
CODE_LENGTH = 12
MAX_DAYS = 30
MAX_NAME = 100
MAX_EVIDENCE = 500
MAX_FILE_BYTES = 64 * 1024
FILE_KIND = "skillspaspoort-bevestiging"
EMPLOYER_PURPOSE = "Bevestiging door een werkgever"
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u200b-\u200f\u2028-\u202e\u2060-\u2064\ufeff]")

Answer = Literal["ja", "nee", "weet niet"]


class RequestedSkill(BaseModel):
    model_config = ConfigDict(extra="forbid")
    ref: str
    label: str


class ConfirmationRequest(BaseModel):
    """What the employer is asked: these skills of this holder, shared under this consent."""

    model_config = ConfigDict(extra="forbid")
    id: str
    passport_id: str
    consent_id: str
    nickname: str | None
    skills: list[RequestedSkill]
    created_at: datetime
    expires_at: datetime


@dataclass(frozen=True)
class SkillAnswer:
    ref: str
    answer: Answer
    evidence: str | None = None


@dataclass(frozen=True)
class Employer:
    name: str
    organisation: str
    role: str


@dataclass(frozen=True)
class ConfirmationResult:
    did: str
    confirmed: list[str]
    refused: list[str]
    unknown: list[str]


# --- asking -----------------------------------------------------------------------------------------------


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(CODE_LENGTH))


def normalise_code(typed: str) -> str:
    return re.sub(r"[\s\-.]", "", typed).upper()


def shown_code(code: str) -> str:
    return "-".join(code[i : i + 4] for i in range(0, len(code), 4))


def ask(
    store: Store,
    passport_id: str,
    consent_id: str,
    refs: list[str],
    actor: str,
    days: int = 7,
    now: datetime | None = None,
) -> tuple[str, ConfirmationRequest]:
    """A new request for the skills `refs` (catalogue ref or skill id) shared under `consent_id`; the code.

    E627 without a skill, E621 for a skill the consent does not share, E505 when it shares no skills."""
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    if not refs:
        raise AssistantError("E627")
    if not 1 <= days <= MAX_DAYS:
        raise AssistantError("E612", name="--dagen", low=1, high=MAX_DAYS, value=days)
    passport = store.passport(passport_id, coach_token=store.coach_token)
    consent = store.consent(consent_id)
    shared = shared_copy(passport, consent)
    if "skills" not in consent.parts:
        raise AssistantError("E505")
    chosen: list[RequestedSkill] = []
    for ref in refs:
        skill = _shared_skill(shared, ref)
        if skill is None:
            raise AssistantError("E621", skill=ref)
        if all(s.ref != skill.ref for s in chosen):
            chosen.append(RequestedSkill(ref=skill.ref, label=skill.label))
    request = ConfirmationRequest(
        id=uuid4().hex,
        passport_id=passport_id,
        consent_id=consent_id,
        nickname=shared.person.nickname,
        skills=chosen,
        created_at=now,
        expires_at=now + timedelta(days=days),
    )
    code = new_code()
    store.add_confirmation_request(
        request.id, code, passport_id, request.model_dump_json(), actor, now, request.expires_at
    )
    store.log_access(
        actor,
        "confirmation-asked",
        passport_id,
        {"request": request.id, "consent": consent_id, "skills": [s.ref for s in chosen]},
        coach_token=store.coach_token,
    )
    return code, request


def request_file(code: str, request: ConfirmationRequest) -> bytes:
    """The file an employer can get instead of a code: the code and the request, as JSON."""
    body = {
        "soort": FILE_KIND,
        "versie": 1,
        "code": shown_code(code),
        "verzoek": request.model_dump(mode="json"),
    }
    return (json.dumps(body, indent=2, ensure_ascii=False) + "\n").encode("utf-8")


def _shared_skill(shared: Passport, ref: str) -> Skill | None:
    return next(
        (s for s in shared.skills if s.status != "rejected" and ref in (s.ref, s.id)),
        None,
    )


# --- answering --------------------------------------------------------------------------------------------


def open_request(store: Store, code: str, now: datetime | None = None) -> ConfirmationRequest:
    """The request behind a typed code: E622 unknown or used, E623 ended."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    code = normalise_code(code)
    row = store.confirmation_request(code) if code else None
    if row is None or row.used_at is not None:
        raise AssistantError("E622")
    if now >= row.expires_at:
        raise AssistantError("E623", date=row.expires_at.date().isoformat())
    return ConfirmationRequest.model_validate_json(row.data)


def open_request_file(store: Store, path: Path, now: datetime | None = None) -> ConfirmationRequest:
    """The request in a file, only when it is exactly the stored request of its code (E625 otherwise)."""
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise ValueError("too large")
        body = json.loads(data.decode("utf-8"))
        if (
            not isinstance(body, dict)
            or body.get("soort") != FILE_KIND
            or not isinstance(body.get("code"), str)
        ):
            raise ValueError("not a request file")
        in_file = ConfirmationRequest.model_validate(body.get("verzoek"))
    except (OSError, ValueError, RecursionError, ValidationError) as exc:
        raise AssistantError("E625", file=str(path)) from exc
    stored = open_request(store, body["code"], now)
    if in_file != stored:
        raise AssistantError("E625", file=str(path))
    return stored


def clean_name(raw: str, what: str) -> str:
    """A name, organisation or role: 2 to 100 characters, no control characters (E624)."""
    if _CONTROL.search(raw) or not 2 <= len(raw.strip()) <= MAX_NAME:
        raise AssistantError("E624", what=what, limit=MAX_NAME)
    return " ".join(raw.split())


def clean_evidence(raw: str | None) -> str | None:
    if raw is None or not raw.strip():
        return None
    return clean_answer(raw, MAX_EVIDENCE)


def answer(
    store: Store,
    request: ConfirmationRequest,
    employer: Employer,
    answers: list[SkillAnswer],
    now: datetime | None = None,
) -> ConfirmationResult:
    """Records the employer's answers: each "ja" as a signed judgement at level skillscertificaat with an
    endorsement; "nee" and "weet niet" change nothing in the passport. Saved with the code's use, at once."""
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    name = clean_name(employer.name, "naam")
    organisation = clean_name(employer.organisation, "organisatie")
    role = clean_name(employer.role, "functie")
    asked = {s.ref for s in request.skills}
    if {a.ref for a in answers} != asked:
        raise AssistantError("E626")
    version = store.passport_version(request.passport_id)
    passport = store.passport(request.passport_id)
    consent = store.consent(request.consent_id)
    shared = shared_copy(passport, consent)  # the consent must still hold, and still share these skills
    key = Ed25519PrivateKey.generate()
    did = did_key(key.public_key())
    confirmed = []
    for item in answers:
        if item.answer != "ja":
            continue
        skill = _shared_skill(shared, item.ref)
        target = next((s for s in passport.skills if s.ref == item.ref and s.status != "rejected"), None)
        if skill is None or target is None:
            raise AssistantError("E621", skill=item.ref)
        evidence = clean_evidence(item.evidence)
        judgement = Assessment(
            assessed_by="employer",
            assessor=name,
            organisation=organisation,
            role=role,
            verdict="accepted",
            standard=target.provenance[-1].standard,
            purpose=EMPLOYER_PURPOSE,
            level="skillscertificaat",
            date=now,
            evidence=[Evidence(text=evidence)] if evidence else [],
            signed_by=did,
            endorsement=endorsement(
                key,
                endorsed_id=skill_credential_id(passport.id, consent.id, target.ref),
                skill=target.label,
                name=name,
                organisation=organisation,
                role=role,
                evidence=evidence,
                issued=now,
            ),
        )
        judgement.signature = "z" + b58encode(key.sign(decision_bytes(passport.id, target.ref, judgement)))
        target.provenance.append(judgement)
        if target.level == "skillsverklaring":
            target.level = "skillscertificaat"
        confirmed.append(target.ref)
    passport.updated_at = now
    store.answer_confirmation_request(request.id, passport, version, now, name)
    result = ConfirmationResult(
        did=did,
        confirmed=confirmed,
        refused=[a.ref for a in answers if a.answer == "nee"],
        unknown=[a.ref for a in answers if a.answer == "weet niet"],
    )
    store.log_access(
        f"werkgever: {name}, {organisation}",
        "confirmed",
        passport.id,
        {
            "request": request.id,
            "did": did,
            "ja": confirmed,
            "nee": result.refused,
            "weet niet": result.unknown,
        },
    )
    return result


def verify_confirmation(passport_id: str, skill_ref: str, judgement: Assessment) -> str:
    """Checks a judgement an employer or assessor signed with their own key, and its endorsement: E602
    unsigned, E601 changed after signing, E605 an endorsement by another key. Returns the signer's did."""
    if not judgement.signed_by or not judgement.signature:
        raise AssistantError("E602")
    try:
        public_key = public_key_from_verification_method(judgement.signed_by)
        public_key.verify(
            multibase_decode(judgement.signature), decision_bytes(passport_id, skill_ref, judgement)
        )
    except (ValueError, InvalidSignature) as exc:
        raise AssistantError("E601") from exc
    if judgement.endorsement is not None:
        method = verify_proof(judgement.endorsement)
        issuer = judgement.endorsement.get("issuer")
        issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
        if signer_did(method) != judgement.signed_by or issuer_id != judgement.signed_by:
            raise AssistantError("E605")
    return judgement.signed_by
