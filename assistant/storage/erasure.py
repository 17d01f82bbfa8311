"""Erasure: deleting a person's passport or unfinished interview with every answer, consent and log line
behind it, on this store and (through the outbox) on the central store.

What remains is one anonymous line in the access log saying that a deletion happened. First the person's
data keys are destroyed in the key store (`person_keys`): the interview's and the passport's. From then on
their sealed words open nowhere: not in this database, its WAL or free pages, and not in any copy of it
made earlier (SQLite backup, file copy, `pg_dump`), since those never held a data key. Then the rows go,
and on SQLite the file is vacuumed, so not even the sealed text lingers. The central store does the same
when the "erase" op arrives (`Database._erase_rows`). If the rows cannot be deleted (a full disk), the keys
are already gone: the words stay unreadable, and erasing again removes the rows.

Not covered (see `person_keys`): a copy of the key store made before the erasure, together with a region
key that opens it (retire old keys with `assistent sleutel vergeet`); a PostgreSQL key database's own WAL
and dead tuples until they are recycled; disk blocks the file system or an SSD keeps after a file shrinks.
"""

from __future__ import annotations

from sqlalchemy import select

from assistant.errors import StorageError
from assistant.storage import schema as t
from assistant.storage.database import Database, utc_now


class Erasure(Database):
    """Deleting a passport or an interview, for good."""

    def delete_passport(self, passport_id: str, actor: str) -> None:
        """Erases the passport, the interview and every answer behind it, its consents and its log lines.
        What remains is one anonymous line in the access log saying that a deletion happened."""
        with self._tx() as conn:
            session_id = conn.execute(
                select(t.passports.c.session_id).where(t.passports.c.id == passport_id)
            ).scalar()
        if session_id is None:
            raise StorageError("E301", id=passport_id)
        self._erase(session_id=session_id, passport_id=passport_id, actor=actor)

    def delete_session(self, session_id: str, actor: str) -> None:
        """The same for an interview that has no passport yet (stopped halfway)."""
        with self._read() as conn:
            row = conn.execute(select(t.sessions.c.passport_id).where(t.sessions.c.id == session_id)).first()
        if row is None:
            raise StorageError("E302", id=session_id)
        self._erase(session_id=session_id, passport_id=row.passport_id, actor=actor)

    def _erase(self, session_id: str, passport_id: str | None, actor: str) -> None:
        op = {
            "op": "erase",
            "session_id": session_id,
            "passport_id": passport_id,
            "actor": actor,
            "at": utc_now(),
        }
        with self._tx() as conn:
            if self.keeps_outbox:
                # Events not yet sent would carry the erased words to the central store: they go too.
                for needle in filter(None, (session_id, passport_id)):
                    conn.execute(t.outbox.delete().where(t.outbox.c.payload.contains(needle)))
            self._write(conn, [op])
        if self.is_sqlite:
            self._vacuum()

    def _vacuum(self) -> None:
        # Old page versions live on in the write-ahead log and in free pages until these run; VACUUM cannot
        # run inside a transaction, so it goes straight to the driver.
        with self._lock:
            raw = self.sqlite_connection()
            try:
                raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
                raw.execute("VACUUM")
                raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")
            except Exception as exc:  # sqlite3.Error: kept generic so this module needs no sqlite3 import
                raise StorageError("E303", what=str(exc)) from exc
