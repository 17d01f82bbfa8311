"""Consents: what a person agreed to share, with whom and until when, kept sealed beside their passport,
and the withdrawal of one."""

from __future__ import annotations

from datetime import UTC, datetime

from pydantic import BaseModel
from sqlalchemy import select

from assistant.errors import StorageError
from assistant.passport.consent import Consent
from assistant.storage import schema as t
from assistant.storage.database import Database
from assistant.storage.passports import stored_version


class Consents(Database):
    """Giving, reading and withdrawing consent."""

    def add_consent(self, consent: Consent) -> Consent:
        with self._read() as conn:
            if stored_version(conn, consent.passport_id) is None:
                raise StorageError("E301", id=consent.passport_id)
        row = {
            "id": consent.id,
            "passport_id": consent.passport_id,
            "data": self._seal_model(consent.passport_id, consent),
        }
        with self._tx() as conn:
            self._write(conn, [{"op": "insert", "table": "consents", "row": row}])
        return consent

    def _seal_model(self, passport_id: str, model: BaseModel) -> str:
        # Sealed with the passport's data key: erasing the passport destroys it.
        return str(self.keys.seal(passport_id, model.model_dump_json()))

    def consent(self, consent_id: str) -> Consent:
        with self._read() as conn:
            data = conn.execute(select(t.consents.c.data).where(t.consents.c.id == consent_id)).scalar()
        if data is None:
            raise StorageError("E504", id=consent_id)
        return Consent.model_validate_json(self.keys.open(data) or "")

    def consents(self, passport_id: str) -> list[Consent]:
        with self._read() as conn:
            rows = conn.execute(
                select(t.consents.c.data).where(t.consents.c.passport_id == passport_id)
            ).all()
        found = (Consent.model_validate_json(self.keys.open(r.data) or "") for r in rows)
        return sorted(found, key=lambda c: c.given_at)

    def withdraw_consent(self, consent_id: str) -> Consent:
        consent = self.consent(consent_id)
        if consent.withdrawn_at is None:
            consent = consent.model_copy(update={"withdrawn_at": datetime.now(UTC)})
            op = {
                "op": "update",
                "table": "consents",
                "key": {"id": consent_id},
                "values": {"data": self._seal_model(consent.passport_id, consent)},
            }
            with self._tx() as conn:
                self._write(conn, [op])
        return consent
