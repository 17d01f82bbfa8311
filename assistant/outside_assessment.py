"""Results of an outside assessor (level *skillsbewijs*): an EVC provider, an exam or an MBO school records per
skill the standard used (a kwalificatiedossier, a certificate name), the result and the date, signed with
the assessor's own key (`assistent beoordeling`).

The key is a file the assessor holds (`assistent beoordeling sleutel --uit FILE`: an Ed25519 PKCS#8 PEM, mode
0600, never overwritten, E628). It is read only when nobody else can read it (E608) and never stored: the
store keeps the judgement with the assessor's did:key and signature, and the Open Badges credential the
assessor issues for the skill (`export.ob3_assessor`). Record only a result the person passed: the level
becomes skillsbewijs.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assistant.attestation import clean_name
from assistant.errors import AssistantError
from assistant.export.ob3_assessor import assessor_credential
from assistant.export.signing import b58encode, did_key, key_from_pem, load_or_create_desk_key
from assistant.passport.decision_signing import decision_bytes
from assistant.passport.model import Assessment
from assistant.private_files import read_private
from assistant.storage import Store

ASSESSOR_PURPOSE = "Toetsing door een beoordelaar van buiten"
MAX_TEXT = 200


def make_key_file(path: Path) -> str:
    """A new key in `path` (0600); its did:key. E628 when the file is there already: never overwritten."""
    if path.exists() or path.is_symlink():
        raise AssistantError("E628", file=str(path))
    return did_key(load_or_create_desk_key(path).public_key())


def load_key(path: Path) -> Ed25519PrivateKey:
    """The assessor's key; E609 missing or not a key, E608 readable by others."""
    try:
        pem = read_private(path)
    except OSError as exc:
        raise AssistantError("E609", file=str(path)) from exc
    return key_from_pem(pem, path)


def parse_day(text: str, today: date | None = None) -> date:
    """The date of the result: JJJJ-MM-DD, not in the future (E629)."""
    try:
        day = date.fromisoformat(text.strip())
    except ValueError as exc:
        raise AssistantError("E629", what="--datum", why="JJJJ-MM-DD") from exc
    if day > (today or datetime.now(UTC).date()):
        raise AssistantError("E629", what="--datum", why="niet later dan vandaag")
    return day


def record(
    store: Store,
    passport_id: str,
    skill_ref: str,
    key: Ed25519PrivateKey,
    *,
    name: str,
    organisation: str,
    standard: str,
    result: str,
    day: date,
    actor: str,
    now: datetime | None = None,
) -> Assessment:
    """Adds the signed result to the skill, raises it to skillsbewijs and saves; nothing is saved on error."""
    now = (now or datetime.now(UTC)).astimezone(UTC).replace(microsecond=0)
    name = clean_name(name, "naam")
    organisation = clean_name(organisation, "organisatie")
    standard = clean_name(standard, "standaard")
    result = clean_name(result, "uitslag")
    version = store.passport_version(passport_id)
    passport = store.passport(passport_id, coach_token=store.coach_token)
    skill = next((s for s in passport.skills if skill_ref in (s.ref, s.id) and s.status != "rejected"), None)
    if skill is None:
        raise AssistantError("E304", id=skill_ref)
    did = did_key(key.public_key())
    judgement = Assessment(
        assessed_by="external",
        assessor=name,
        organisation=organisation,
        verdict="accepted",
        standard=skill.provenance[-1].standard,
        purpose=ASSESSOR_PURPOSE,
        level="skillsbewijs",
        date=datetime(day.year, day.month, day.day, tzinfo=UTC),
        standard_name=standard,
        result=result,
        signed_by=did,
    )
    skill.provenance.append(judgement)
    skill.level = "skillsbewijs"
    judgement.credential = assessor_credential(
        key,
        passport_id=passport.id,
        skill=skill,
        name=name,
        organisation=organisation,
        standard=standard,
        result=result,
        day=day,
        issued=now,
    )
    judgement.signature = "z" + b58encode(key.sign(decision_bytes(passport.id, skill.ref, judgement)))
    passport.updated_at = now
    store.save_passport(passport, version, actor_kind="assessor", actor=name, action="assess")
    store.log_access(
        actor,
        "assessed",
        passport.id,
        {"skill": skill.ref, "did": did, "organisation": organisation},
        coach_token=store.coach_token,
    )
    return judgement
