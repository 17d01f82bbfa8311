"""A signing key per coach and union-counsellor account: made at `coach add-user`, revoked or renewed with
`assistent coach sleutel intrekken|vernieuwen NAAM`, and used to sign what the coach decides in a review.

Owns the rules: a key lasts `coach_key_years` (setting, default 2 years); an expired or revoked key signs
nothing (E617, E616), and a signature is only good when it was made while its key was valid (E618, E619,
checked by `check_signed_at`). The key is an Ed25519 key with a did:key; the private part is sealed with
the region key ring in the store (`storage.coach_keys`), never written to a file.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from assistant.errors import AssistantError
from assistant.export.ob3_export import long_date
from assistant.export.signing import did_key, multibase_decode, public_key_from_verification_method
from assistant.passport.decision_signing import decision_bytes
from assistant.passport.model import Assessment
from assistant.storage import Store
from assistant.storage.signing_keys import CoachKeyRow

#: Signs `data`; returns the signer's did:key and the raw signature.
Signer = Callable[[bytes], tuple[str, bytes]]


def make_key(store: Store, name: str, years: float = 2, now: datetime | None = None) -> str:
    """A new key for account `name`, valid for `years`; its did:key. Earlier keys are revoked from now."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    if store.coach_user(name) is None:
        raise AssistantError("E620", name=name)
    store.revoke_coach_keys(name, now)
    key = Ed25519PrivateKey.generate()
    pem = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode("ascii")
    did = did_key(key.public_key())
    store.add_coach_key(name, did, pem, now, now + timedelta(days=365.25 * years))
    store.log_access("cli", "key-made", None, {"name": name, "did": did})
    return did


def revoke(store: Store, name: str, now: datetime | None = None) -> int:
    """Revokes every key of `name`; from now on that account signs nothing until it gets a new key."""
    if store.coach_user(name) is None:
        raise AssistantError("E620", name=name)
    count = store.revoke_coach_keys(name, (now or datetime.now(UTC)).astimezone(UTC))
    store.log_access("cli", "key-revoked", None, {"name": name})
    return count


def signing_key(store: Store, name: str, now: datetime | None = None) -> tuple[str, Ed25519PrivateKey]:
    """The did and key `name` signs with now; E616 when revoked (or none), E617 when expired."""
    now = (now or datetime.now(UTC)).astimezone(UTC)
    row = store.newest_coach_key(name, with_private=True)
    if row is None or row.revoked_at is not None or row.private_pem is None:
        raise AssistantError("E616", name=name)
    if now >= row.expires_at:
        raise AssistantError("E617", name=name, date=long_date(row.expires_at.date()))
    key = serialization.load_pem_private_key(row.private_pem.encode("ascii"), password=None)
    if not isinstance(key, Ed25519PrivateKey):
        raise AssistantError("E616", name=name)
    return row.did, key


def key_lookup(
    store: Store, now: Callable[[], datetime] | None = None
) -> Callable[[str], tuple[str, Ed25519PrivateKey]]:
    """For an Open Badges export: coach name -> the coach's current (did, key), E616/E617 as `signing_key`."""

    def lookup(name: str) -> tuple[str, Ed25519PrivateKey]:
        return signing_key(store, name, now() if now else None)

    return lookup


def signer_for(store: Store, name: str, now: Callable[[], datetime] | None = None) -> Signer:
    """A `Signer` for the review of coach `name`: looks the key up at every signature, so a key revoked
    during a review stops signing at once."""

    def sign(data: bytes) -> tuple[str, bytes]:
        did, key = signing_key(store, name, now() if now else None)
        return did, key.sign(data)

    return sign


def check_signed_at(row: CoachKeyRow, signed: datetime) -> None:
    """E618 when the key was revoked before `signed`, E619 when it had expired by then."""
    signed = signed if signed.tzinfo else signed.replace(tzinfo=UTC)
    if row.revoked_at is not None and row.revoked_at <= signed:
        raise AssistantError("E618", name=row.name, date=long_date(row.revoked_at.date()))
    if signed >= row.expires_at:
        raise AssistantError("E619", name=row.name, date=long_date(row.expires_at.date()))


def key_check(store: Store) -> Callable[[str, datetime], bool]:
    """For `verify`: whether a signer's did is a coach key of this store (False when it is not), and E618/E619
    when that key was revoked or expired before the signature was made."""

    def check(did: str, signed: datetime) -> bool:
        row = store.coach_key(did)
        if row is None:
            return False
        check_signed_at(row, signed)
        return True

    return check


def verify_decision(store: Store, passport_id: str, skill_ref: str, assessment: Assessment) -> str:
    """Checks a coach's signed judgement: the signature over exactly this judgement (E601), by a key this
    store knows (E610), valid on the judgement's date (E618, E619). Returns the coach's name."""
    if not assessment.signed_by or not assessment.signature:
        raise AssistantError("E602")
    row = store.coach_key(assessment.signed_by)
    if row is None:
        raise AssistantError("E610")
    try:
        public_key = public_key_from_verification_method(assessment.signed_by)
        public_key.verify(
            multibase_decode(assessment.signature), decision_bytes(passport_id, skill_ref, assessment)
        )
    except (ValueError, InvalidSignature) as exc:
        raise AssistantError("E601") from exc
    check_signed_at(row, assessment.date)
    return row.name
