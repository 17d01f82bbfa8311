"""The store's side of the coach and counsellor signing keys (`assistant.coach_keys` makes and uses them): rows
of `coach_keys`, the private key sealed with the region key ring before it reaches the database. Not named
for the coach app: the kiosk loads the whole store, and no module named for the coach app may come with it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import Connection, Row, select, text

from assistant.storage import schema as t
from assistant.storage.database import Database
from assistant.storage.field_cipher import FieldCipher

#: The columns every coach may read: who holds which key, and from when to when it signs.
PUBLIC = (
    t.coach_keys.c.did,
    t.coach_keys.c.name,
    t.coach_keys.c.created_at,
    t.coach_keys.c.expires_at,
    t.coach_keys.c.revoked_at,
)


@dataclass(frozen=True)
class CoachKeyRow:
    """One key of an account; `private_pem` is opened only when asked for (`with_private`)."""

    did: str
    name: str
    created_at: datetime
    expires_at: datetime
    revoked_at: datetime | None
    private_pem: str | None = None


class CoachKeys(Database):
    """Coach keys: add one, find the newest of an account or one by its did, revoke an account's keys."""

    def add_coach_key(
        self, name: str, did: str, private_pem: str, created: datetime, expires: datetime
    ) -> None:
        with self._tx() as conn:
            conn.execute(
                t.coach_keys.insert().values(
                    did=did,
                    name=name,
                    sealed_key=self.cipher.seal(private_pem),
                    created_at=created.isoformat(),
                    expires_at=expires.isoformat(),
                )
            )

    def newest_coach_key(self, name: str, with_private: bool = False) -> CoachKeyRow | None:
        """The account's newest key (revoked or not: the caller says why it cannot be used), or None."""
        with self._read() as conn:
            row = conn.execute(
                select(*PUBLIC)
                .where(t.coach_keys.c.name == name)
                .order_by(t.coach_keys.c.created_at.desc(), t.coach_keys.c.did)
                .limit(1)
            ).first()
            sealed = self._own_sealed_key(conn, name) if row is not None and with_private else None
        return None if row is None else self._key_row(row, sealed)

    def _own_sealed_key(self, conn: Connection, name: str) -> str | None:
        """The account's newest sealed key. On PostgreSQL a coach login may not read that column: the
        server hands it out only under a live session of that very account (migration 0010)."""
        if self.is_sqlite:
            query = select(t.coach_keys.c.sealed_key).where(t.coach_keys.c.name == name)
            order = (t.coach_keys.c.created_at.desc(), t.coach_keys.c.did)
            return conn.execute(query.order_by(*order).limit(1)).scalar()
        return conn.execute(text("SELECT assistent_own_coach_key(:name)"), {"name": name}).scalar()

    def coach_key(self, did: str) -> CoachKeyRow | None:
        """A key by its did:key, without the private part: for checking a signature against its dates."""
        with self._read() as conn:
            row = conn.execute(select(*PUBLIC).where(t.coach_keys.c.did == did)).first()
        return None if row is None else self._key_row(row, None)

    def revoke_coach_keys(self, name: str, moment: datetime) -> int:
        """Revokes every key of the account not revoked yet; how many."""
        with self._tx() as conn:
            result = conn.execute(
                t.coach_keys.update()
                .where(t.coach_keys.c.name == name, t.coach_keys.c.revoked_at.is_(None))
                .values(revoked_at=moment.isoformat())
            )
        return int(result.rowcount or 0)

    def reseal_coach_keys(self, ring: FieldCipher) -> int:
        """Re-seals every coach key with the ring's current key (after a rotation); how many."""
        with self._tx() as conn:
            rows = conn.execute(select(t.coach_keys.c.did, t.coach_keys.c.sealed_key)).all()
            for did, sealed in rows:
                conn.execute(
                    t.coach_keys.update()
                    .where(t.coach_keys.c.did == did)
                    .values(sealed_key=ring.seal(ring.open(str(sealed))))
                )
        return len(rows)

    def sealed_coach_keys(self) -> list[str]:
        """Every sealed coach key as stored: a region key that still opens one of them cannot be retired."""
        with self._read() as conn:
            return [str(v) for v in conn.execute(select(t.coach_keys.c.sealed_key)).scalars()]

    def _key_row(self, row: Row[Any], sealed: str | None) -> CoachKeyRow:
        m = row._mapping
        revoked = m["revoked_at"]
        return CoachKeyRow(
            did=str(m["did"]),
            name=str(m["name"]),
            created_at=datetime.fromisoformat(m["created_at"]),
            expires_at=datetime.fromisoformat(m["expires_at"]),
            revoked_at=datetime.fromisoformat(revoked) if revoked else None,
            private_pem=self.cipher.open(sealed) if sealed else None,
        )
