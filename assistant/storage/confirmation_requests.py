"""The store's side of a request to an employer to confirm skills (`assistant.attestation` makes and answers
them): the one-time code only as a keyed hash (HMAC with a secret derived from the region key), the request
sealed with the passport's data key, when it ends and when it was used.

Answering is one transaction: the request is marked used only if it was not used yet, and the passport with
the employer's signed confirmation is saved with it; either both happen or neither (nothing lost, and a code
cannot be used twice, not even by two people at the same moment).
"""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import select

from assistant.errors import AssistantError
from assistant.passport.model import Passport
from assistant.storage import schema as t
from assistant.storage.passports import Passports

SECRET_PURPOSE = "confirmation-code"


@dataclass(frozen=True)
class RequestRow:
    id: str
    passport_id: str
    data: str
    created_by: str
    created_at: datetime
    expires_at: datetime
    used_at: datetime | None


class ConfirmationRequests(Passports):
    """Add a request, find one by its code, and answer it once."""

    def confirmation_code_hash(self, code: str, secret: bytes | None = None) -> str:
        secret = secret or self.cipher.derive_secret(SECRET_PURPOSE)
        return hmac.new(secret, code.encode("utf-8"), hashlib.sha256).hexdigest()

    def add_confirmation_request(
        self,
        request_id: str,
        code: str,
        passport_id: str,
        data: str,
        created_by: str,
        created: datetime,
        expires: datetime,
    ) -> None:
        with self._tx() as conn:
            conn.execute(
                t.confirmation_requests.insert().values(
                    id=request_id,
                    code_hash=self.confirmation_code_hash(code),
                    passport_id=passport_id,
                    data=self.keys.seal(passport_id, data),
                    created_by=created_by,
                    created_at=created.isoformat(),
                    expires_at=expires.isoformat(),
                )
            )

    def confirmation_request(self, code: str) -> RequestRow | None:
        """The request this code belongs to (used or not, ended or not: the caller says which), or None."""
        table = t.confirmation_requests
        # Under every key of the ring: a code given out before a rotation of the region key still works.
        hashes = [self.confirmation_code_hash(code, s) for s in self.cipher.derive_secrets(SECRET_PURPOSE)]
        with self._read() as conn:
            row = conn.execute(select(table).where(table.c.code_hash.in_(hashes))).first()
        if row is None:
            return None
        m = row._mapping
        return RequestRow(
            id=str(m["id"]),
            passport_id=str(m["passport_id"]),
            data=self.keys.open(m["data"]) or "",
            created_by=str(m["created_by"]),
            created_at=datetime.fromisoformat(m["created_at"]),
            expires_at=datetime.fromisoformat(m["expires_at"]),
            used_at=datetime.fromisoformat(m["used_at"]) if m["used_at"] else None,
        )

    def answer_confirmation_request(
        self, request_id: str, passport: Passport, expected_version: int, moment: datetime, employer: str
    ) -> None:
        """Marks the request used and saves the confirmed passport, together; E622 when it was used already,
        E307 when the passport changed since it was read (then nothing is saved and the code still works)."""
        table = t.confirmation_requests
        with self._tx() as conn:
            used = conn.execute(
                table.update()
                .where(table.c.id == request_id, table.c.used_at.is_(None))
                .values(used_at=moment.isoformat())
            ).rowcount
            if used != 1:
                raise AssistantError("E622")
            self._save_passport(conn, passport, expected_version, ("employer", employer, "confirm", None))
