"""Checking Open Badges 3.0 credentials: whether each one in an exported file is still as the desk signed
it, and still valid. A receiver runs this (`assistent verify`); it reads the file and never writes to it.

Signature checking is in `signing.py`; what a credential holds is in `ob3_export.py`.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Collection
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.export.ob3_export import long_date
from assistant.export.signing import proof_of, signer_did, verify_proof
from assistant.i18n import N_, _

#: A file bigger than this is not an export of ours; reading it whole would only hang the desk.
MAX_FILE_BYTES = 5 * 1024 * 1024
#: Clocks of two desks differ a little; a credential from a few minutes "in the future" is still fine.
CLOCK_SKEW = timedelta(minutes=5)

VERIFIED_LINE = N_("Verklaring {number}: {name}. De handtekening van {issuer} klopt, gezet op {date}.")
KEY_LINE = N_("Sleutel van de uitgever: {key}")
NUMBERED = N_("Verklaring {number}:")
#: Who vouches, for a credential without its own sentence (made before credentials carried one).
SELF_DECLARED = N_("Door de persoon zelf verklaard.")
CHECKED_BY = N_("{name} heeft het nagekeken.")
WHAT_A_SIGNATURE_MEANS = N_(
    "De handtekening van het loket zegt: zo staat het in het paspoort. "
    "Wie ervoor instaat, staat bij elke verklaring."
)
SUMMARY = N_("{good} van de {total} verklaringen zijn in orde.")
ENDORSED = N_("{name} ({role}) bevestigt dit met een eigen handtekening. Die klopt.")
COACH_KEY_CHECKED = N_("De sleutel van {name} was geldig bij het tekenen.")
OFFLINE = N_(
    "Niet nagekeken: of een sleutel van een coach is ingetrokken. Daarvoor is de opslag van de regio nodig."
)

#: Checks a signer's key in the region's store at the moment of signing: True for a coach key that was valid
#: then, False for a key the store does not know as a coach key; raises E618 (revoked) or E619 (expired).
KeyCheck = Callable[[str, datetime], bool]


@dataclass
class Verification:
    """What `verify_file` found: one line per credential in the file's order, then the summary and keys."""

    lines: list[str]
    failures: list[CredentialError] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.failures


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


def verify_credential(
    credential: dict[str, Any],
    now: datetime | None = None,
    trusted: Collection[str] | None = None,
    key_check: KeyCheck | None = None,
) -> bool:
    """Raises a CredentialError with a plain message unless the credential is exactly as signed and valid.

    E602 no proof, E604 a proof we cannot use, E601 changed after signing, E605 signed by another key than
    the issuer's, E610 a key not in `trusted` (did:key values; None trusts any key), E606 not valid yet,
    E603 expired. A did:key proves who holds the key, not who the desk is: `trusted` is how a receiver
    says which desks they know. Every endorsement inside is checked the same way (E601, E602, E604) and must
    be signed by its own issuer and endorse this credential (E605). With `key_check`, the signer's key is
    looked up in the store (E618 revoked, E619 expired when signed); True when it was a coach key checked.
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
        raise CredentialError("E606", date=long_date(valid_from.date()))
    valid_until = _parse_time(credential.get("validUntil"))
    if valid_until is not None and now > valid_until:
        raise CredentialError("E603", until=long_date(valid_until.date()))
    for endorsement in _endorsements(credential):
        _verify_endorsement(endorsement, credential.get("id"))
    if key_check is None:
        return False
    signed = _parse_time(proof_of(credential).get("created")) or valid_from or now
    try:
        return key_check(signer, signed)
    except AssistantError as exc:
        raise CredentialError(exc.code, **exc.params) from exc


def _endorsements(credential: dict[str, Any]) -> list[Any]:
    found = credential.get("endorsement")
    if found is None:
        return []
    return found if isinstance(found, list) else [found]


def _verify_endorsement(endorsement: Any, credential_id: object) -> None:
    if not isinstance(endorsement, dict):
        raise CredentialError("E604")
    try:
        method = verify_proof(endorsement)
    except AssistantError as exc:
        raise CredentialError(exc.code, **exc.params) from exc
    issuer = endorsement.get("issuer")
    issuer_id = issuer.get("id") if isinstance(issuer, dict) else issuer
    subject = endorsement.get("credentialSubject")
    endorsed = subject.get("id") if isinstance(subject, dict) else None
    if issuer_id != signer_did(method) or endorsed != credential_id:
        raise CredentialError("E605")


def _parse_time(value: object) -> datetime | None:
    if value is None:
        return None
    try:
        moment = datetime.fromisoformat(str(value))
    except ValueError as exc:
        raise CredentialError("E604") from exc
    # VC 2.0 requires a time zone; a value without one is read as UTC rather than as the desk's local time.
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)


def verify_file(
    path: Path,
    now: datetime | None = None,
    trusted: Collection[str] | None = None,
    key_check: KeyCheck | None = None,
) -> Verification:
    """Checks every credential in an exported file (an array, one credential, or a VerifiablePresentation
    holding them) and never writes to it.

    Every credential gets its own line, in the file's order: a good one says whose signature it carries and
    who vouches for what it says (the desk signs what was written down, not that it checked the skill); one
    that fails says why, numbered. Then a summary and a line with each issuer key, for the receiver to compare
    with the key the desk publishes. Without `key_check` (no store at hand) a last line says that revocation
    of coach keys was not checked. Raises E607 only for a file that holds no credentials.
    """
    credentials = _read_credentials(path)
    result = Verification(lines=[])
    keys: list[str] = []
    for number, credential in enumerate(credentials, start=1):
        try:
            coach_checked = verify_credential(credential, now=now, trusted=trusted, key_check=key_check)
        except CredentialError as exc:
            exc.number = number
            result.failures.append(exc)
            result.lines.append(exc.user_message())
            continue
        proof = proof_of(credential)
        signer = signer_did(proof["verificationMethod"])
        issuer = credential["issuer"]
        name = issuer.get("name") if isinstance(issuer, dict) else None
        signed = _parse_time(proof.get("created") or credential.get("validFrom"))
        line = _(VERIFIED_LINE).format(
            number=number,
            name=str(credential.get("name") or "-"),
            issuer=name or signer,
            date=long_date(signed.date()) if signed else "?",
        )
        result.lines.append(f"{line} {_who_vouches(credential)}")
        if coach_checked:
            result.lines.append(_(COACH_KEY_CHECKED).format(name=name or signer))
        for endorsement in _endorsements(credential):
            endorser = endorsement["issuer"]
            result.lines.append(
                _(ENDORSED).format(name=endorser.get("name") or "-", role=endorser.get("description") or "-")
            )
        if signer not in keys:
            keys.append(signer)
    good = len(credentials) - len(result.failures)
    result.lines.append(_(SUMMARY).format(good=good, total=len(credentials)))
    if good:
        result.lines.append(_(WHAT_A_SIGNATURE_MEANS))
    result.lines.extend(_(KEY_LINE).format(key=key) for key in keys)
    if key_check is None:
        result.lines.append(_(OFFLINE))
    return result


def _who_vouches(credential: dict[str, Any]) -> str:
    """The credential's own signed sentence about who vouches; for an older one, read from its assessor."""
    description = credential.get("description")
    if isinstance(description, str) and description.strip():
        return _(description)
    subject = credential.get("credentialSubject")
    source = subject.get("source") if isinstance(subject, dict) else None
    if isinstance(source, dict) and source.get("name"):
        return _(CHECKED_BY).format(name=source["name"])
    return _(SELF_DECLARED)


def _read_credentials(path: Path) -> list[dict[str, Any]]:
    try:
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            raise ValueError("too large")
        parsed = json.loads(data.decode("utf-8"))
    except (OSError, ValueError, RecursionError) as exc:
        raise AssistantError("E607", file=str(path)) from exc
    if isinstance(parsed, dict) and "VerifiablePresentation" in (parsed.get("type") or []):
        # One file for a wallet (`export --een-bestand`): the credentials are in `verifiableCredential`.
        parsed = parsed.get("verifiableCredential")
        if not isinstance(parsed, list):
            raise AssistantError("E607", file=str(path))
    items = parsed if isinstance(parsed, list) else [parsed]
    if not items or not all(_is_credential(item) for item in items):
        raise AssistantError("E607", file=str(path))
    return items


def _is_credential(item: object) -> bool:
    if not isinstance(item, dict):
        return False
    kinds = item.get("type")
    return isinstance(kinds, list) and "VerifiableCredential" in kinds
