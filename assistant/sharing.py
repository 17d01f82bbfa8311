"""Sharing a passport the holder owns: give and withdraw consent, export what a consent allows, erase.

The command line and the kiosk both come here, so every path out of the store checks consent the same way
and lands in the access log.
"""

from __future__ import annotations

import os
import tempfile
from datetime import date
from pathlib import Path

from assistant.errors import AssistantError
from assistant.export.renderer import Renderer
from assistant.passport.consent import Consent, Part, ReceiverKind, shared_copy
from assistant.storage import Store


def give_consent(
    store: Store,
    passport_id: str,
    parts: list[Part],
    receiver_kind: ReceiverKind,
    receiver: str,
    purpose: str,
    until: date,
    actor: str,
) -> Consent:
    try:
        consent = Consent(
            passport_id=passport_id,
            parts=parts,
            receiver_kind=receiver_kind,
            receiver=receiver,
            purpose=purpose,
            until=until,
        )
    except ValueError as exc:
        raise AssistantError("E506", what=_first_problem(exc)) from exc
    store.add_consent(consent)
    store.log_access(
        actor,
        "consent-given",
        passport_id,
        {
            "consent": consent.id,
            "parts": list(consent.parts),
            "receiver": receiver,
            "until": until.isoformat(),
        },
    )
    return consent


def withdraw_consent(store: Store, consent_id: str, actor: str) -> Consent:
    consent = store.withdraw_consent(consent_id)
    store.log_access(actor, "consent-withdrawn", consent.passport_id, {"consent": consent_id})
    return consent


def export(
    store: Store,
    passport_id: str,
    consent_id: str | None,
    renderer: Renderer,
    fmt: str,
    actor: str,
    *,
    coach_token: str | None = None,
) -> bytes:
    """The bytes of one export, from the consented part of the passport only; logged as an export.

    A coach exports with their session token: the store checks it on the read and on the log line."""
    passport = store.passport(passport_id, coach_token=coach_token)
    if consent_id is None:
        raise AssistantError("E505")
    consent = store.consent(consent_id)
    shared = shared_copy(passport, consent, hidden=store.holder_choices(passport_id).hidden)
    data = renderer(shared, consent)
    store.log_access(
        actor,
        "exported",
        passport_id,
        {"format": fmt, "consent": consent.id, "receiver": consent.receiver, "parts": list(consent.parts)},
        coach_token=coach_token,
    )
    return data


def erase(store: Store, passport_id: str, actor: str) -> None:
    store.delete_passport(passport_id, actor)


def write_file(path: Path, data: bytes) -> None:
    """Writes all or nothing: a full disk or a folder that cannot be written leaves no half file behind."""
    try:
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    except OSError as exc:
        raise AssistantError("E311", path=str(path), what=exc.strerror or str(exc)) from exc
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(temporary, path)
    except OSError as exc:
        Path(temporary).unlink(missing_ok=True)
        raise AssistantError("E311", path=str(path), what=exc.strerror or str(exc)) from exc


def _first_problem(exc: ValueError) -> str:
    errors = getattr(exc, "errors", None)
    if callable(errors):
        first = errors()[0]
        return f"{'.'.join(str(p) for p in first.get('loc', ()))}: {first.get('msg', '')}"
    return str(exc)
